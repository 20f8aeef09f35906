/**
 * Sequence helpers behind Jinja2's collection filters: attribute getters (`attribute='a.b.0'`),
 * case-insensitive sort keys, grouping, batching, aggregation, and calling other filters/tests
 * over items without forcing async when nothing is async.
 */
import { getItem } from './attr.js';
import { assertHashable, pyCompare, pyEquals } from './compare.js';
import type { RuntimeContext } from './context.js';
import { isNone, isStr, unmark } from './kinds.js';
import { Undefined } from './types.js';

/** Jinja2's make_attrgetter: a dotted path of item/attribute lookups; integer parts index. */
export function attrGetter(
  ctx: RuntimeContext,
  attribute: unknown,
  options: { lower?: boolean; dflt?: unknown } = {},
): (item: unknown) => unknown {
  const parts =
    typeof attribute === 'string'
      ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
      : isNone(attribute)
        ? []
        : [attribute];
  return (item) => {
    let v = item;
    for (const part of parts) v = getItem(v, part, ctx);
    if (!isNone(options.dflt) && v instanceof Undefined) v = options.dflt;
    return options.lower ? lowerIfStr(v) : v;
  };
}

/** Several comma-separated attribute paths at once, for sorting by more than one key. */
export function multiAttrGetter(
  ctx: RuntimeContext,
  attribute: unknown,
  lower: boolean,
): (item: unknown) => unknown {
  if (typeof attribute !== 'string' || !attribute.includes(',')) return attrGetter(ctx, attribute, { lower });
  const getters = attribute.split(',').map((a) => attrGetter(ctx, a.trim(), { lower }));
  return (item) => getters.map((g) => g(item));
}

export function lowerIfStr(v: unknown): unknown {
  return isStr(v) ? unmark(v).toLowerCase() : v;
}

/**
 * A stable sort of items by Python ordering of their keys. `equalFirst` mimics Python comparing
 * lists of keys (the sort filter's): equal items (even two undefined ones) are not ordered, so
 * items missing the attribute everywhere keep their order instead of failing.
 */
export function sortBy<T>(
  items: readonly T[],
  key: (item: T) => unknown,
  reverse: boolean,
  equalFirst = false,
): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  const order = equalFirst
    ? (x: unknown, y: unknown): number => (pyEquals(x, y) ? 0 : pyCompare(x, y))
    : pyCompare;
  keyed.sort((a, b) => (reverse ? -order(a.key, b.key) : order(a.key, b.key)));
  return keyed.map((k) => k.item);
}

/** Consecutive runs of items with equal keys (itertools.groupby). */
export function groupRuns<T>(items: readonly T[], key: (item: T) => unknown): { key: unknown; items: T[] }[] {
  const groups: { key: unknown; items: T[] }[] = [];
  for (const item of items) {
    const k = key(item);
    const last = groups[groups.length - 1];
    if (last !== undefined && pyEquals(last.key, k)) last.items.push(item);
    else groups.push({ key: k, items: [item] });
  }
  return groups;
}

/** The first item with the lowest (or highest) key; undefined when empty. */
export function extreme<T>(items: readonly T[], key: (item: T) => unknown, highest: boolean): T | undefined {
  let best: T | undefined;
  let bestKey: unknown;
  let first = true;
  for (const item of items) {
    const k = key(item);
    if (first || (highest ? pyCompare(k, bestKey) > 0 : pyCompare(k, bestKey) < 0)) {
      best = item;
      bestKey = k;
      first = false;
    }
  }
  return best;
}

/** Items whose keys were not seen before, in order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  const seen: unknown[] = [];
  const fast = new Set<unknown>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    assertHashable(k);
    const primitive = typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k));
    if (primitive ? fast.has(k) : seen.some((s) => pyEquals(s, k))) continue;
    if (primitive) fast.add(k);
    seen.push(k);
    out.push(item);
  }
  return out;
}

/** Apply `fn` to each item; a Promise only if some result is one. */
export function mapMaybeAsync<T>(
  items: readonly unknown[],
  fn: (item: unknown) => T | Promise<T>,
): T[] | Promise<T[]> {
  const results = items.map(fn);
  for (const r of results) if (r instanceof Promise) return Promise.all(results);
  return results as T[];
}

/** Then-chaining that stays synchronous for plain values. */
export function then<T, R>(v: T | Promise<T>, fn: (v: T) => R): R | Promise<R> {
  return v instanceof Promise ? (v.then(fn) as Promise<R>) : fn(v);
}
