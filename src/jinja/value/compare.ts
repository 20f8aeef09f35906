/**
 * Python equality, ordering and membership (`==`, `<`, `in`), and dict lookups that honour
 * Python equality of keys (1 == 1.0 == True).
 */

import type { CompareOp } from './context.js';
import {
  isNumeric,
  isPlainObject,
  isStr,
  toNumber,
  typeError,
  typeName,
  undefinedError,
  unmark,
} from './kinds.js';
import { hostOperation, isTuple, Markup, PyFloat, Undefined } from './types.js';

/** Python `a == b`: numbers across int/float/bool, deep lists/tuples/dicts/sets, None == None. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === 'string' && typeof b === 'string') return false;
  if (ta === 'number' && typeof b === 'number') return false;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (isNumeric(a)) return isNumeric(b) && toNumber(a) === toNumber(b);
  if (a instanceof Markup || b instanceof Markup) return isStr(a) && isStr(b) && unmark(a) === unmark(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map || isPlainObject(a)) return dictEquals(a, b);
  if (a instanceof Set) return b instanceof Set && a.size === b.size && [...a].every((x) => setHas(b, x));
  if (a instanceof Undefined) return b instanceof Undefined;
  return hostOperation('eq', a, b) === true;
}

function dictEquals(a: Map<unknown, unknown> | Record<string, unknown>, b: unknown): boolean {
  if (!(b instanceof Map) && !isPlainObject(b)) return false;
  const ea = dictEntries(a);
  if (ea.length !== dictEntries(b).length) return false;
  for (const [k, v] of ea) {
    const other = dictGet(b, k);
    if (other === MISSING || !pyEquals(v, other)) return false;
  }
  return true;
}

function setHas(s: Set<unknown>, x: unknown): boolean {
  if (s.has(x)) return true;
  for (const y of s) if (pyEquals(x, y)) return true;
  return false;
}

/** Python refuses mutable keys (lists, dicts, sets) in dicts and sets. */
export function assertHashable(k: unknown): void {
  if (typeof k !== 'object' || k === null) return;
  if ((Array.isArray(k) && !isTuple(k)) || k instanceof Map || k instanceof Set || isPlainObject(k)) {
    throw typeError(`unhashable type: '${typeName(k)}'`);
  }
}

/** Entries of a Map or plain object. */
export function dictEntries(d: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  return d instanceof Map ? Array.from(d.entries()) : Object.entries(d);
}

/** What dictGet returns for a missing key (None is a legitimate value). */
export const MISSING: unique symbol = Symbol('missing');

/** The canonical Map key of a Python value: integral floats and bools key like ints, Markup like str. */
export function dictKey(k: unknown): unknown {
  if (k instanceof PyFloat) return k.value;
  if (k instanceof Markup) return k.value;
  if (typeof k === 'boolean') return k ? 1 : 0;
  if (typeof k === 'bigint') return Number(k);
  if (k === undefined) return null;
  return k;
}

/** `d[k]` with Python key equality, or MISSING. */
export function dictGet(d: Map<unknown, unknown> | Record<string, unknown>, k: unknown): unknown {
  if (d instanceof Map) {
    const v = d.get(k);
    if (v !== undefined || d.has(k)) return v;
    const key = dictKey(k);
    if (key !== k && d.has(key)) return d.get(key);
    if (typeof key === 'number' || Array.isArray(key)) {
      for (const [other, v2] of d) if (pyEquals(other, key)) return v2;
    }
    return MISSING;
  }
  // Plain objects only have string keys: `d[0]` must not find d['0'], as in Python.
  const key = dictKey(k);
  if (typeof key === 'string' && Object.hasOwn(d, key)) return d[key];
  return MISSING;
}

/** Python `a < b` as -1/0/1 for sorting; mixed types raise TypeError like Python. */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isStr(a) && isStr(b)) return pyCompare(unmark(a), unmark(b), op);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i], op);
    return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
  }
  if (a instanceof Undefined) throw undefinedError(a);
  if (b instanceof Undefined) throw undefinedError(b);
  const host = hostOperation('cmp', a, b);
  if (typeof host === 'number') return host;
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string' || container instanceof Markup) {
    if (!isStr(item)) throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return unmark(container).includes(unmark(item));
  }
  if (Array.isArray(container)) {
    for (const x of container) if (pyEquals(x, item)) return true;
    return false;
  }
  if (container instanceof Map || isPlainObject(container)) {
    assertHashable(item);
    return dictGet(container, item) !== MISSING;
  }
  if (container instanceof Set) return setHas(container, item);
  if (container instanceof Undefined) return false;
  if (typeof container === 'object' && container !== null && Symbol.iterator in container) {
    for (const x of container as Iterable<unknown>) if (pyEquals(x, item)) return true;
    return false;
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

/**
 * A comparison operator of a Jinja expression. NaN compares false, as in Python. In strict
 * mode (ctx given) any comparison involving an undefined value raises.
 */
export function compare(
  op: CompareOp,
  a: unknown,
  b: unknown,
  ctx?: { undefinedMode: 'default' | 'strict' | 'lenient' },
): boolean {
  if (ctx?.undefinedMode === 'strict') {
    if (a instanceof Undefined) throw undefinedError(a);
    if (b instanceof Undefined) throw undefinedError(b);
  }
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  if (typeof a === 'number' && typeof b === 'number') return numberOrder(op, a, b);
  if (isNumeric(a) && isNumeric(b)) return numberOrder(op, toNumber(a), toNumber(b));
  const c = pyCompare(a, b, op);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function numberOrder(op: '<' | '<=' | '>' | '>=', a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
