/**
 * Python's str() and repr() of values, as Jinja2 prints `{{ v }}`.
 */
import { pyCompare } from './compare.js';
import { isPlainObject, typeName, undefinedError } from './kinds.js';
import { rangeRepr, viewKind } from './markers.js';
import { isTuple, Markup, Namespace, PyFloat, Undefined } from './types.js';

/** The part of RuntimeContext that printing needs (kept structural to avoid an import cycle). */
interface UndefinedModeHolder {
  undefinedMode: 'default' | 'strict' | 'lenient';
}

/** Python `str(v)`. Undefined prints as '' unless the context is strict. */
export function toStr(v: unknown, ctx?: UndefinedModeHolder): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? formatInt(v) : formatFloat(v);
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof Undefined) {
    if (ctx?.undefinedMode === 'strict') throw undefinedError(v);
    return '';
  }
  if (v instanceof Markup) return v.value;
  return repr(v);
}

/** Python `repr(v)`; `sortDicts` orders dict keys as pprint does. */
export function repr(v: unknown, sortDicts = false): string {
  switch (typeof v) {
    case 'string':
      return strRepr(v);
    case 'number':
      return Number.isInteger(v) ? formatInt(v) : formatFloat(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'function':
      return `<function ${v.name || '<lambda>'}>`;
    case 'bigint':
      return v.toString();
  }
  if (v === null) return 'None';
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (Array.isArray(v)) return sequenceRepr(v, sortDicts);
  if (v instanceof Map) return dictRepr(v.entries(), sortDicts);
  if (v instanceof Undefined) return 'Undefined';
  if (v instanceof Markup) return `Markup(${strRepr(v.value)})`;
  if (v instanceof Namespace) return `<Namespace ${dictRepr(v.attrs.entries(), sortDicts)}>`;
  if (v instanceof Set)
    return v.size === 0 ? 'set()' : `{${Array.from(v, (x) => repr(x, sortDicts)).join(', ')}}`;
  if (isPlainObject(v)) return dictRepr(Object.entries(v), sortDicts);
  return hostObjectStr(v as object);
}

function sequenceRepr(v: unknown[], sortDicts: boolean): string {
  const range = rangeRepr(v);
  if (range !== undefined) return range;
  let out = '';
  for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ', ') + repr(v[i], sortDicts);
  if (!isTuple(v)) {
    const view = viewKind(v);
    return view === undefined ? `[${out}]` : `${view}([${out}])`;
  }
  return v.length === 1 ? `(${out},)` : `(${out})`;
}

function dictRepr(entries: Iterable<[unknown, unknown]>, sortDicts: boolean): string {
  let out = '';
  const list = sortDicts ? Array.from(entries).sort((a, b) => safeCompare(a[0], b[0])) : entries;
  for (const [k, val] of list)
    out += (out === '' ? '' : ', ') + `${repr(k, sortDicts)}: ${repr(val, sortDicts)}`;
  return `{${out}}`;
}

/** pprint's key order: by value where comparable, else by type name. */
export function safeCompare(a: unknown, b: unknown): number {
  try {
    return pyCompare(a, b);
  } catch {
    const ta = typeName(a);
    const tb = typeName(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }
}

/** Host objects print through their own toString (dbt's Relation prints its quoted name). */
function hostObjectStr(v: object): string {
  if (
    typeof (v as { toString?: unknown }).toString === 'function' &&
    v.toString !== Object.prototype.toString
  ) {
    return String(v);
  }
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return `<${name || 'object'} object>`;
}

/** What Python's str.isprintable() rejects: control, format, unassigned, separators (but ' '). */
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's repr of a str: single quotes unless the text has ' and no ". */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + quote;
}

/** A Python int as decimal digits: past 2**53 the double's exact value (2 ** 64 is exact, as in Python). */
export function formatInt(n: number): string {
  return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? String(n) : BigInt(n).toString();
}

/** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  const abs = Math.abs(n);
  // Between 1e-4 and 1e16 JS and Python both print the shortest digits in fixed notation.
  if (abs >= 1e-4 && abs < 1e16) return Number.isInteger(n) ? `${n}.0` : String(n);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const [mantissa, expText] = abs.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  if (exp >= -4 && exp < 16) return sign + fixedFromDigits(digits, exp);
  const expOut = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${mantissa}e${expOut}`;
}

/** Place the decimal point in significant `digits` whose first digit has power-of-ten `exp`. */
function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${intPart}.${frac === '' ? '0' : frac}`;
}
