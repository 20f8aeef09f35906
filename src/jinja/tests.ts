/**
 * Jinja2 3.1's built-in tests (`x is defined`, `n is divisibleby 3`, `a is sameas b`) as a flat table.
 */
import { compare, pyEquals } from './value/compare.js';
import type { TestFn } from './value/context.js';
import { isFloat, isInt, isMapping, isNumeric, isStr, unmark } from './value/kinds.js';
import { binaryOp } from './value/ops.js';
import { isCallable } from './value/protocols.js';
import { allCased } from './value/str-methods.js';
import { toStr } from './value/to-str.js';
import { MAPPING_LIKE, Markup, Undefined } from './value/types.js';

function isIterable(v: unknown): boolean {
  if (typeof v === 'string' || Array.isArray(v) || isMapping(v) || v instanceof Markup) return true;
  // Undefined iterates as empty in Jinja2, so it counts as iterable.
  return typeof v === 'object' && v !== null && (Symbol.iterator in v || v instanceof Undefined);
}

function isUndefined(v: unknown): boolean {
  return v instanceof Undefined;
}

const eq: TestFn = (_ctx, a, b) => pyEquals(a, b);
const ne: TestFn = (_ctx, a, b) => !pyEquals(a, b);
const lt: TestFn = (_ctx, a, b) => compare('<', a, b);
const le: TestFn = (_ctx, a, b) => compare('<=', a, b);
const gt: TestFn = (_ctx, a, b) => compare('>', a, b);
const ge: TestFn = (_ctx, a, b) => compare('>=', a, b);

export const tests: Record<string, TestFn> = {
  defined: (_ctx, v) => !isUndefined(v),
  undefined: (_ctx, v) => isUndefined(v),
  none: (_ctx, v) => v === null || v === undefined,
  boolean: (_ctx, v) => typeof v === 'boolean',
  false: (_ctx, v) => v === false,
  true: (_ctx, v) => v === true,
  integer: (_ctx, v) => isInt(v),
  float: (_ctx, v) => isFloat(v),
  number: (_ctx, v) => isNumeric(v),
  string: (_ctx, v) => isStr(v),
  mapping: (_ctx, v) =>
    isMapping(v) ||
    (typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[MAPPING_LIKE] === true),
  iterable: (_ctx, v) => isIterable(v),
  // Python's Sequence ABC check in Jinja2 is loose: anything with len() and item access.
  // Jinja2's Undefined has __len__, __getitem__ and __call__, so these tests accept it.
  sequence: (_ctx, v) =>
    typeof v === 'string' ||
    Array.isArray(v) ||
    isMapping(v) ||
    v instanceof Markup ||
    v instanceof Undefined,
  callable: (_ctx, v) => isCallable(v) || v instanceof Undefined,
  sameas: (_ctx, a, b) => a === b || ((a === undefined || a === null) && (b === undefined || b === null)),
  escaped: (_ctx, v) => v instanceof Markup,
  filter: (ctx, v) => isStr(v) && ctx.filter(unmark(v)) !== undefined,
  test: (ctx, v) => isStr(v) && ctx.test(unmark(v)) !== undefined,
  eq,
  equalto: eq,
  '==': eq,
  ne,
  '!=': ne,
  lt,
  lessthan: lt,
  '<': lt,
  le,
  '<=': le,
  gt,
  greaterthan: gt,
  '>': gt,
  ge,
  '>=': ge,
  in: (_ctx, v, seq) => compare('in', v, seq),
  divisibleby: (_ctx, v, n) => pyEquals(binaryOp('%', v, n), 0),
  even: (_ctx, v) => pyEquals(binaryOp('%', v, 2), 0),
  odd: (_ctx, v) => pyEquals(binaryOp('%', v, 2), 1),
  lower: (_ctx, v) => allCased(isStr(v) ? unmark(v) : toStr(v), false),
  upper: (_ctx, v) => allCased(isStr(v) ? unmark(v) : toStr(v), true),
};
