/**
 * Python's str methods (`'a,b'.split(',')`, `name.upper()`, `'{}'.format(x)`), reached through
 * getAttr as bound functions following the calling convention.
 */
import {
  isNone,
  isStr,
  pyChars,
  pyLen,
  toIndex,
  toNumber,
  typeError,
  typeName,
  unmark,
  valueError,
} from './kinds.js';
import { iterate, truthy } from './protocols.js';
import { type FieldAccess, strFormat } from './str-format.js';
import { splitLines } from './text.js';
import { makeTuple, splitArgs } from './types.js';

type StrMethod = (s: string, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Argument `i` (or keyword `name`), with a default. */
function arg(
  args: unknown[],
  kwargs: Record<string, unknown>,
  i: number,
  name: string,
  dflt: unknown,
): unknown {
  if (i < args.length) return args[i];
  return Object.hasOwn(kwargs, name) ? kwargs[name] : dflt;
}

function str(v: unknown, what: string): string {
  if (isStr(v)) return unmark(v);
  throw typeError(`${what} must be str, not ${typeName(v)}`);
}

function int(v: unknown, dflt: number): number {
  return isNone(v) ? dflt : toNumber(v);
}

function charsOf(args: unknown[], kwargs: Record<string, unknown>): string {
  const chars = arg(args, kwargs, 0, 'chars', null);
  return isNone(chars) ? WHITESPACE : str(chars, 'strip arg');
}

function stripStart(s: string, chars: string): string {
  let i = 0;
  while (i < s.length && chars.includes(s[i]!)) i++;
  return s.slice(i);
}

function stripEnd(s: string, chars: string): string {
  let j = s.length;
  while (j > 0 && chars.includes(s[j - 1]!)) j--;
  return s.slice(0, j);
}

/** Python `str.split` (left to right); with no separator, runs of whitespace split and ends are trimmed. */
export function splitStr(s: string, sep: unknown, maxsplit: number): string[] {
  if (isNone(sep)) {
    const out: string[] = [];
    let rest = stripStart(s, WHITESPACE);
    while (rest !== '') {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest);
        break;
      }
      let j = 0;
      while (j < rest.length && !WHITESPACE.includes(rest[j]!)) j++;
      out.push(rest.slice(0, j));
      rest = stripStart(rest.slice(j), WHITESPACE);
    }
    return out;
  }
  const sepStr = str(sep, 'sep');
  if (sepStr === '') throw valueError('empty separator');
  const parts = s.split(sepStr);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sepStr)];
}

function rsplitStr(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return splitStr(s, sep, maxsplit);
  if (isNone(sep)) {
    const out: string[] = [];
    let rest = stripEnd(s, WHITESPACE);
    while (rest !== '') {
      if (out.length >= maxsplit) {
        out.unshift(rest);
        break;
      }
      let j = rest.length;
      while (j > 0 && !WHITESPACE.includes(rest[j - 1]!)) j--;
      out.unshift(rest.slice(j));
      rest = stripEnd(rest.slice(0, j), WHITESPACE);
    }
    return out;
  }
  const sepStr = str(sep, 'sep');
  if (sepStr === '') throw valueError('empty separator');
  const parts = s.split(sepStr);
  if (parts.length <= maxsplit + 1) return parts;
  const cut = parts.length - maxsplit;
  return [parts.slice(0, cut).join(sepStr), ...parts.slice(cut)];
}

/** Python `str.replace(old, new, count)`; a negative count replaces all. */
export function replaceStr(s: string, old: string, repl: string, count: number): string {
  if (count < 0) {
    if (old === '') return s === '' ? repl : repl + Array.from(s).join(repl) + repl;
    return s.includes(old) ? s.split(old).join(repl) : s;
  }
  let out = '';
  let rest = s;
  for (let n = 0; n < count; n++) {
    const at = rest.indexOf(old);
    if (at < 0) break;
    out += rest.slice(0, at) + repl;
    rest = rest.slice(at + Math.max(old.length, 1));
    if (old === '') {
      out += s[s.length - rest.length - 1] ?? '';
      if (rest === '' && n + 1 < count) {
        out += repl;
        return out;
      }
    }
  }
  return out + rest;
}

function affix(s: string, args: unknown[], kwargs: Record<string, unknown>, end: boolean): boolean {
  const which = args[0];
  const start = int(arg(args, kwargs, 1, 'start', null), 0);
  const stop = int(arg(args, kwargs, 2, 'end', null), s.length);
  const part = s.slice(start < 0 ? Math.max(0, s.length + start) : start, stop < 0 ? s.length + stop : stop);
  const options = Array.isArray(which) ? which : [which];
  return options.some((o) => {
    const text = str(o, end ? 'endswith arg' : 'startswith arg');
    return end ? part.endsWith(text) : part.startsWith(text);
  });
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** Python `str.title`: a cased letter after an uncased one starts a word. */
export function titleCase(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    out += prevCased ? ch.toLowerCase() : ch.toUpperCase();
    prevCased = isCased(ch);
  }
  return out;
}

/** Python `str.capitalize`. */
export function capitalize(s: string): string {
  return s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase();
}

/** Python `str.center`: the odd pad goes left only when the width is odd. */
export function center(s: string, width: number, fill = ' '): string {
  const missing = width - pyLen(s);
  if (missing <= 0) return s;
  const left = Math.floor(missing / 2) + (missing & width & 1);
  return fill.repeat(left) + s + fill.repeat(missing - left);
}

/** Python's optional `start, end` arguments of find/count, as clamped slice bounds. */
function sliceWindow(len: number, start: unknown, end: unknown): [number, number] {
  const bound = (v: unknown, dflt: number): number => {
    if (isNone(v)) return dflt;
    const n = toNumber(v);
    return Math.min(Math.max(n < 0 ? n + len : n, 0), len);
  };
  return [bound(start, 0), bound(end, len)];
}

/** `s.find(sub, start, end)` / `s.rfind(...)`: the index in `s`, or -1. */
function findIn(s: string, args: unknown[], fromRight: boolean): number {
  const sub = str(args[0], 'find arg');
  const chars = pyChars(s);
  const [from, to] = sliceWindow(chars.length, args[1], args[2]);
  if (to - from < pyLen(sub)) return -1;
  const window = typeof chars === 'string' ? chars.slice(from, to) : chars.slice(from, to).join('');
  const at = fromRight ? window.lastIndexOf(sub) : window.indexOf(sub);
  if (at < 0) return -1;
  // Python counts code points: convert the UTF-16 offset when the text has astral characters.
  return (typeof chars === 'string' ? at : pyLen(window.slice(0, at))) + from;
}

function expandTabs(s: string, size: number): string {
  let out = '';
  let column = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const spaces = size > 0 ? size - (column % size) : 0;
      out += ' '.repeat(spaces);
      column += spaces;
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

/** The fill that widens `s` to `width` characters. */
function padding(s: string, width: number, fill: string): string {
  return fill.repeat(Math.max(0, width - pyLen(s)));
}

function countStr(s: string, sub: string): number {
  if (sub === '') return s.length + 1;
  return s.split(sub).length - 1;
}

/** Python's isupper/islower: some cased characters, all in the one case. */
export function allCased(s: string, upper: boolean): boolean {
  let any = false;
  for (const ch of s) {
    if (!isCased(ch)) continue;
    any = true;
    if ((upper ? ch.toUpperCase() : ch.toLowerCase()) !== ch) return false;
  }
  return any;
}

function matchAll(s: string, re: RegExp): boolean {
  return s !== '' && re.test(s);
}

/** Python's isdigit(): decimal digits plus other digit characters (superscripts, circled digits). */
const DIGITS =
  /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792]+$/u;

const METHODS: Record<string, StrMethod> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, a, k) => stripEnd(stripStart(s, charsOf(a, k)), charsOf(a, k)),
  lstrip: (s, a, k) => stripStart(s, charsOf(a, k)),
  rstrip: (s, a, k) => stripEnd(s, charsOf(a, k)),
  split: (s, a, k) => splitStr(s, arg(a, k, 0, 'sep', null), int(arg(a, k, 1, 'maxsplit', -1), -1)),
  rsplit: (s, a, k) => rsplitStr(s, arg(a, k, 0, 'sep', null), int(arg(a, k, 1, 'maxsplit', -1), -1)),
  splitlines: (s, a, k) => splitLines(s, truthy(arg(a, k, 0, 'keepends', false))),
  replace: (s, a, k) =>
    replaceStr(s, str(a[0], 'replace arg'), str(a[1], 'replace arg'), int(arg(a, k, 2, 'count', -1), -1)),
  startswith: (s, a, k) => affix(s, a, k, false),
  endswith: (s, a, k) => affix(s, a, k, true),
  removeprefix: (s, a) => (s.startsWith(str(a[0], 'prefix')) ? s.slice(unmark(a[0] as string).length) : s),
  removesuffix: (s, a) => {
    const suffix = str(a[0], 'suffix');
    return suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
  },
  join: (s, a) => {
    const parts: string[] = [];
    for (const item of iterate(a[0])) {
      if (!isStr(item)) {
        throw typeError(`sequence item ${parts.length}: expected str instance, ${typeName(item)} found`);
      }
      parts.push(unmark(item));
    }
    return parts.join(s);
  },
  title: (s) => titleCase(s),
  capitalize: (s) => capitalize(s),
  find: (s, a) => findIn(s, a, false),
  rfind: (s, a) => findIn(s, a, true),
  index: (s, a) => {
    const at = findIn(s, a, false);
    if (at < 0) throw valueError('substring not found');
    return at;
  },
  rindex: (s, a) => {
    const at = findIn(s, a, true);
    if (at < 0) throw valueError('substring not found');
    return at;
  },
  count: (s, a) => {
    const [from, to] = sliceWindow(s.length, a[1], a[2]);
    return countStr(s.slice(from, to), str(a[0], 'count arg'));
  },
  expandtabs: (s, a, k) => expandTabs(s, int(arg(a, k, 0, 'tabsize', 8), 8)),
  isdigit: (s) => matchAll(s, DIGITS),
  isdecimal: (s) => matchAll(s, /^\p{Nd}+$/u),
  isnumeric: (s) => matchAll(s, /^\p{N}+$/u),
  isalpha: (s) => matchAll(s, /^\p{L}+$/u),
  isalnum: (s) => matchAll(s, /^[\p{L}\p{N}]+$/u),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly the range 0-127.
  isascii: (s) => /^[\x00-\x7f]*$/.test(s),
  isspace: (s) => s !== '' && Array.from(s).every((c) => WHITESPACE.includes(c)),
  isidentifier: (s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s),
  isupper: (s) => allCased(s, true),
  islower: (s) => allCased(s, false),
  istitle: (s) => s !== '' && titleCase(s) === s && Array.from(s).some(isCased),
  zfill: (s, a) => {
    const width = toIndex(a[0]);
    if (pyLen(s) >= width) return s;
    const signed = s[0] === '-' || s[0] === '+';
    const zeros = '0'.repeat(width - pyLen(s));
    return signed ? s[0] + zeros + s.slice(1) : zeros + s;
  },
  ljust: (s, a, k) => s + padding(s, toIndex(a[0]), str(arg(a, k, 1, 'fillchar', ' '), 'fillchar')),
  rjust: (s, a, k) => padding(s, toIndex(a[0]), str(arg(a, k, 1, 'fillchar', ' '), 'fillchar')) + s,
  center: (s, a, k) => center(s, toIndex(a[0]), str(arg(a, k, 1, 'fillchar', ' '), 'fillchar')),
  partition: (s, a) => {
    const sep = str(a[0], 'sep');
    const at = s.indexOf(sep);
    return makeTuple(at < 0 ? [s, '', ''] : [s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = str(a[0], 'sep');
    const at = s.lastIndexOf(sep);
    return makeTuple(at < 0 ? ['', '', s] : [s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
};

/** `s.name` as a bound method, or undefined when str has no such method. */
export function strMethod(
  s: string,
  name: string,
  access: FieldAccess,
): ((...args: unknown[]) => unknown) | undefined {
  if (name === 'format') {
    return (...raw) => {
      const { args, kwargs } = splitArgs(raw);
      return strFormat(s, args, kwargs, access);
    };
  }
  if (!Object.hasOwn(METHODS, name)) return undefined;
  const method = METHODS[name]!;
  return (...raw) => {
    const { args, kwargs } = splitArgs(raw);
    return method(s, args, kwargs);
  };
}
