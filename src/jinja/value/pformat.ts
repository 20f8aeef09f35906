/**
 * Python's `pprint.pformat` (what the pprint filter prints): repr with sorted dict keys, and
 * values too wide for 80 columns broken over lines: containers one item per line, indented under
 * their bracket; long strings into adjacent literals split after whitespace.
 */
import { isPlainObject, pyLen } from './kinds.js';
import { splitLines } from './text.js';
import { repr, safeCompare } from './to-str.js';
import { isTuple } from './types.js';

const WIDTH = 80;

function sortedEntries(v: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  const entries: [unknown, unknown][] = v instanceof Map ? Array.from(v.entries()) : Object.entries(v);
  return entries.sort((a, b) => safeCompare(a[0], b[0]));
}

/** Python `pprint.pformat(v)`. */
export function pformat(v: unknown): string {
  const out: string[] = [];
  format(v, out, 0, 0, 0);
  return out.join('');
}

function format(v: unknown, out: string[], indent: number, allowance: number, level: number): void {
  const rep = repr(v, true);
  if (pyLen(rep) <= WIDTH - indent - allowance) {
    out.push(rep);
    return;
  }
  if (typeof v === 'string') {
    formatString(v, out, indent, allowance, level + 1);
    return;
  }
  if (Array.isArray(v) && v.length > 0) {
    const tuple = isTuple(v);
    const close = tuple ? (v.length === 1 ? ',)' : ')') : ']';
    out.push(tuple ? '(' : '[');
    formatItems(v, out, indent, allowance + close.length, level + 1);
    out.push(close);
    return;
  }
  if ((v instanceof Map && v.size > 0) || (isPlainObject(v) && Object.keys(v).length > 0)) {
    out.push('{');
    formatDictItems(sortedEntries(v as Map<unknown, unknown>), out, indent, allowance + 1, level + 1);
    out.push('}');
    return;
  }
  out.push(rep);
}

function formatItems(
  items: readonly unknown[],
  out: string[],
  indent: number,
  allowance: number,
  level: number,
): void {
  const inner = indent + 1;
  items.forEach((item, i) => {
    if (i > 0) out.push(`,\n${' '.repeat(inner)}`);
    format(item, out, inner, i === items.length - 1 ? allowance : 1, level);
  });
}

function formatDictItems(
  entries: readonly [unknown, unknown][],
  out: string[],
  indent: number,
  allowance: number,
  level: number,
): void {
  const inner = indent + 1;
  entries.forEach(([key, value], i) => {
    if (i > 0) out.push(`,\n${' '.repeat(inner)}`);
    const keyRep = repr(key, true);
    out.push(`${keyRep}: `);
    format(value, out, inner + pyLen(keyRep) + 2, i === entries.length - 1 ? allowance : 1, level);
  });
}

/** A long str as adjacent literals, each line split after whitespace; parenthesised at top level. */
function formatString(s: string, out: string[], indent: number, allowance: number, level: number): void {
  const chunks: string[] = [];
  const lines = splitLines(s, true);
  const top = level === 1;
  const ind = top ? indent + 1 : indent;
  const allow = top ? allowance + 1 : allowance;
  const maxWidth = WIDTH - ind;
  lines.forEach((line, i) => {
    const lastLine = i === lines.length - 1;
    const rep = repr(line);
    if (pyLen(rep) <= maxWidth - (lastLine ? allow : 0)) {
      chunks.push(rep);
      return;
    }
    const parts = line.match(/\S*\s*/g)?.filter((p) => p !== '') ?? [];
    let current = '';
    parts.forEach((part, j) => {
      const candidate = current + part;
      const limit = maxWidth - (lastLine && j === parts.length - 1 ? allow : 0);
      if (pyLen(repr(candidate)) > limit) {
        if (current !== '') chunks.push(repr(current));
        current = part;
      } else current = candidate;
    });
    if (current !== '') chunks.push(repr(current));
  });
  if (chunks.length <= 1) {
    out.push(repr(s));
    return;
  }
  const body = chunks.join(`\n${' '.repeat(ind)}`);
  out.push(top ? `(${body})` : body);
}
