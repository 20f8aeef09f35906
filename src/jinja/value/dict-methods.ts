/**
 * Python's dict methods on Maps and plain objects (`d.items()`, `d.get(k, x)`, `d.update(...)`).
 */
import { JinjaRuntimeError } from '../errors.js';
import { assertHashable, dictEntries, dictGet, dictKey, MISSING } from './compare.js';
import { isMapping, typeError } from './kinds.js';
import { makeView } from './markers.js';
import { iterate } from './protocols.js';
import { repr } from './to-str.js';
import { makeTuple, splitArgs } from './types.js';

type Dict = Map<unknown, unknown> | Record<string, unknown>;
type DictMethod = (d: Dict, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** `d[k] = v` on a Map (canonical key) or a plain object (string key). */
export function dictSet(d: Dict, k: unknown, v: unknown): void {
  assertHashable(k);
  if (d instanceof Map) d.set(dictKey(k), v);
  else d[String(dictKey(k))] = v;
}

function dictDelete(d: Dict, k: unknown): void {
  if (d instanceof Map) {
    if (!d.delete(k)) d.delete(dictKey(k));
  } else delete d[String(dictKey(k))];
}

function keyError(k: unknown): JinjaRuntimeError {
  return new JinjaRuntimeError(`${repr(k)}`);
}

/** Python `dict.update(other, **kw)`: other is a mapping or an iterable of pairs. */
export function dictUpdate(d: Dict, args: unknown[], kwargs: Record<string, unknown>): null {
  const other = args[0];
  if (other !== undefined && other !== null) {
    if (isMapping(other)) for (const [k, v] of dictEntries(other)) dictSet(d, k, v);
    else for (const pair of iterate(other)) dictSet(d, (pair as unknown[])[0], (pair as unknown[])[1]);
  }
  for (const [k, v] of Object.entries(kwargs)) dictSet(d, k, v);
  return null;
}

const METHODS: Record<string, DictMethod> = {
  items: (d) =>
    makeView(
      'dict_items',
      dictEntries(d).map((e) => makeTuple(e)),
    ),
  keys: (d) => makeView('dict_keys', d instanceof Map ? Array.from(d.keys()) : Object.keys(d)),
  values: (d) => makeView('dict_values', d instanceof Map ? Array.from(d.values()) : Object.values(d)),
  get: (d, a) => {
    if (a.length === 0) throw typeError('get expected at least 1 argument, got 0');
    const v = dictGet(d, a[0]);
    return v === MISSING ? (a[1] ?? null) : v;
  },
  update: (d, a, k) => dictUpdate(d, a, k),
  pop: (d, a) => {
    const v = dictGet(d, a[0]);
    if (v === MISSING) {
      if (a.length > 1) return a[1];
      throw keyError(a[0]);
    }
    dictDelete(d, a[0]);
    return v;
  },
  setdefault: (d, a) => {
    const v = dictGet(d, a[0]);
    if (v !== MISSING) return v;
    const dflt = a[1] ?? null;
    dictSet(d, a[0], dflt);
    return dflt;
  },
  copy: (d) => (d instanceof Map ? new Map(d) : { ...d }),
  clear: (d) => {
    if (d instanceof Map) d.clear();
    else for (const k of Object.keys(d)) delete d[k];
    return null;
  },
  popitem: (d) => {
    const entries = dictEntries(d);
    const last = entries[entries.length - 1];
    if (last === undefined) throw new JinjaRuntimeError("'popitem(): dictionary is empty'");
    dictDelete(d, last[0]);
    return makeTuple(last);
  },
};

/** Whether `name` is a dict method (dict methods win over keys for `d.name`). */
export function isDictMethodName(name: string): boolean {
  return Object.hasOwn(METHODS, name);
}

/** `d.name` as a bound method, or undefined. */
export function dictMethod(d: Dict, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (!Object.hasOwn(METHODS, name)) return undefined;
  const method = METHODS[name]!;
  return (...raw) => {
    const { args, kwargs } = splitArgs(raw);
    return method(d, args, kwargs);
  };
}
