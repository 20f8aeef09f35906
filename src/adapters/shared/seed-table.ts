/**
 * dbt's seed semantics, the same for every warehouse: the CSV's columns and types inferred with
 * dbt's rules, then a view in the way is an error; a new table or `fullRefresh` (re)creates it;
 * otherwise the existing table is truncated and reloaded (its column types kept). All of it runs
 * in one transaction, so a failed load leaves the previous table as it was. How the rows get in
 * (the bulk copy) is the warehouse's own.
 */
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import { scanCsvFile } from '../seeds/csv-scanner.js';
import {
  defaultSeedSqlType,
  type InferredSeedColumn,
  SeedTypeInferrer,
  seedColumnNames,
} from '../seeds/seed-type-inference.js';
import type { AdapterConnection, ColumnInfo, SeedLoadOptions, SeedLoadResult } from '../types.js';
import { inTransaction } from './adapter-support.js';
import type { BaseSqlDialect } from './base-dialect.js';

/** What a seed loader needs from the adapter. */
export interface SeedLoaderContext<D extends BaseSqlDialect = BaseSqlDialect> {
  dialect: D;
  getRelation(relation: Relation): Promise<Relation | undefined>;
  getColumns(relation: Relation): Promise<ColumnInfo[]>;
}

/** A seed column: its SQL type and, unless `column_types` overrides it, what inference saw. */
export interface SeedColumn {
  name: string;
  dataType: string;
  inferred: InferredSeedColumn | undefined;
}

/** One pass over the file: the columns (overrides from `columnTypes` win) and the data rows. */
export async function inferSeedFile(
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<{ columns: SeedColumn[]; rowCount: number }> {
  const overrides = options.columnTypes ?? {};
  let inferrer: SeedTypeInferrer | undefined;
  let rowCount = 0;
  try {
    await scanCsvFile(csvPath, options.delimiter ?? ',', (row) => {
      if (inferrer === undefined) {
        inferrer = new SeedTypeInferrer(seedColumnNames(row), new Set(Object.keys(overrides)));
      } else {
        inferrer.observe(row);
        rowCount += 1;
      }
    });
  } catch (error) {
    throw unreadableSeed(csvPath, error);
  }
  if (inferrer === undefined) throw new AdapterError(`seed file ${csvPath} has no header row`, 'seed');
  const columns = inferrer.columns().map((column) => {
    const override = overrides[column.name];
    return override === undefined
      ? { name: column.name, dataType: defaultSeedSqlType(column), inferred: column }
      : { name: column.name, dataType: override, inferred: undefined };
  });
  return { columns, rowCount };
}

/** A failure reading the seed file, as a `seed` error naming it. */
export function unreadableSeed(csvPath: string, error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AdapterError(`cannot read seed file ${csvPath}: ${reason}`, 'seed', undefined, undefined, {
    cause: error,
  });
}

/** The warehouse's bulk load into the prepared table: its SQL, and a run giving the rows loaded. */
export interface SeedCopy {
  sql: string[];
  run(): Promise<number>;
}

/**
 * Prepares `relation` for `columns` (create, or truncate and keep) and fills it with `copy`, in
 * one transaction on `connection`.
 */
export async function loadSeedTable(
  context: SeedLoaderContext,
  connection: AdapterConnection,
  relation: Relation,
  columns: readonly { name: string; dataType: string }[],
  options: SeedLoadOptions,
  copy: (table: Relation, columnName: (name: string) => string) => SeedCopy,
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const existing = await context.getRelation(relation);
  if (existing?.isView) {
    throw new AdapterError(`cannot seed to ${existing.render()}: it is a view`, 'seed');
  }
  const table = relation.incorporate({ type: 'table' });
  const quoteColumns = options.quoteColumns ?? true;
  const columnName = (name: string) => (quoteColumns ? dialect.quote(name) : name);
  const statements: string[] = [];
  let created = columns.map(({ name, dataType }) => ({ name, dataType }));
  if (existing === undefined || options.fullRefresh) {
    if (existing !== undefined) statements.push(dialect.dropRelation(existing));
    const definitions = columns.map((column) => `${columnName(column.name)} ${column.dataType}`);
    statements.push(`create table ${dialect.render(table)} (${definitions.join(', ')})`);
  } else {
    const current = await context.getColumns(existing);
    assertSameColumns(existing, current, columns);
    created = current.map((column) => ({ name: column.name, dataType: column.dataType }));
    statements.push(dialect.truncate(existing));
  }
  const load = copy(table, columnName);
  const rowsAffected = await inTransaction(connection, async () => {
    for (const sql of statements) await connection.execute(sql);
    return load.run();
  });
  const code = options.fullRefresh ? 'CREATE' : 'INSERT';
  return {
    relation: table,
    rowsAffected,
    columns: created,
    code,
    response: { message: `${code} ${rowsAffected}`, code, rowsAffected },
    sql: [...statements, ...load.sql],
  };
}

/** A reload keeps the table, so the CSV must still have its columns (else: full refresh). */
function assertSameColumns(
  relation: Relation,
  current: ColumnInfo[],
  wanted: readonly { name: string }[],
): void {
  const have = current.map((column) => column.name.toLowerCase()).join(', ');
  const want = wanted.map((column) => column.name.toLowerCase()).join(', ');
  if (have !== want) {
    throw new AdapterError(
      `the columns of seed ${relation.render()} changed (table has ${have}; file has ${want}): run with --full-refresh`,
      'seed',
    );
  }
}
