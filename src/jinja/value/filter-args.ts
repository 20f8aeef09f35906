/**
 * Argument handling shared by the built-in filters: binding positional and keyword arguments
 * to Jinja2's parameter names, and looking up the filters and tests a filter calls by name.
 */
import { JinjaRuntimeError } from '../errors.js';
import { lowerIfStr } from './collections.js';
import type { FilterFn, RuntimeContext, TestFn } from './context.js';
import { isStr, typeError, undefinedError, unmark } from './kinds.js';
import { truthy } from './protocols.js';
import { toStr } from './to-str.js';
import { Kwargs, Undefined } from './types.js';

/** Filters whose Python code uses the value in ways Undefined forbids (int(), `s + '\n'`, `.items()`) fail like it. */
export function rejectUndefined(value: unknown): void {
  if (value instanceof Undefined) throw undefinedError(value);
}

/** Python's TypeError for a required parameter the call did not pass. */
export function requireArgs(p: Record<string, unknown>, filter: string, names: readonly string[]): void {
  const missing = names.filter((n) => p[n] === undefined);
  if (missing.length === 0) return;
  const list = missing.map((n) => `'${n}'`).join(' and ');
  const plural = missing.length === 1 ? 'argument' : 'arguments';
  throw typeError(`do_${filter}() missing ${missing.length} required positional ${plural}: ${list}`);
}

/** Bind a call's arguments to parameter names (positional first, then keywords), with defaults. */
export function params(
  args: readonly unknown[],
  names: readonly string[],
  defaults: Record<string, unknown>,
) {
  // Plain loops: filters run in every render's hot path.
  const out: Record<string, unknown> = {};
  for (const key in defaults) out[key] = defaults[key];
  const last = args[args.length - 1];
  const kwargs = last instanceof Kwargs ? last : undefined;
  const count = Math.min(kwargs === undefined ? args.length : args.length - 1, names.length);
  for (let i = 0; i < count; i++) out[names[i]!] = args[i];
  if (kwargs !== undefined) for (const key in kwargs.values) out[key] = kwargs.values[key];
  return out;
}

export function splitKw(args: readonly unknown[]): { rest: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  return last instanceof Kwargs
    ? { rest: args.slice(0, -1), kwargs: last.values }
    : { rest: args.slice(), kwargs: {} };
}

/** The text of a filter argument: str as is, anything else printed. */
export function textOf(v: unknown, ctx?: RuntimeContext): string {
  return isStr(v) ? unmark(v) : toStr(v, ctx);
}

/** Lower-case the text of strings unless case_sensitive was asked for. */
export function caseKey(caseSensitive: unknown): (v: unknown) => unknown {
  return truthy(caseSensitive) ? (v) => v : lowerIfStr;
}

export function lookupFilter(ctx: RuntimeContext, name: unknown): FilterFn {
  const f = ctx.filter(textOf(name));
  if (f === undefined) throw new JinjaRuntimeError(`No filter named '${textOf(name)}'.`);
  return f;
}

export function lookupTest(ctx: RuntimeContext, name: unknown): TestFn {
  const t = ctx.test(textOf(name));
  if (t === undefined) throw new JinjaRuntimeError(`No test named '${textOf(name)}'.`);
  return t;
}
