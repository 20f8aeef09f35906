/**
 * Loads a CSV seed into PostgreSQL as dbt-postgres does: infer column types with dbt's rules,
 * create the table, insert the rows. `COPY … FROM STDIN` would need the `pg-copy-streams`
 * package, and `COPY … FROM '<file>'` reads the server's disk, not ours; so rows go in multi-row
 * `INSERT … VALUES` batches with bound parameters (as dbt-postgres inserts them, in batches).
 * Values are read as agate reads them (dbt's `1,000` and `$5` are numbers, `''`/`null` are
 * nulls) and handed to the server as text, which parses them into the column's type.
 */
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import { scanCsvFile } from '../seeds/csv-scanner.js';
import {
  defaultSeedSqlType,
  type SeedColumnKind,
  SeedTypeInferrer,
  seedColumnNames,
} from '../seeds/seed-type-inference.js';
import type { AdapterConnection, ColumnInfo, SeedLoadOptions, SeedLoadResult } from '../types.js';
import type { PostgresDialect } from './postgres-dialect.js';

/** What the loader needs from the adapter. */
export interface SeedLoaderContext {
  dialect: PostgresDialect;
  getRelation(relation: Relation): Promise<Relation | undefined>;
  getColumns(relation: Relation): Promise<ColumnInfo[]>;
}

/** A seed column: its SQL type and, when inferred, how its text values are read. */
interface SeedColumn {
  name: string;
  dataType: string;
  /** Undefined for `column_types` overrides: the text goes to the server as written (nulls aside). */
  kind: SeedColumnKind | undefined;
}

/** Rows per INSERT; PostgreSQL takes at most 65535 parameters per statement. */
const BATCH_ROWS = 1000;
const MAX_PARAMETERS = 65535;

/** Reads the whole file: the header, the inferred columns and the data rows. */
async function readSeed(
  csvPath: string,
  options: SeedLoadOptions,
): Promise<{ columns: SeedColumn[]; rows: string[][] }> {
  const overrides = options.columnTypes ?? {};
  let inferrer: SeedTypeInferrer | undefined;
  const rows: string[][] = [];
  try {
    await scanCsvFile(csvPath, options.delimiter ?? ',', (row) => {
      if (inferrer === undefined) {
        inferrer = new SeedTypeInferrer(seedColumnNames(row), new Set(Object.keys(overrides)));
      } else {
        inferrer.observe(row);
        rows.push(row);
      }
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError(`cannot read seed file ${csvPath}: ${reason}`, 'seed', undefined, undefined, {
      cause: error,
    });
  }
  if (inferrer === undefined) throw new AdapterError(`seed file ${csvPath} has no header row`, 'seed');
  const columns = inferrer.columns().map((column) => {
    const override = overrides[column.name];
    return override === undefined
      ? { name: column.name, dataType: defaultSeedSqlType(column), kind: column.kind }
      : { name: column.name, dataType: override, kind: undefined };
  });
  return { columns, rows };
}

/**
 * One CSV cell as the text the server should parse, or null (agate's nulls: `''` and `null`,
 * trimmed, any case, in every column, `column_types` overrides included: they are read as text).
 */
export function seedCellValue(raw: string | undefined, kind: SeedColumnKind | undefined): string | null {
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'null') return null;
  switch (kind) {
    case 'integer':
    case 'number':
      return numberText(trimmed);
    case 'boolean':
      return trimmed.replaceAll(',', '').trim().toLowerCase();
    case 'date':
    case 'datetime':
      return trimmed;
    case 'text':
    case undefined:
      return raw;
  }
}

/** agate's en_US number reading: drop `%`, currency symbols, `,` and `_` separators. */
function numberText(value: string): string {
  const negative = value.startsWith('-');
  const body = (negative ? value.slice(1) : value).replace(/[%؋$ƒ៛¥₡₱£€¢﷼₪₩₭₮₦฿₤₫,_]/g, '').trim();
  return negative ? `-${body}` : body;
}

/**
 * dbt's seed semantics: a view in the way is an error; a new table or `fullRefresh` (re)creates
 * it; otherwise the existing table is truncated and reloaded (its column types kept). All of it
 * runs in one transaction, so a failed load leaves the previous table as it was.
 */
export async function loadPostgresSeed(
  context: SeedLoaderContext,
  connection: AdapterConnection,
  relation: Relation,
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const { columns, rows } = await readSeed(csvPath, options);
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
  const list = columns.map((column) => columnName(column.name)).join(', ');
  const perBatch = Math.max(
    1,
    Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length))),
  );
  // Numbers go through numeric: the server's integer input refuses `1.0`, agate reads it as 1.
  const tuple = `(${columns.map((column) => (column.kind === 'number' || column.kind === 'integer' ? '?::numeric' : '?')).join(', ')})`;
  const insertSql = (count: number) => {
    const tuples = Array.from({ length: count }, () => tuple);
    return `insert into ${dialect.render(table)} (${list}) values\n${tuples.join(',\n')}`;
  };
  let rowsAffected = 0;
  await connection.begin();
  try {
    for (const sql of statements) await connection.execute(sql);
    for (let start = 0; start < rows.length; start += perBatch) {
      const batch = rows.slice(start, start + perBatch);
      const values = batch.flatMap((row) => columns.map((column, i) => seedCellValue(row[i], column.kind)));
      const result = await connection.execute(insertSql(batch.length), values);
      rowsAffected += result.rowsAffected ?? batch.length;
    }
    await connection.commit();
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  }
  const code = options.fullRefresh ? 'CREATE' : 'INSERT';
  const shown = rows.length === 0 ? [] : [insertSql(Math.min(rows.length, 1)).replace(/\?/g, '%s')];
  return {
    relation: table,
    rowsAffected,
    columns: created,
    code,
    response: { message: `${code} ${rowsAffected}`, code, rowsAffected },
    sql: [...statements, ...shown],
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
