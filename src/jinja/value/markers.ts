/**
 * Extra marks on arrays that stand in for Python objects which behave as sequences but print
 * or expose attributes differently: range objects and named tuples (groupby's results).
 */
import { makeTuple } from './types.js';

const RANGE_REPR = Symbol.for('tessera.jinja.rangeRepr');
const FIELDS = Symbol.for('tessera.jinja.fields');
const VIEW = Symbol.for('tessera.jinja.view');

/** A list that prints as a dict view does: `dict_items([('a', 1)])`, `dict_keys(['a'])`. */
export function makeView<T>(kind: 'dict_items' | 'dict_keys' | 'dict_values', items: T[]): T[] {
  Object.defineProperty(items, VIEW, { value: kind, enumerable: false });
  return items;
}

/** The view name of an array made by makeView, else undefined. */
export function viewKind(v: unknown[]): string | undefined {
  return (v as unknown as Record<symbol, string | undefined>)[VIEW];
}

/** An array of a range's items that prints as `range(0, 3)`, as Python's range object does. */
export function makeRange(items: number[], start: number, stop: number, step: number): number[] {
  const text = step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
  Object.defineProperty(items, RANGE_REPR, { value: text, enumerable: false });
  return items;
}

/** The `range(…)` text of an array made by makeRange, else undefined. */
export function rangeRepr(v: unknown[]): string | undefined {
  return (v as unknown as Record<symbol, string | undefined>)[RANGE_REPR];
}

/** A tuple whose items are also reachable by name (`group.grouper`, `group.list`); prints as a tuple. */
export function makeNamedTuple(names: readonly string[], items: unknown[]): unknown[] {
  const tuple = makeTuple(items);
  Object.defineProperty(tuple, FIELDS, { value: names, enumerable: false });
  return tuple;
}

/** The value of a named tuple's field, or undefined when `v` has no such field. */
export function namedField(v: unknown[], name: string): { value: unknown } | undefined {
  const names = (v as unknown as Record<symbol, readonly string[] | undefined>)[FIELDS];
  if (names === undefined) return undefined;
  const i = names.indexOf(name);
  return i < 0 ? undefined : { value: v[i] };
}
