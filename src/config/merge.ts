import { isPlainObject } from './yaml-positions.js';

/**
 * How a config key combines when several layers set it (dbt's merge behaviours):
 * - `clobber`: the later layer replaces the value (the default for every key not listed);
 * - `append`: lists are concatenated, a lone value counting as a one-item list;
 * - `update`: dictionaries are merged key by key, later keys winning;
 * - `dict-key-append`: like `update`, but a later `+key` extends the earlier list instead of
 *   replacing it (used by `grants: {+select: [...]}`).
 */
export type MergeRule = 'clobber' | 'append' | 'update' | 'dict-key-append';

export const MERGE_RULES: Readonly<Record<string, MergeRule>> = {
  'pre-hook': 'append',
  'post-hook': 'append',
  tags: 'append',
  packages: 'append',
  quoting: 'update',
  column_types: 'update',
  meta: 'update',
  docs: 'update',
  contract: 'update',
  snapshot_meta_column_names: 'update',
  grants: 'dict-key-append',
};

/** Hook keys are spelled with `_` or `-`; dbt stores them under the hyphenated name. */
export function canonicalConfigKey(key: string): string {
  const plain = key.replace(/^\+\s*/, '');
  if (plain === 'pre_hook') return 'pre-hook';
  if (plain === 'post_hook') return 'post-hook';
  return plain;
}

export function mergeRuleFor(key: string): MergeRule {
  return MERGE_RULES[canonicalConfigKey(key)] ?? 'clobber';
}

/**
 * Merges config layers, lowest precedence first (project tree levels, then properties YAML, then
 * `config()` in the file). Inputs are not modified.
 */
export function mergeConfigs(
  layers: ReadonlyArray<Record<string, unknown> | undefined>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [rawKey, value] of Object.entries(layer)) {
      const key = canonicalConfigKey(rawKey);
      result[key] = mergeValue(mergeRuleFor(key), result[key], value);
    }
  }
  return result;
}

export function listify(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value];
}

function mergeValue(rule: MergeRule, earlier: unknown, later: unknown): unknown {
  switch (rule) {
    case 'append':
      return [...listify(earlier), ...listify(later)];
    case 'update':
      if (!isPlainObject(later)) return structuredClone(later);
      return { ...(isPlainObject(earlier) ? earlier : {}), ...structuredClone(later) };
    case 'dict-key-append':
      return mergeGrants(isPlainObject(earlier) ? earlier : {}, later);
    default:
      return structuredClone(later);
  }
}

function mergeGrants(earlier: Record<string, unknown>, later: unknown): unknown {
  if (!isPlainObject(later)) return structuredClone(later);
  const merged: Record<string, unknown[]> = {};
  for (const [privilege, grantees] of Object.entries(earlier)) merged[privilege] = listify(grantees);
  for (const [rawPrivilege, grantees] of Object.entries(later)) {
    const extend = rawPrivilege.startsWith('+');
    const privilege = rawPrivilege.replace(/^\++/, '');
    merged[privilege] =
      extend && merged[privilege] ? [...merged[privilege]!, ...listify(grantees)] : listify(grantees);
  }
  return merged;
}
