// Python's str()/repr() of plain YAML values. dbt builds generic test names and their unique_id
// hashes from Python's text form of the test arguments, so matching dbt byte for byte means
// printing `True`, `None`, `['a', 'b']` and `{'x': 1}` exactly as CPython does.
//
// Limitation: JavaScript has one number type, so a YAML float with an integral value (`100.0`)
// prints as `100` here where Python prints `100.0`.

// Characters Python's str.isprintable() rejects (other than the ASCII space), which repr() escapes.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Python `repr(float)` / `repr(int)` for a JS number. */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Python switches to scientific notation below 1e-4 and at or above 1e16.
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function escapeChar(ch: string, quote: string): string {
  if (ch === '\\') return '\\\\';
  if (ch === quote) return `\\${quote}`;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
    const code = ch.codePointAt(0)!;
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
    return `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return ch;
}

/** Python `repr(str)`: single quotes unless the text holds a `'` and no `"`. */
export function pyStringRepr(text: string): string {
  // Fast paths, the usual cases: printable ASCII needs at most its backslashes and quote escaped.
  if (PLAIN_ASCII.test(text)) return `'${text}'`;
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  if (PRINTABLE_ASCII.test(text)) {
    const body = text.replaceAll('\\', '\\\\');
    return quote + (quote === "'" ? body.replaceAll("'", "\\'") : body) + quote;
  }
  let out = quote;
  for (const ch of text) out += escapeChar(ch, quote);
  return out + quote;
}

/** Python `repr(value)` for YAML-shaped values (None, bool, number, str, list, dict). */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof Date) return pyStringRepr(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const items = Object.entries(value).map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return pyScalarStr(value);
}

function pyScalarStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

/** Python `str(value)`: strings as they are, containers as their repr. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return pyRepr(value);
  if (value instanceof Date) return value.toISOString();
  return pyScalarStr(value);
}
