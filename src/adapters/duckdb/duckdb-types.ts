/**
 * DuckDB type names: canonical spelling for contract comparison, and the mapping of DuckDB
 * result values to plain JS values.
 */

import type { DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';

/** Aliases DuckDB accepts, keyed lower-case, to the name DuckDB itself reports. */
const TYPE_ALIASES: Record<string, string> = {
  int: 'INTEGER',
  int4: 'INTEGER',
  integer: 'INTEGER',
  signed: 'INTEGER',
  int8: 'BIGINT',
  long: 'BIGINT',
  bigint: 'BIGINT',
  int2: 'SMALLINT',
  short: 'SMALLINT',
  smallint: 'SMALLINT',
  int1: 'TINYINT',
  tinyint: 'TINYINT',
  int16: 'HUGEINT',
  hugeint: 'HUGEINT',
  utinyint: 'UTINYINT',
  usmallint: 'USMALLINT',
  uinteger: 'UINTEGER',
  ubigint: 'UBIGINT',
  uhugeint: 'UHUGEINT',
  float: 'FLOAT',
  float4: 'FLOAT',
  real: 'FLOAT',
  double: 'DOUBLE',
  float8: 'DOUBLE',
  'double precision': 'DOUBLE',
  decimal: 'DECIMAL(18,3)',
  numeric: 'DECIMAL(18,3)',
  varchar: 'VARCHAR',
  text: 'VARCHAR',
  string: 'VARCHAR',
  char: 'VARCHAR',
  bpchar: 'VARCHAR',
  nvarchar: 'VARCHAR',
  'character varying': 'VARCHAR',
  character: 'VARCHAR',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  logical: 'BOOLEAN',
  date: 'DATE',
  time: 'TIME',
  'time without time zone': 'TIME',
  timestamp: 'TIMESTAMP',
  datetime: 'TIMESTAMP',
  'timestamp without time zone': 'TIMESTAMP',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  interval: 'INTERVAL',
  blob: 'BLOB',
  bytea: 'BLOB',
  binary: 'BLOB',
  varbinary: 'BLOB',
  uuid: 'UUID',
  json: 'JSON',
};

/**
 * DuckDB's own spelling of a type, so `int`, `int4` and `INTEGER` compare equal; length
 * arguments that DuckDB ignores (`varchar(20)`) are dropped, `numeric(p,s)` becomes `DECIMAL(p,s)`.
 * Unknown names are upper-cased; arguments of other types (`STRUCT(a INTEGER)`) are kept as written.
 */
export function normalizeDuckDBType(dataType: string): string {
  const spaced = dataType.trim().replace(/\s+/g, ' ');
  const arrays = /((?:\[\d*\])*)$/.exec(spaced)?.[1] ?? '';
  const base = spaced.slice(0, spaced.length - arrays.length).trim();
  const withArgs = /^([a-z0-9_ ]+?)\s*\((.*)\)$/i.exec(base);
  const name = (withArgs ? withArgs[1]! : base).toLowerCase();
  if (withArgs && (name === 'decimal' || name === 'numeric')) {
    const [precision, scale = '0'] = withArgs[2]!.split(',').map((part) => part.trim());
    return `DECIMAL(${precision},${scale})${arrays}`;
  }
  const alias = TYPE_ALIASES[name];
  if (withArgs && alias !== 'VARCHAR') return `${alias ?? name.toUpperCase()}(${withArgs[2]})${arrays}`;
  if (alias !== undefined) return alias + arrays;
  return base.toUpperCase() + arrays;
}

/** Largest DECIMAL width whose values survive the trip through a JS number digit for digit. */
const MAX_DECIMAL_WIDTH_AS_NUMBER = 15;

/**
 * Converts one top-level result value, already in node-api's JSON form, to the JS value we hand
 * out: BIGINT-family integers become numbers when safe (else stay decimal strings); DECIMAL
 * becomes a number up to 15 digits of width (else a string, to keep every digit); DATE,
 * TIMESTAMP, TIME stay DuckDB's ISO-like text (`2024-01-01`, `2024-01-01 10:00:00`).
 */
export function toJsValue(value: unknown, type: DuckDBType): unknown {
  if (value === null || typeof value !== 'string') return value;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case DuckDBTypeId.DECIMAL: {
      const width = (type as { width?: number }).width ?? 38;
      return width <= MAX_DECIMAL_WIDTH_AS_NUMBER ? Number(value) : value;
    }
    default:
      return value;
  }
}
