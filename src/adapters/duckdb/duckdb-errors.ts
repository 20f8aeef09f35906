/** Turns DuckDB's error text into typed `AdapterError`s with a position when DuckDB gives one. */
import { AdapterError, type AdapterErrorCode, type SqlPosition } from '../errors.js';

/** DuckDB message prefixes (`Binder Error: …`) to our codes. */
const CODES_BY_PREFIX: [RegExp, AdapterErrorCode][] = [
  [/^Parser Error/i, 'syntax'],
  [/^Binder Error/i, 'binder'],
  [/^Catalog Error/i, 'catalog'],
  [/^Constraint Error/i, 'constraint'],
  [/^Conversion Error|^Invalid Input Error|^Out of Range Error/i, 'conversion'],
  [/^INTERRUPT Error|Interrupted/i, 'cancelled'],
  [/^IO Error|^Connection Error/i, 'connection'],
];

/** Wraps anything a DuckDB call threw; an `AdapterError` passes through unchanged. */
export function toAdapterError(error: unknown, sql: string | undefined): AdapterError {
  if (error instanceof AdapterError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = CODES_BY_PREFIX.find(([pattern]) => pattern.test(text))?.[1] ?? 'database';
  const position = sql === undefined ? undefined : findPosition(text, sql);
  // Keep DuckDB's first paragraph as the message; the LINE/caret excerpt becomes `position`.
  const message = text.split(/\n\nLINE \d+:/)[0]!.trim();
  return new AdapterError(message, code, sql, position, { cause: error });
}

/**
 * DuckDB ends positioned errors with `LINE n: <excerpt>` and a caret line under it. The excerpt
 * may be cut with `...`, so find it in line n of the SQL to get the real column.
 */
function findPosition(text: string, sql: string): SqlPosition | undefined {
  const match = /\nLINE (\d+): ([^\n]*)\n( *)\^/.exec(text);
  if (match === null) return undefined;
  const line = Number(match[1]);
  const prefixLength = `LINE ${match[1]}: `.length;
  const caret = match[3]!.length - prefixLength;
  let excerpt = match[2]!;
  let shift = 0;
  if (excerpt.startsWith('...')) {
    excerpt = excerpt.slice(3);
    shift = 3;
  }
  if (excerpt.endsWith('...')) excerpt = excerpt.slice(0, -3);
  const sqlLine = sql.split('\n')[line - 1] ?? '';
  const start = sqlLine.indexOf(excerpt);
  if (start < 0) return { line, column: caret + 1 };
  return { line, column: start + caret - shift + 1 };
}
