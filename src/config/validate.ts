import type { z } from 'zod';
import { ConfigError, type ConfigErrorCode, type ConfigSeverity, type Diagnostics } from './errors.js';
import { didYouMean } from './suggest.js';
import type { YamlPath, YamlSource } from './yaml-positions.js';

/** Where a value sits: the file it came from and its path inside that file. */
export interface Place {
  source: YamlSource;
  path: YamlPath;
}

export function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/**
 * Checks `value` against `schema`; every issue becomes a positioned error in `diagnostics`.
 * `what` names the thing being read, for messages ("model 'orders'").
 */
export function validateShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  place: Place,
  what: string,
  diagnostics: Diagnostics,
): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const issuePath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = issuePath.length > 0 ? `'${describePath(issuePath)}' in ${what}` : what;
    const loc = place.source.locate([...place.path, ...issuePath]);
    const missing = issue.code === 'invalid_type' && isMissing(value, issuePath);
    diagnostics.add(
      missing
        ? ConfigError.at(loc, 'missing-key', `missing required key ${where}`)
        : ConfigError.at(loc, 'invalid-value', `invalid ${where}: ${issue.message}`),
    );
  }
  return undefined;
}

function isMissing(root: unknown, path: ReadonlyArray<string | number>): boolean {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return false;
    if (!Object.hasOwn(node, segment)) return true;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return false;
}

/** Reports every key of `obj` not in `allowed`, at the key's position, with a typo suggestion. */
export function checkKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  place: Place,
  what: string,
  diagnostics: Diagnostics,
  options: { severity?: ConfigSeverity; code?: ConfigErrorCode } = {},
): void {
  const known = new Set(allowed);
  for (const key of Object.keys(obj)) {
    if (known.has(key)) continue;
    diagnostics.add(
      ConfigError.at(
        place.source.locate([...place.path, key], 'key'),
        options.code ?? 'unknown-key',
        `unknown key '${key}' in ${what}${didYouMean(key, allowed)}`,
        { severity: options.severity ?? 'error' },
      ),
    );
  }
}
