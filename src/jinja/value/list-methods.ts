/**
 * Python's list and tuple methods. Mutating ones change the array in place and return None,
 * as dbt code relies on (`{% do cols.append(c) %}`).
 */
import { JinjaRuntimeError } from '../errors.js';
import { pyCompare, pyEquals } from './compare.js';
import { isNone, toIndex, toNumber, valueError } from './kinds.js';
import { iterate } from './protocols.js';
import { repr } from './to-str.js';
import { isTuple, splitArgs } from './types.js';

type ListMethod = (list: unknown[], args: unknown[], kwargs: Record<string, unknown>) => unknown;

function indexOf(list: unknown[], x: unknown, start = 0, end = list.length): number {
  for (let i = Math.max(0, start); i < Math.min(end, list.length); i++) if (pyEquals(list[i], x)) return i;
  return -1;
}

/** A Python start/stop argument (negative counts from the end), or the default when absent. */
function bound(list: unknown[], v: unknown, dflt: number): number {
  if (isNone(v)) return dflt;
  const n = toNumber(v);
  return n < 0 ? Math.max(0, list.length + n) : n;
}

/** Sort in place by Python ordering; an async `key` makes the result a Promise. */
function sortList(list: unknown[], kwargs: Record<string, unknown>): null | Promise<null> {
  const reverse = Boolean(kwargs.reverse);
  const key = kwargs.key as ((x: unknown) => unknown) | null | undefined;
  const finish = (keys: unknown[]): null => {
    const order = list.map((_, i) => i);
    order.sort((i, j) => (reverse ? -1 : 1) * pyCompare(keys[i], keys[j]));
    const sorted = order.map((i) => list[i]);
    for (let i = 0; i < sorted.length; i++) list[i] = sorted[i];
    return null;
  };
  if (isNone(key)) return finish(list);
  const keys = list.map((x) => key(x));
  if (keys.some((k) => k instanceof Promise)) return Promise.all(keys).then(finish);
  return finish(keys);
}

function normIndex(list: unknown[], i: number): number {
  return i < 0 ? list.length + i : i;
}

const SHARED: Record<string, ListMethod> = {
  index: (list, a) => {
    const at = indexOf(list, a[0], bound(list, a[1], 0), bound(list, a[2], list.length));
    if (at < 0)
      throw valueError(isTuple(list) ? 'tuple.index(x): x not in tuple' : `${repr(a[0])} is not in list`);
    return at;
  },
  count: (list, a) => list.filter((x) => pyEquals(x, a[0])).length,
};

const LIST_ONLY: Record<string, ListMethod> = {
  append: (list, a) => {
    list.push(a[0]);
    return null;
  },
  extend: (list, a) => {
    for (const x of Array.from(iterate(a[0]))) list.push(x);
    return null;
  },
  insert: (list, a) => {
    const i = normIndex(list, toIndex(a[0]));
    list.splice(Math.max(0, Math.min(i, list.length)), 0, a[1]);
    return null;
  },
  pop: (list, a) => {
    if (list.length === 0) throw new JinjaRuntimeError('pop from empty list');
    const i = normIndex(list, a.length === 0 ? -1 : toIndex(a[0]));
    if (i < 0 || i >= list.length) throw new JinjaRuntimeError('pop index out of range');
    return list.splice(i, 1)[0];
  },
  remove: (list, a) => {
    const at = indexOf(list, a[0]);
    if (at < 0) throw valueError('list.remove(x): x not in list');
    list.splice(at, 1);
    return null;
  },
  sort: (list, _a, k) => sortList(list, k),
  reverse: (list) => {
    list.reverse();
    return null;
  },
  copy: (list) => list.slice(),
  clear: (list) => {
    list.length = 0;
    return null;
  },
};

/** `list.name` (or `tuple.name`) as a bound method, or undefined. */
export function listMethod(list: unknown[], name: string): ((...args: unknown[]) => unknown) | undefined {
  const method = Object.hasOwn(SHARED, name)
    ? SHARED[name]
    : !isTuple(list) && Object.hasOwn(LIST_ONLY, name)
      ? LIST_ONLY[name]
      : undefined;
  if (method === undefined) return undefined;
  return (...raw) => {
    const { args, kwargs } = splitArgs(raw);
    return method(list, args, kwargs);
  };
}
