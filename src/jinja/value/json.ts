/**
 * Python's `json.dumps(v, sort_keys=True)` as Jinja2's tojson uses it, then made safe to embed
 * in HTML (`<`, `>`, `&`, `'` as \u escapes).
 */
import { dictEntries } from './compare.js';
import { isMapping, typeError, typeName } from './kinds.js';
import { formatFloat, formatInt } from './to-str.js';
import { Markup, PyFloat, Undefined } from './types.js';

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number' || k instanceof PyFloat) return dumpNumber(Number(k));
  if (k instanceof Markup) return k.value;
  throw typeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function dumpNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return Number.isInteger(n) ? formatInt(n) : formatFloat(n);
}

/** Python json.dumps with sort_keys=True; `indent` as in Python (null: one line). */
export function dumpJson(v: unknown, indent: number | string | null, level = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return dumpNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (v instanceof Markup) return quote(v.value);
  if (v instanceof Undefined) throw typeError('Object of type Undefined is not JSON serializable');
  const pad = indent === null ? '' : typeof indent === 'string' ? indent : ' '.repeat(indent);
  const open = indent === null ? '' : `\n${pad.repeat(level + 1)}`;
  const close = indent === null ? '' : `\n${pad.repeat(level)}`;
  const sep = indent === null ? ', ' : `,${open}`;
  if (Array.isArray(v) || v instanceof Set) {
    const items = Array.from(v, (x) => dumpJson(x, indent, level + 1));
    return items.length === 0 ? '[]' : `[${open}${items.join(sep)}${close}]`;
  }
  if (isMapping(v)) {
    const entries = dictEntries(v).map(([k, x]) => [jsonKey(k), x] as const);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const items = entries.map(([k, x]) => `${quote(k)}: ${dumpJson(x, indent, level + 1)}`);
    return items.length === 0 ? '{}' : `{${open}${items.join(sep)}${close}}`;
  }
  throw typeError(`Object of type ${typeName(v)} is not JSON serializable`);
}

/** Jinja2's tojson: JSON with the HTML-sensitive characters escaped. */
export function htmlSafeJson(v: unknown, indent: number | string | null): string {
  return dumpJson(v, indent).replace(
    /[<>&']/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
