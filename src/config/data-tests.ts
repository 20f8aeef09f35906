import { ConfigError, type Diagnostics, type Loc } from './errors.js';
import type { Place } from './validate.js';
import { isPlainObject } from './yaml-positions.js';

/**
 * One generic test attached in properties YAML, whatever form it was written in:
 * `- unique`, `- accepted_values: {values: [...]}`, the 1.10 form with `arguments:`,
 * `- name: x; test_name: y`, or package-qualified `- dbt_utils.expression_is_true: {...}`.
 */
export interface DataTestEntry {
  /** The test's macro name without namespace (`unique`, `unique_combination_of_columns`). */
  testName: string;
  /** The package in `dbt_utils.unique_combination_of_columns`. */
  namespace?: string;
  /** Keyword arguments for the test macro; `column_name` is set for column tests, as dbt does. */
  args: Record<string, unknown>;
  /** Test configs, from `config:` and from legacy top-level keys (`severity: warn`). */
  config: Record<string, unknown>;
  /** A user-chosen test name (`name:`), otherwise dbt synthesises one. */
  name?: string;
  description?: string;
  loc: Loc;
}

/** Keys that configure a test when written beside its arguments (dbt's legacy form). */
export const TEST_CONFIG_ARGS = [
  'severity',
  'tags',
  'enabled',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'meta',
  'database',
  'schema',
  'alias',
] as const;

const TEST_NAME = /^(?:([A-Za-z_][0-9A-Za-z_]*)\.)?([A-Za-z_][0-9A-Za-z_]*)$/;

/** Reads a `data_tests:`/`tests:` list; `columnName` is given for column-level tests. */
export function readDataTests(
  list: unknown,
  place: Place,
  diagnostics: Diagnostics,
  columnName?: string,
): DataTestEntry[] {
  if (list == null) return [];
  if (!Array.isArray(list)) {
    diagnostics.add(ConfigError.at(place.source.locate(place.path), 'invalid-test', 'tests must be a list'));
    return [];
  }
  const out: DataTestEntry[] = [];
  list.forEach((entry, i) => {
    const test = readDataTest(
      entry,
      { source: place.source, path: [...place.path, i] },
      diagnostics,
      columnName,
    );
    if (test) out.push(test);
  });
  return out;
}

export function readDataTest(
  entry: unknown,
  place: Place,
  diagnostics: Diagnostics,
  columnName?: string,
): DataTestEntry | undefined {
  const loc = place.source.locate(place.path);
  const fail = (message: string, hint?: string) => {
    diagnostics.add(ConfigError.at(loc, 'invalid-test', message, hint ? { hint } : {}));
    return undefined;
  };
  let fullName: unknown;
  let rawArgs: unknown;
  if (typeof entry === 'string') {
    fullName = entry;
    rawArgs = {};
  } else if (isPlainObject(entry) && 'test_name' in entry) {
    const { test_name, ...rest } = entry;
    fullName = test_name;
    rawArgs = rest;
  } else if (isPlainObject(entry)) {
    const keys = Object.keys(entry);
    if (keys.length !== 1) {
      return fail(
        `a test written as a mapping must have exactly one key (the test name), found ${keys.length}: ${keys.join(', ')}`,
        'check the indentation of the test arguments, or use `test_name:`',
      );
    }
    fullName = keys[0];
    rawArgs = entry[keys[0]!] ?? {};
  } else {
    return fail(`a test must be a name or a mapping, found ${JSON.stringify(entry)}`);
  }
  if (typeof fullName !== 'string')
    return fail(`a test name must be text, found ${JSON.stringify(fullName)}`);
  const match = TEST_NAME.exec(fullName);
  if (!match) return fail(`'${fullName}' is not a valid test name`);
  if (!isPlainObject(rawArgs)) {
    return fail(`the arguments of test '${fullName}' must be a mapping`, 'write them as `key: value` pairs');
  }

  const { arguments: nested, config: rawConfig, name, description, ...rest } = rawArgs;
  if (nested !== undefined && !isPlainObject(nested))
    return fail(`'arguments' of test '${fullName}' must be a mapping`);
  if (rawConfig != null && !isPlainObject(rawConfig))
    return fail(`'config' of test '${fullName}' must be a mapping`);
  const config: Record<string, unknown> = { ...(rawConfig ?? {}) };
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if ((TEST_CONFIG_ARGS as readonly string[]).includes(key)) {
      if (key in config)
        return fail(`test '${fullName}' sets '${key}' both beside its arguments and in 'config'`);
      if (value !== null && value !== undefined) config[key] = value;
    } else {
      args[key] = value;
    }
  }
  Object.assign(args, nested ?? {});
  if ('model' in args) return fail(`test '${fullName}' may not take an argument named 'model'; dbt sets it`);
  if (columnName !== undefined) args.column_name = columnName;
  return {
    testName: match[2]!,
    ...(match[1] ? { namespace: match[1] } : {}),
    args,
    config,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    loc,
  };
}
