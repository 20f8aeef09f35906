/**
 * PostgreSQL type names: the canonical spelling for contract and schema-change comparison, the
 * names of built-in type OIDs (so result columns need no catalog lookup), and the parsers that
 * turn the server's text values into the plain JS values our results hold.
 */
import pg from 'pg';

/** Aliases PostgreSQL accepts, keyed lower-case, to the name `format_type` reports. */
const TYPE_ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  float: 'double precision',
  float8: 'double precision',
  double: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  text: 'text',
  string: 'text',
  bool: 'boolean',
  boolean: 'boolean',
  date: 'date',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  interval: 'interval',
  bytea: 'bytea',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
};

/**
 * PostgreSQL's own spelling of a type (`format_type`'s), so `int`, `int4` and `integer` compare
 * equal: `varchar(20)` → `character varying(20)`, `decimal(10, 2)` → `numeric(10,2)`,
 * `timestamptz` → `timestamp with time zone`, `int[]` → `integer[]`. Unknown names are lower-cased.
 */
export function normalizePostgresType(dataType: string): string {
  const spaced = dataType.trim().replace(/\s+/g, ' ').toLowerCase();
  const arrays = /((?:\s*\[\d*\])*)$/.exec(spaced)?.[1] ?? '';
  const base = spaced.slice(0, spaced.length - arrays.length).trim();
  const arraySuffix = '[]'.repeat((arrays.match(/\[/g) ?? []).length);
  // `timestamp(3) with time zone` carries its precision in the middle.
  const withArgs = /^([a-z0-9_ ]+?)\s*\(([^)]*)\)\s*(.*)$/.exec(base);
  if (withArgs === null) return (TYPE_ALIASES[base] ?? base) + arraySuffix;
  const name = `${withArgs[1]!}${withArgs[3] ? ` ${withArgs[3]}` : ''}`.trim();
  const args = withArgs[2]!
    .split(',')
    .map((part) => part.trim())
    .join(',');
  const canonical = TYPE_ALIASES[name] ?? name;
  const timeMatch = /^(time|timestamp) (with|without) time zone$/.exec(canonical);
  if (timeMatch !== null) return `${timeMatch[1]}(${args}) ${timeMatch[2]} time zone${arraySuffix}`;
  return `${canonical}(${args})${arraySuffix}`;
}

/** Names of the built-in type OIDs seen most often (`format_type(oid, NULL)`). */
export const BUILTIN_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'],
  [17, 'bytea'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'real'],
  [701, 'double precision'],
  [705, 'unknown'],
  [1000, 'boolean[]'],
  [1005, 'smallint[]'],
  [1007, 'integer[]'],
  [1009, 'text[]'],
  [1016, 'bigint[]'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1266, 'time with time zone'],
  [1700, 'numeric'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
]);

const INT8 = 20;
const NUMERIC = 1700;
/** Date and time types keep the server's ISO-like text, as our DuckDB adapter does. */
const TEXT_KEPT = new Set([1082, 1083, 1114, 1184, 1266]);
/** Most significant digits a JS number carries exactly. */
const MAX_EXACT_DIGITS = 15;

/** `bigint` as a number when it is a safe integer, else its decimal text (no digit lost). */
export function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** `numeric` as a number when it has at most 15 significant digits, else its text. */
export function parseNumeric(text: string): number | string {
  const digits = text.replace(/[-+.]/g, '').replace(/^0+/, '');
  if (!/^\d*$/.test(digits) || digits.length > MAX_EXACT_DIGITS) return text;
  return Number(text);
}

/** The value parsers our connections use (per connection, so pg's global table stays untouched). */
export const VALUE_PARSERS = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (text: string) => unknown {
    if (format === undefined || format === 'text') {
      if (oid === INT8) return parseInt8;
      if (oid === NUMERIC) return parseNumeric;
      if (TEXT_KEPT.has(oid)) return (text: string) => text;
    }
    return pg.types.getTypeParser(oid, format ?? 'text') as (text: string) => unknown;
  },
};
