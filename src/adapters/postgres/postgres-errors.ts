/**
 * Turns what `pg` throws into typed `AdapterError`s: the server's message, a code from the
 * SQLSTATE, and the statement position (pg gives a 1-based character offset) as line/column.
 */
import { AdapterError, type AdapterErrorCode, type SqlPosition } from '../errors.js';

/** The fields of pg's `DatabaseError` we read. */
interface ServerErrorFields {
  message: string;
  code?: string;
  position?: string;
  internalPosition?: string;
  detail?: string;
  hint?: string;
}

/** SQLSTATEs (exact) to our codes; checked before the class table below. */
const CODES_BY_STATE: Record<string, AdapterErrorCode> = {
  '42601': 'syntax', // syntax_error
  '42P01': 'catalog', // undefined_table
  '42P06': 'catalog', // duplicate_schema
  '42P07': 'catalog', // duplicate_table
  '42710': 'catalog', // duplicate_object
  '42883': 'catalog', // undefined_function
  '42704': 'catalog', // undefined_object
  '3F000': 'catalog', // invalid_schema_name
  '3D000': 'catalog', // invalid_catalog_name
  '42809': 'catalog', // wrong_object_type
  '57014': 'cancelled', // query_canceled
  '57P01': 'connection', // admin_shutdown (pg_terminate_backend)
  '57P02': 'connection', // crash_shutdown
  '57P03': 'connection', // cannot_connect_now
  '28000': 'connection', // invalid_authorization_specification
  '28P01': 'connection', // invalid_password
};

/** SQLSTATE classes (first two characters) to our codes. */
const CODES_BY_CLASS: Record<string, AdapterErrorCode> = {
  '08': 'connection',
  '22': 'conversion',
  '23': 'constraint',
  '42': 'binder',
};

/** Our code for a SQLSTATE. */
export function codeForState(state: string | undefined): AdapterErrorCode {
  if (state === undefined) return 'database';
  return CODES_BY_STATE[state] ?? CODES_BY_CLASS[state.slice(0, 2)] ?? 'database';
}

/** Wraps anything a pg call threw; an `AdapterError` passes through unchanged. */
export function toAdapterError(error: unknown, sql: string | undefined): AdapterError {
  if (error instanceof AdapterError) return error;
  if (!(error instanceof Error)) return new AdapterError(String(error), 'database', sql);
  const fields = error as Error & ServerErrorFields;
  if (fields.code === undefined || !/^[0-9A-Z]{5}$/.test(fields.code)) {
    // No SQLSTATE: the socket broke, the server went away or never answered.
    return new AdapterError(`PostgreSQL connection failed: ${error.message}`, 'connection', sql, undefined, {
      cause: error,
    });
  }
  const position =
    sql !== undefined && fields.position !== undefined ? positionAt(sql, Number(fields.position)) : undefined;
  const extra = [fields.detail && `DETAIL: ${fields.detail}`, fields.hint && `HINT: ${fields.hint}`]
    .filter(Boolean)
    .join('\n');
  const message = extra === '' ? error.message : `${error.message}\n${extra}`;
  return new AdapterError(message, codeForState(fields.code), sql, position, { cause: error });
}

/**
 * Line and column (1-based) of the `offset`-th character of `sql` (1-based, counted in
 * characters as the server counts them, not UTF-16 units).
 */
export function positionAt(sql: string, offset: number): SqlPosition | undefined {
  if (!Number.isInteger(offset) || offset < 1) return undefined;
  let line = 1;
  let column = 1;
  let index = 1;
  for (const char of sql) {
    if (index === offset) return { line, column };
    if (char === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
    index += 1;
  }
  // The server points one past the end for "unexpected end of input".
  return { line, column };
}
