/** tojson/fromyaml/toyaml/local_md5 as dbt's context provides them. */
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';

function plain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  if (
    v &&
    typeof v === 'object' &&
    'valueOf' in v &&
    typeof (v as { valueOf: () => unknown }).valueOf() === 'number'
  )
    return (v as { valueOf: () => number }).valueOf();
  return v;
}

/** Python's json.dumps spacing (`{"a": 1, "b": [1, 2]}`). */
export function toJson(v: unknown): string {
  const p = plain(v);
  if (p === undefined || p === null) return 'null';
  if (Array.isArray(p)) return `[${p.map(toJson).join(', ')}]`;
  if (typeof p === 'object')
    return `{${Object.entries(p as Record<string, unknown>)
      .map(([k, x]) => `${JSON.stringify(k)}: ${toJson(x)}`)
      .join(', ')}}`;
  return JSON.stringify(p) ?? 'null';
}

export function fromYaml(s: string): unknown {
  try {
    return parse(s) ?? null;
  } catch {
    return null;
  }
}

export function toYaml(v: unknown): string {
  return stringify(plain(v));
}

export function localMd5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

export { plain as toPlain };
