/**
 * `a.b`, `a[b]` and `a[i:j:k]` as Jinja2 resolves them: Python methods of str/list/dict first for
 * attributes, items first for subscripts, host object properties (methods bound), Undefined
 * for anything missing.
 */
import { dictGet, MISSING } from './compare.js';
import { dictMethod } from './dict-methods.js';
import {
  isInt,
  isMapping,
  isNone,
  isNumeric,
  isPlainObject,
  missingHint,
  pyChars,
  toNumber,
  typeError,
  undefinedError,
  unmark,
  valueError,
} from './kinds.js';
import { listMethod } from './list-methods.js';
import { namedField } from './markers.js';
import { strMethod } from './str-methods.js';
import { repr, strRepr } from './to-str.js';
import { isTuple, Markup, makeTuple, Namespace, Undefined } from './types.js';

interface UndefinedModeHolder {
  undefinedMode: 'default' | 'strict' | 'lenient';
}

const DEFAULT_MODE: UndefinedModeHolder = { undefinedMode: 'default' };

/** str.format's `{0.name}` / `{0[key]}` lookups. */
const FIELD_ACCESS = {
  attr: (obj: unknown, name: string) => getAttr(obj, name, DEFAULT_MODE),
  item: (obj: unknown, key: unknown) => getItem(obj, key, DEFAULT_MODE),
};

/** Own properties that must never be reached from a template. */
const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);

/** `obj.name` as Jinja2's `getattr`: methods, then (for mappings) keys, then host properties. */
export function getAttr(obj: unknown, name: string, ctx: UndefinedModeHolder): unknown {
  if (typeof obj === 'object' && obj !== null) {
    if (isPlainObject(obj)) {
      // A host function stored in a plain object (config.get, adapter.dispatch) wins over
      // dict methods; for data values Python's dict methods win (`d.items` is the method).
      if (Object.hasOwn(obj, name)) {
        const v = obj[name];
        if (typeof v === 'function') return v;
        return dictMethod(obj, name) ?? v;
      }
      return dictMethod(obj, name) ?? missing(obj, name);
    }
    if (Array.isArray(obj)) {
      const field = namedField(obj, name);
      if (field !== undefined) return field.value;
      return listMethod(obj, name) ?? missing(obj, name);
    }
    if (obj instanceof Map) {
      const method = dictMethod(obj, name);
      if (method !== undefined) return method;
      const v = dictGet(obj, name);
      return v === MISSING ? missing(obj, name) : v;
    }
    if (obj instanceof Undefined) {
      if (ctx.undefinedMode === 'lenient') return obj;
      throw undefinedError(obj);
    }
    if (obj instanceof Namespace) return obj.attrs.has(name) ? obj.attrs.get(name) : missing(obj, name);
    if (obj instanceof Markup) return strMethod(obj.value, name, FIELD_ACCESS) ?? missing(obj, name);
    return hostProperty(obj, name);
  }
  if (typeof obj === 'string') return strMethod(obj, name, FIELD_ACCESS) ?? missing(obj, name);
  if (typeof obj === 'function') return hostProperty(obj, name);
  return missing(obj, name);
}

function hostProperty(obj: object, name: string): unknown {
  if (!(name in obj) || BLOCKED.has(name)) return missing(obj, name);
  const v = (obj as Record<string, unknown>)[name];
  if (typeof v === 'function' && typeof obj === 'object') return v.bind(obj);
  return v === undefined ? null : v;
}

function missing(obj: unknown, name: string): Undefined {
  return new Undefined(missingHint(obj, strRepr(name)));
}

/** `obj[key]` as Jinja2's `getitem`: the item first (negative indexes count from the end), then the attribute. */
export function getItem(obj: unknown, key: unknown, ctx: UndefinedModeHolder): unknown {
  if (Array.isArray(obj)) {
    if (isInt(key) || typeof key === 'boolean') {
      const n = toNumber(key);
      const i = n < 0 ? obj.length + n : n;
      return i >= 0 && i < obj.length ? obj[i] : new Undefined(missingHint(obj, repr(key)));
    }
  } else if (isMapping(obj)) {
    const v = dictGet(obj, key);
    if (v !== MISSING) return v;
  } else if (typeof obj === 'string' || obj instanceof Markup) {
    const s = pyChars(unmark(obj));
    if (isInt(key)) {
      const n = toNumber(key);
      const i = n < 0 ? s.length + n : n;
      return i >= 0 && i < s.length ? s[i] : new Undefined(missingHint(obj, repr(key)));
    }
  } else if (obj instanceof Undefined) {
    if (ctx.undefinedMode === 'lenient') return obj;
    throw undefinedError(obj);
  } else if (obj instanceof Namespace) {
    if (typeof key === 'string' && obj.attrs.has(key)) return obj.attrs.get(key);
  } else if (
    typeof obj === 'object' &&
    obj !== null &&
    (typeof key === 'string' || typeof key === 'number')
  ) {
    if (obj instanceof Map === false && String(key) in obj && !BLOCKED.has(String(key))) {
      return hostProperty(obj, String(key));
    }
  }
  if (typeof key === 'string') return getAttr(obj, key, ctx);
  return new Undefined(missingHint(obj, repr(key)));
}

/** Python slice bounds for a sequence of `len` items. */
function sliceIndices(len: number, start: unknown, stop: unknown, step: number): [number, number] {
  const clamp = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (isNone(v)) return dflt;
    if (!isNumeric(v)) throw typeError('slice indices must be integers or None or have an __index__ method');
    let n = toNumber(v);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  return step > 0
    ? [clamp(start, 0, 0, len), clamp(stop, len, 0, len)]
    : [clamp(start, len - 1, -1, len - 1), clamp(stop, -1, -1, len - 1)];
}

/** `obj[start:stop:step]` on str, list or tuple (None means omitted). */
export function getSlice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const by = isNone(step) ? 1 : toNumber(step);
  if (by === 0) throw valueError('slice step cannot be zero');
  if (obj instanceof Undefined) throw undefinedError(obj);
  const isString = typeof obj === 'string' || obj instanceof Markup;
  // Jinja2's getitem turns a failed subscript (5[1:2], 'abc'['a':]) into an undefined value.
  const invalid = (): Undefined =>
    new Undefined(missingHint(obj, `slice(${repr(start)}, ${repr(stop)}, ${repr(step)})`));
  if (!isString && !Array.isArray(obj)) return invalid();
  if (![start, stop, step].every((b) => isNone(b) || isNumeric(b))) return invalid();
  const seq = isString ? pyChars(unmark(obj as string | Markup)) : (obj as unknown[]);
  const [from, to] = sliceIndices(seq.length, start, stop, by);
  if (by === 1) {
    const part = seq.slice(from, Math.max(from, to));
    if (isString) return typeof part === 'string' ? part : (part as string[]).join('');
    return isTuple(obj) ? makeTuple(part as unknown[]) : part;
  }
  const picked: unknown[] = [];
  if (by > 0) for (let i = from; i < to; i += by) picked.push(seq[i]);
  else for (let i = from; i > to; i += by) picked.push(seq[i]);
  if (isString) return picked.join('');
  return isTuple(obj) ? makeTuple(picked) : picked;
}
