/**
 * The context functions dbt borrows from Python that depend on no node or session (`print`,
 * `fromjson`/`tojson`, `fromyaml`/`toyaml`, `local_md5`, `zip`, `set` and their `_strict` forms):
 * one shared table, spread into every node's context.
 */
import { splitArgs } from '../jinja/index.js';
import { fromYaml, localMd5, toJson, toYaml } from './serialization.js';

export const PYTHON_BUILTINS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  print: (...args: unknown[]) => {
    process.stdout.write(`${splitArgs(args).args.map(String).join(' ')}\n`);
    return '';
  },
  fromjson: (s: unknown, fallback: unknown = null) => {
    try {
      return JSON.parse(String(s));
    } catch {
      return fallback;
    }
  },
  tojson: (v: unknown) => toJson(v),
  fromyaml: (s: unknown) => fromYaml(String(s)),
  toyaml: (v: unknown) => toYaml(v),
  local_md5: (s: unknown) => localMd5(String(s)),
  // dbt's `zip`/`set` give `default` for a non-iterable; the `_strict` forms raise instead.
  zip: (...args: unknown[]) => {
    const { args: p, kwargs } = splitArgs(args);
    return p.every(isIterable) ? zipLists(p) : (kwargs.default ?? null);
  },
  zip_strict: (...args: unknown[]) => zipLists(splitArgs(args).args.map(mustIterate)),
  // A JS Set is what the runtime compares as a Python set (unordered equality, `in`).
  set: (...args: unknown[]) => {
    const { args: p, kwargs } = splitArgs(args);
    const v = p[0];
    if (v === null || v === undefined) return new Set();
    return isIterable(v) ? new Set(v) : (kwargs.default ?? p[1] ?? null);
  },
  set_strict: (...args: unknown[]) => new Set(mustIterate(splitArgs(args).args[0])),
};

function isIterable(v: unknown): v is Iterable<unknown> {
  return typeof (v as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === 'function';
}

function mustIterate(v: unknown): Iterable<unknown> {
  if (isIterable(v)) return v;
  throw new TypeError(`'${v === null || v === undefined ? 'NoneType' : typeof v}' object is not iterable`);
}

function zipLists(iterables: unknown[]): unknown[][] {
  const lists = iterables.map((a) => [...(a as Iterable<unknown>)]);
  const n = Math.min(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
}
