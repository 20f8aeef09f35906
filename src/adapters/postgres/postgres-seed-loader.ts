/**
 * Loads a CSV seed into PostgreSQL as dbt-postgres does: infer column types with dbt's rules,
 * create the table, copy the rows in. Two passes over the file, neither holding it in memory:
 * the first infers the types, the second parses again and streams the rows to
 * `COPY … FROM STDIN (FORMAT csv)`. The file is not handed to the server as written: Python's
 * csv reader (dbt's) and the server's differ (text after a closing quote, `""` as empty), and
 * agate reads cells first (`1,000` and `$5` are numbers, `''`/`null` are nulls). So each cell is
 * read as agate reads it and written again in the server's CSV: a null as an unquoted empty
 * field (`NULL ''`), every other value quoted.
 */
import { createReadStream } from 'node:fs';
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import { CsvParser, scanCsvFile } from '../seeds/csv-scanner.js';
import {
  defaultSeedSqlType,
  type SeedColumnKind,
  SeedTypeInferrer,
  seedColumnNames,
} from '../seeds/seed-type-inference.js';
import type { ColumnInfo, SeedLoadOptions, SeedLoadResult } from '../types.js';
import type { PostgresPooledConnection } from './postgres-connection.js';
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

/** Characters of server CSV collected before a chunk goes to the COPY stream. */
const CHUNK_CHARS = 1 << 20;

/** The first pass: the inferred columns and how many data rows the file has. */
async function inferSeed(
  csvPath: string,
  options: SeedLoadOptions,
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
    throw unreadable(csvPath, error);
  }
  if (inferrer === undefined) throw new AdapterError(`seed file ${csvPath} has no header row`, 'seed');
  const columns = inferrer.columns().map((column) => {
    const override = overrides[column.name];
    if (override !== undefined) return { name: column.name, dataType: override, kind: undefined };
    const dataType = defaultSeedSqlType(column);
    // A whole-number column is `integer`, whose input refuses `1.0`: such cells are rewritten.
    const kind = column.kind === 'number' && dataType === 'integer' ? 'integer' : column.kind;
    return { name: column.name, dataType, kind };
  });
  return { columns, rowCount };
}

function unreadable(csvPath: string, error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AdapterError(`cannot read seed file ${csvPath}: ${reason}`, 'seed', undefined, undefined, {
    cause: error,
  });
}

/**
 * The second pass: the data rows (header skipped) as the server's CSV, in chunks of about
 * CHUNK_CHARS; the COPY stream pulls them, so a slow server slows the reading down.
 */
async function* serverCsv(csvPath: string, delimiter: string, columns: SeedColumn[]): AsyncGenerator<string> {
  let out = '';
  let header = true;
  const parser = new CsvParser(delimiter, (row) => {
    if (header) {
      header = false;
      return;
    }
    out += serverCsvLine(row, columns);
  });
  const stream = createReadStream(csvPath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
      first = false;
      if (out.length >= CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
    parser.end();
  } catch (error) {
    throw unreadable(csvPath, error);
  }
  if (out.length > 0) yield out;
}

/** One row in the server's CSV: nulls as empty fields, values quoted with `"` doubled. */
function serverCsvLine(row: string[], columns: SeedColumn[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += ',';
    const value = seedCellValue(row[i], columns[i]!.kind);
    if (value !== null) line += `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
  }
  return `${line}\n`;
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
      return integerText(numberText(trimmed));
    case 'number':
      return numberText(trimmed);
    case 'boolean':
      return trimmed.replaceAll(',', '').trim().toLowerCase();
    case 'date':
    case 'datetime':
      return trimmed;
    case 'text':
    case undefined:
      // dbt opens the file with universal newlines: a CR or CRLF inside quotes reads as LF.
      return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  }
}

/** agate's en_US number reading: drop `%`, currency symbols, `,` and `_` separators. */
function numberText(value: string): string {
  const negative = value.startsWith('-');
  const body = (negative ? value.slice(1) : value).replace(/[%؋$ƒ៛¥₡₱£€¢﷼₪₩₭₮₦฿₤₫,_]/g, '').trim();
  return negative ? `-${body}` : body;
}

/**
 * A whole number's text as the server's integer input takes it: `1.0` → `1`, `1.5e1` → `15`
 * (inference only picks `integer` when every value is whole; anything else goes as it is).
 */
function integerText(value: string): string {
  if (/^[+-]?\d+$/.test(value)) return value;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  if (match === null) return value;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  let digits = whole + fraction;
  const shift = Number(exponentText) - fraction.length;
  if (shift >= 0) digits += '0'.repeat(shift);
  else if (/^0*$/.test(digits.slice(shift))) digits = digits.slice(0, shift);
  else return value;
  digits = digits.replace(/^0+(?=\d)/, '');
  return digits === '' ? '0' : `${sign === '-' && digits !== '0' ? '-' : ''}${digits}`;
}

/**
 * dbt's seed semantics: a view in the way is an error; a new table or `fullRefresh` (re)creates
 * it; otherwise the existing table is truncated and reloaded (its column types kept). All of it
 * runs in one transaction, so a failed load leaves the previous table as it was.
 */
export async function loadPostgresSeed(
  context: SeedLoaderContext,
  connection: PostgresPooledConnection,
  relation: Relation,
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const { columns, rowCount } = await inferSeed(csvPath, options);
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
  const copySql = `copy ${dialect.render(table)} (${list}) from stdin with (format csv, header false, null '')`;
  let rowsAffected = 0;
  await connection.begin();
  try {
    for (const sql of statements) await connection.execute(sql);
    if (rowCount > 0) {
      rowsAffected = await connection.copyFrom(
        copySql,
        serverCsv(csvPath, options.delimiter ?? ',', columns),
      );
    }
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
    sql: [...statements, ...(rowCount > 0 ? [copySql] : [])],
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
