/**
 * Loads a CSV seed into DuckDB the way dbt-duckdb does: infer column types with dbt's rules in
 * one streaming pass, create the table with those types, then let DuckDB's own CSV reader fill
 * it with `COPY … FROM` (dbt-duckdb's default "fast" path), so values are parsed exactly as there.
 */
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import { scanCsvFile } from '../seeds/csv-scanner.js';
import { defaultSeedSqlType, SeedTypeInferrer, seedColumnNames } from '../seeds/seed-type-inference.js';
import type { AdapterConnection, ColumnInfo, SeedLoadOptions, SeedLoadResult } from '../types.js';
import type { DuckDBDialect } from './duckdb-dialect.js';

/** What the loader needs from the adapter. */
export interface SeedLoaderContext {
  dialect: DuckDBDialect;
  getRelation(relation: Relation): Promise<Relation | undefined>;
  getColumns(relation: Relation): Promise<ColumnInfo[]>;
}

/** Reads the header and infers every column's SQL type (overrides from `columnTypes` win). */
export async function inferSeedColumns(
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<{ name: string; dataType: string }[]> {
  const overrides = options.columnTypes ?? {};
  let inferrer: SeedTypeInferrer | undefined;
  let names: string[] = [];
  try {
    await scanCsvFile(csvPath, options.delimiter ?? ',', (row) => {
      if (inferrer === undefined) {
        names = seedColumnNames(row);
        inferrer = new SeedTypeInferrer(names, new Set(Object.keys(overrides)));
      } else {
        inferrer.observe(row);
      }
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError(`cannot read seed file ${csvPath}: ${reason}`, 'seed', undefined, undefined, {
      cause: error,
    });
  }
  if (inferrer === undefined) throw new AdapterError(`seed file ${csvPath} has no header row`, 'seed');
  return inferrer.columns().map((column) => ({
    name: column.name,
    dataType: overrides[column.name] ?? defaultSeedSqlType(column),
  }));
}

/**
 * dbt's seed semantics: a view in the way is an error; a new table or `fullRefresh` (re)creates
 * it; otherwise the existing table is truncated and reloaded (its column types kept). All of it
 * runs in one transaction, so a failed load leaves the previous table as it was.
 */
export async function loadDuckDBSeed(
  context: SeedLoaderContext,
  connection: AdapterConnection,
  relation: Relation,
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const columns = await inferSeedColumns(csvPath, options);
  const existing = await context.getRelation(relation);
  if (existing?.isView) {
    throw new AdapterError(`cannot seed to ${existing.render()}: it is a view`, 'seed');
  }
  const table = relation.incorporate({ type: 'table' });
  const quoteColumns = options.quoteColumns ?? true;
  const statements: string[] = [];
  let created = columns;
  if (existing === undefined || options.fullRefresh) {
    if (existing !== undefined) statements.push(dialect.dropRelation(existing));
    const definitions = columns.map(
      (column) => `${quoteColumns ? dialect.quote(column.name) : column.name} ${column.dataType}`,
    );
    statements.push(`create table ${table.render()} (${definitions.join(', ')})`);
  } else {
    const current = await context.getColumns(existing);
    assertSameColumns(existing, current, columns);
    created = current.map((column) => ({ name: column.name, dataType: column.dataType }));
    statements.push(dialect.truncate(existing));
  }
  const delimiter = dialect.literal(options.delimiter ?? ',');
  const copy = `copy ${table.render()} from ${dialect.literal(csvPath)} (format csv, header true, delimiter ${delimiter})`;
  await connection.begin();
  let rowsAffected = 0;
  try {
    for (const sql of statements) await connection.execute(sql);
    rowsAffected = (await connection.execute(copy)).rowsAffected ?? 0;
    await connection.commit();
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  }
  const code = options.fullRefresh ? 'CREATE' : 'INSERT';
  return {
    relation: table,
    rowsAffected,
    columns: created,
    code,
    response: { message: `${code} ${rowsAffected}`, code, rowsAffected },
    sql: [...statements, copy],
  };
}

/** A reload keeps the table, so the CSV must still have its columns (else: full refresh). */
function assertSameColumns(relation: Relation, current: ColumnInfo[], wanted: { name: string }[]): void {
  const have = current.map((column) => column.name.toLowerCase()).join(', ');
  const want = wanted.map((column) => column.name.toLowerCase()).join(', ');
  if (have !== want) {
    throw new AdapterError(
      `the columns of seed ${relation.render()} changed (table has ${have}; file has ${want}): run with --full-refresh`,
      'seed',
    );
  }
}
