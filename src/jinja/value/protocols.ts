/**
 * Python's object protocols that every statement needs: truthiness, len(), iteration, callable().
 */
import { isPlainObject, pyChars, typeError, typeName, undefinedError } from './kinds.js';
import { Markup, PyFloat, Undefined } from './types.js';

interface UndefinedModeHolder {
  undefinedMode: 'default' | 'strict' | 'lenient';
}

/** Python `bool(v)`: '', 0, 0.0, empty containers, None and Undefined are false (strict: error). */
export function truthy(v: unknown, ctx?: UndefinedModeHolder): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'undefined':
      return false;
    case 'function':
      return true;
    case 'bigint':
      return v !== 0n;
  }
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Undefined) {
    if (ctx?.undefinedMode === 'strict') throw undefinedError(v);
    return false;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof Markup) return v.value.length > 0;
  if (isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

/** Python `len(v)`. Undefined has length 0 (strict: error). */
export function length(v: unknown, ctx?: UndefinedModeHolder): number {
  if (typeof v === 'string') return pyChars(v).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (v instanceof Markup) return pyChars(v.value).length;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (v instanceof Undefined) {
    if (ctx?.undefinedMode === 'strict') throw undefinedError(v);
    return 0;
  }
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * Python `iter(v)`: lists and tuples, str (characters), dict keys (Map or plain object), sets,
 * JS iterables. Undefined iterates as empty (strict: error); None and numbers are TypeErrors.
 */
export function iterate(v: unknown, ctx?: UndefinedModeHolder): Iterable<unknown> {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return v;
  if (v instanceof Map) return v.keys();
  if (isPlainObject(v)) return Object.keys(v);
  if (v instanceof Undefined) {
    if (ctx?.undefinedMode === 'strict') throw undefinedError(v);
    return EMPTY;
  }
  if (v instanceof Markup) return v.value;
  if (typeof v === 'object' && v !== null && Symbol.iterator in v) return v as Iterable<unknown>;
  throw typeError(`'${typeName(v)}' object is not iterable`);
}

/** Items of an iterable as a fresh array (what `list(v)` gives). */
export function toList(v: unknown, ctx?: UndefinedModeHolder): unknown[] {
  return Array.isArray(v) ? v.slice() : Array.from(iterate(v, ctx));
}

/** Python `callable(v)`: macros, host functions and bound methods are JS functions. */
export function isCallable(v: unknown): boolean {
  return typeof v === 'function';
}
