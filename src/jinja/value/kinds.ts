/**
 * Type checks for the JS representation of Python values (see types.ts), plus the Python
 * type names that error messages use. Cheap `typeof` checks come first everywhere.
 */
import { JinjaRuntimeError } from '../errors.js';
import { isTuple, Markup, Namespace, PyFloat, Undefined } from './types.js';

/** Python int (bools excluded): an integral JS number, or a bigint from a database driver. */
export function isInt(v: unknown): v is number {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** Python float: a non-integral number (incl. inf/nan) or a boxed integral PyFloat. */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** Anything Python does arithmetic on: int, float, bool (and bigints, computed as numbers). */
export function isNumeric(v: unknown): v is number | boolean | PyFloat | bigint {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat || typeof v === 'bigint';
}

/** The JS number of a numeric value (bool → 0/1). Call only after isNumeric. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return (v as PyFloat).value;
}

/** Python's `__index__`: an int (or bool) where Python insists on one (widths, counts, indexes). */
export function toIndex(v: unknown): number {
  if (isInt(v) || typeof v === 'boolean') return toNumber(v);
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** str or Markup. */
export function isStr(v: unknown): v is string | Markup {
  return typeof v === 'string' || v instanceof Markup;
}

/** The plain string of a str or Markup value. */
export function unmark(v: string | Markup): string {
  return typeof v === 'string' ? v : v.value;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Python indexes strings by code point, JS by UTF-16 unit; they differ only when a string holds
 * characters outside the BMP (emoji). Those strings are handled as arrays of code points.
 */
export function pyChars(s: string): string | string[] {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

/** Python's len() of a str: code points, not UTF-16 units. */
export function pyLen(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

/** A plain JS object (object literal, JSON, YAML): a Python dict with string keys. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A Python dict: a Map or a plain object. */
export function isMapping(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || isPlainObject(v);
}

export function isNone(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Python's `type(v).__name__`, for error messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'function':
      return 'function';
    case 'bigint':
      return 'int';
  }
  if (v instanceof PyFloat) return 'float';
  if (v instanceof Markup) return 'Markup';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (isMapping(v)) return 'dict';
  if (v instanceof Set) return 'set';
  if (v instanceof Undefined) return 'Undefined';
  if (v instanceof Namespace) return 'Namespace';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'object';
}

/** Jinja2's `object_type_repr`: `None` or `dict object`, used in "has no attribute" messages. */
export function objectTypeRepr(v: unknown): string {
  return v === null || v === undefined ? 'None' : `${typeName(v)} object`;
}

/** A Python TypeError as the runtime reports it. */
export function typeError(message: string): JinjaRuntimeError {
  return new JinjaRuntimeError(message);
}

/** A Python ValueError as the runtime reports it. */
export function valueError(message: string): JinjaRuntimeError {
  return new JinjaRuntimeError(message);
}

/**
 * Undefined hints follow types.ts: `foo` for a missing name, `<key repr> of <type repr>` for a
 * missing attribute or item (built by missingHint); a hint with spaces otherwise is a complete
 * message (`No first item, sequence was empty.`). This turns one into Jinja2's message.
 */
export function undefinedMessage(u: Undefined): string {
  const at = u.hint.lastIndexOf(' of ');
  if (at > 0 && / of (None|\S+ object)$/.test(u.hint)) {
    const key = u.hint.slice(0, at);
    const owner = u.hint.slice(at + 4);
    // Jinja2 words string keys as attributes and other keys (list indexes) as elements.
    return key.startsWith("'") || key.startsWith('"')
      ? `'${owner}' has no attribute ${key}`
      : `${owner} has no element ${key}`;
  }
  return /\s/.test(u.hint) ? u.hint : `'${u.hint}' is undefined`;
}

/** The hint for an attribute or item missing on `obj`. */
export function missingHint(obj: unknown, keyRepr: string): string {
  return `${keyRepr} of ${objectTypeRepr(obj)}`;
}

/** The error any forbidden use of an undefined value raises (Jinja2's UndefinedError). */
export function undefinedError(u: Undefined): JinjaRuntimeError {
  return new JinjaRuntimeError(undefinedMessage(u), 'undefined');
}
