/**
 * Our interface binds with `?`; PostgreSQL numbers its parameters `$1, $2…`. The rewrite skips
 * string literals, quoted identifiers, dollar-quoted bodies and comments, and leaves the jsonb
 * operators `?|` and `?&` alone.
 */

/** `sql` with each bare `?` replaced by `$1`, `$2`… in order; also returns how many it replaced. */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    let end = i + 1;
    if (char === "'" || char === '"') {
      end = closingQuote(sql, i, char);
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      end = newline < 0 ? sql.length : newline;
    } else if (char === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (char === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag !== null && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        end = close < 0 ? sql.length : close + tag[0].length;
      }
    } else if (char === '?' && next !== '|' && next !== '&') {
      count += 1;
      out += `$${count}`;
      i += 1;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return { text: out, count };
}

/** Index just past the quote closing the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  // E'…' strings also escape with a backslash.
  const backslashes = quote === "'" && /[eE]/.test(sql[start - 1] ?? '');
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i]!;
    if (backslashes && char === '\\') {
      i += 2;
      continue;
    }
    if (char === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return sql.length;
}
