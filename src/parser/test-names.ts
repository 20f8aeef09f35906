// How dbt names generic (schema) tests. The name and unique_id of a generic test are part of the
// public contract (selection by name, `state:` comparison, run_results consumers), so they are
// reproduced exactly:
//   name       <namespace_>[source_]<test>_<target>_<arg values flattened, sorted by arg name>
//   alias/file the name, or when it is 64+ characters: its first part (30 chars) + md5 of the name
//   unique_id  test.<package>.<name>.<last 10 hex of md5(name + repr(sorted metadata))>
import { createHash } from 'node:crypto';
import type { JsonObject, NodeVersion, TestMetadata } from './node-types.js';
import { pyRepr, pyStr } from './python-repr.js';

/** What a generic test is attached to. A bare string means a model/seed/snapshot name. */
export type GenericTestTarget =
  | { kind: 'node'; name: string; version?: NodeVersion | null }
  | { kind: 'source'; sourceName: string; tableName: string };

export interface GenericTestNames {
  /** Used for the node's `name`, `fqn` and `unique_id`. */
  fullName: string;
  /** Used for the alias and the compiled file name; equals fullName when short enough. */
  shortName: string;
}

/** Names at or past this length get a hashed short name. */
const MAX_NAME_LENGTH = 64;
const KEPT_PREFIX_LENGTH = 30;
const UNIQUE_ID_HASH_LENGTH = 10;

/** The kwarg a generic test macro reads its keyword arguments from. */
export const GENERIC_TEST_KWARGS_NAME = '_dbt_generic_test_kwargs';

const TEST_NAME_PATTERN = /^(?:([a-zA-Z_][0-9a-zA-Z_]*)\.)?([a-zA-Z_][0-9a-zA-Z_]*)/;

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** `dbt_utils.expression_is_true` → namespace `dbt_utils`, name `expression_is_true`; null if malformed. */
export function splitTestName(written: string): { namespace: string | null; name: string } | null {
  const match = TEST_NAME_PATTERN.exec(written);
  if (!match) return null;
  return { namespace: match[1] ?? null, name: match[2]! };
}

function targetNameOf(target: string | GenericTestTarget): { name: string; isSource: boolean } {
  if (typeof target === 'string') return { name: target, isSource: false };
  if (target.kind === 'source') return { name: `${target.sourceName}_${target.tableName}`, isSource: true };
  const versioned = target.version !== undefined && target.version !== null;
  return { name: versioned ? `${target.name}_v${target.version}` : target.name, isSource: false };
}

/** Argument values in name order: sorted by argument name, `model` left out, containers opened one level. */
function flattenArgValues(args: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const value = args[key];
    const items = Array.isArray(value)
      ? value
      : value !== null && typeof value === 'object' && !(value instanceof Date)
        ? Object.values(value)
        : [value];
    for (const item of items) parts.push(pyStr(item));
  }
  return parts.map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_'));
}

/**
 * The synthesised name of a generic test, as dbt makes it.
 * @param testName the test's own name (`unique`, `accepted_range`), without namespace
 * @param namespace the package prefix written in YAML (`dbt_utils`), or null
 * @param target the tested model/seed/snapshot name, or a source / versioned model
 * @param args the test's macro arguments including `column_name` (configs removed)
 */
export function genericTestName(
  testName: string,
  namespace: string | null,
  target: string | GenericTestTarget,
  args: Record<string, unknown>,
): GenericTestNames {
  const { name: targetName, isSource } = targetNameOf(target);
  let identifier = isSource ? `source_${testName}` : testName;
  if (namespace) identifier = `${namespace}_${identifier}`;
  const withTarget = `${identifier}_${targetName}`;
  const fullName = `${withTarget}_${flattenArgValues(args).join('__')}`;
  const shortName =
    fullName.length >= MAX_NAME_LENGTH
      ? `${withTarget.slice(0, KEPT_PREFIX_LENGTH)}_${md5Hex(fullName)}`
      : fullName;
  return { fullName, shortName };
}

/** Sorted keys, every scalar turned into its Python str(): the form dbt hashes. */
function hashableForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashableForm);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = hashableForm((value as JsonObject)[key]);
    return out;
  }
  return pyStr(value);
}

/** The 10-hex suffix that makes a generic test's unique_id unique across same-named tests. */
export function testUniqueIdSuffix(name: string, metadata: TestMetadata): string {
  const hashable = hashableForm({
    namespace: metadata.namespace,
    name: metadata.name,
    kwargs: metadata.kwargs,
  });
  return md5Hex(name + pyRepr(hashable)).slice(-UNIQUE_ID_HASH_LENGTH);
}

export function genericTestUniqueId(packageName: string, name: string, metadata: TestMetadata): string {
  return `test.${packageName}.${name}.${testUniqueIdSuffix(name, metadata)}`;
}

/** The `model` kwarg dbt gives every generic test: the target wrapped in get_where_subquery. */
export function genericTestModelArg(target: string | GenericTestTarget): string {
  let relation: string;
  if (typeof target === 'string') relation = `ref('${target}')`;
  else if (target.kind === 'source') relation = `source('${target.sourceName}', '${target.tableName}')`;
  else if (target.version !== undefined && target.version !== null)
    relation = `ref('${target.name}', version='${target.version}')`;
  else relation = `ref('${target.name}')`;
  return `{{ get_where_subquery(${relation}) }}`;
}

/**
 * The raw_code of a generic test node: a call of its macro, then a config() call holding the
 * configs given in YAML (strings double-quoted, other values as Python prints them).
 */
export function genericTestRawCode(
  testName: string,
  namespace: string | null,
  config: Record<string, unknown> = {},
): string {
  const macro = namespace ? `${namespace}.test_${testName}` : `test_${testName}`;
  const entries = Object.entries(config).map(([key, value]) => {
    const text = typeof value === 'string' ? `"${value.replaceAll('"', '\\"')}"` : pyStr(value);
    return `${key}=${text}`;
  });
  const configCall = entries.length > 0 ? `{{ config(${entries.join(',')}) }}` : '';
  return `{{ ${macro}(**${GENERIC_TEST_KWARGS_NAME}) }}${configCall}`;
}
