/**
 * The value model shared by the engine (lexer/parser/evaluator) and the runtime
 * (Python semantics, filters, tests, globals). Everything here is plain data plus
 * markers; behaviour lives in value/ops.ts, value/attr.ts, filters.ts, tests.ts.
 *
 * Representation of Python values in JavaScript:
 * - str -> string; bool -> boolean; None -> null (undefined from host code is treated as None)
 * - int -> integral JS number; float -> non-integral JS number, or PyFloat for integral floats
 *   (so `4 / 2` prints `2.0` and `1.0` stays `1.0`)
 * - list -> JS array; tuple -> JS array marked with makeTuple()
 * - dict -> Map (dict literals, dict(), results of filters); plain JS objects are also mappings
 * - callables -> JS functions (macros are JS functions too). Calling convention: positional
 *   arguments, then one Kwargs instance last if and only if the call had keyword arguments.
 * - host objects (class instances) keep identity; their properties and methods are reachable.
 */

/** Keyword arguments of a call: passed as the last argument, only when the call had keywords. */
export class Kwargs {
  constructor(public readonly values: Record<string, unknown>) {}
}

/** Split a host function's arguments into positional ones and keyword ones. */
export function splitArgs(args: readonly unknown[]): { args: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last instanceof Kwargs) return { args: args.slice(0, -1), kwargs: last.values };
  return { args: args.slice(), kwargs: {} };
}

/** The value of a name or attribute that does not exist. Prints as '' unless strict. */
export class Undefined {
  constructor(
    /** What was looked up, for error messages: `foo` or `'bar' of foo`. */
    public readonly hint: string,
  ) {}
}

/** A Python float whose value happens to be integral (1.0, 4 / 2). Non-integral floats are plain numbers. */
export class PyFloat {
  constructor(public readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** Make a Python float from a JS number: integral values are boxed so they keep printing as floats. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

const TUPLE = Symbol.for('tessera.jinja.tuple');

/** Mark an array as a Python tuple (prints with parentheses; `%` formatting spreads it). */
export function makeTuple<T>(items: T[]): T[] {
  Object.defineProperty(items, TUPLE, { value: true, enumerable: false });
  return items;
}

export function isTuple(v: unknown): v is unknown[] {
  return Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/** Jinja's namespace(): the one object whose attributes `{% set ns.attr = … %}` may assign. */
export class Namespace {
  constructor(public readonly attrs: Map<string, unknown> = new Map()) {}
}

/**
 * Thrown by a host function (dbt's `return()`) to end the running macro early; the macro call
 * then evaluates to `value` instead of its rendered text.
 */
export class MacroReturn {
  constructor(public readonly value: unknown) {}
}

/**
 * A string already safe for HTML (Jinja2's Markup): `escape` leaves it alone, so escaping twice
 * does not double-escape. The runtime treats it as a str everywhere else.
 */
export class Markup {
  constructor(public readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * A host object that templates should treat as a mapping in `is mapping` tests (dbt's Relation
 * is a dict-like dataclass that packages probe this way). Set this symbol to true on the object.
 */
export const MAPPING_LIKE = Symbol.for('tessera.jinja.mappingLike');

/**
 * A host object may implement Python's operators for itself (a datetime minus a timedelta): a
 * method under this symbol gets `(op, other, reflected)` — `op` one of `+ - * / // %`, `cmp`
 * (answer -1/0/1) or `eq` (answer a boolean) — and returns `undefined` for a pair it does not
 * support, as Python's `NotImplemented`.
 */
export const HOST_OPERATORS = Symbol.for('tessera.jinja.hostOperators');

export type HostOperators = (op: string, other: unknown, reflected: boolean) => unknown;

/** What `a op b` is by a host object's own operators, or `undefined` when neither side has one. */
export function hostOperation(op: string, a: unknown, b: unknown): unknown {
  const left = (a as { [HOST_OPERATORS]?: HostOperators } | null)?.[HOST_OPERATORS];
  const mine = typeof left === 'function' ? left.call(a, op, b, false) : undefined;
  if (mine !== undefined) return mine;
  const right = (b as { [HOST_OPERATORS]?: HostOperators } | null)?.[HOST_OPERATORS];
  return typeof right === 'function' ? right.call(b, op, a, true) : undefined;
}
