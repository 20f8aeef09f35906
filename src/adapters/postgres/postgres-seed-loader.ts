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
import type { Relation } from '../relation.js';
import { CsvParser } from '../seeds/csv-scanner.js';
import type { SeedColumnKind } from '../seeds/seed-type-inference.js';
import {
  inferSeedFile,
  loadSeedTable,
  type SeedLoaderContext,
  unreadableSeed,
} from '../shared/seed-table.js';
import type { SeedLoadOptions, SeedLoadResult } from '../types.js';
import type { PostgresPooledConnection } from './postgres-connection.js';
import type { PostgresDialect } from './postgres-dialect.js';

/** A seed column: its SQL type and, when inferred, how its text values are read. */
interface ServerCsvColumn {
  name: string;
  dataType: string;
  /** Undefined for `column_types` overrides: the text goes to the server as written (nulls aside). */
  kind: SeedColumnKind | undefined;
}

/** Characters of server CSV collected before a chunk goes to the COPY stream. */
const CHUNK_CHARS = 1 << 20;

/** The first pass: the columns, each with how its text values are read, and the data rows. */
async function inferSeed(
  csvPath: string,
  options: SeedLoadOptions,
): Promise<{ columns: ServerCsvColumn[]; rowCount: number }> {
  const { columns, rowCount } = await inferSeedFile(csvPath, options);
  return {
    rowCount,
    columns: columns.map(({ name, dataType, inferred }) => {
      if (inferred === undefined) return { name, dataType, kind: undefined };
      // A whole-number column is `integer`, whose input refuses `1.0`: such cells are rewritten.
      const kind = inferred.kind === 'number' && dataType === 'integer' ? 'integer' : inferred.kind;
      return { name, dataType, kind };
    }),
  };
}

/**
 * The second pass: the data rows (header skipped) as the server's CSV, in chunks of about
 * CHUNK_CHARS; the COPY stream pulls them, so a slow server slows the reading down.
 */
async function* serverCsv(
  csvPath: string,
  delimiter: string,
  columns: ServerCsvColumn[],
): AsyncGenerator<string> {
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
    throw unreadableSeed(csvPath, error);
  }
  if (out.length > 0) yield out;
}

/** One row in the server's CSV: nulls as empty fields, values quoted with `"` doubled. */
function serverCsvLine(row: string[], columns: ServerCsvColumn[]): string {
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

/** dbt's seed semantics (see `loadSeedTable`), the rows streamed to `COPY … FROM STDIN`. */
export async function loadPostgresSeed(
  context: SeedLoaderContext<PostgresDialect>,
  connection: PostgresPooledConnection,
  relation: Relation,
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const { columns, rowCount } = await inferSeed(csvPath, options);
  return loadSeedTable(context, connection, relation, columns, options, (table, columnName) => {
    // An empty file copies nothing: no COPY is sent at all.
    if (rowCount === 0) return { sql: [], run: async () => 0 };
    const list = columns.map((column) => columnName(column.name)).join(', ');
    const copySql = `copy ${dialect.render(table)} (${list}) from stdin with (format csv, header false, null '')`;
    return {
      sql: [copySql],
      run: () => connection.copyFrom(copySql, serverCsv(csvPath, options.delimiter ?? ',', columns)),
    };
  });
}
