import type { z } from 'zod';
import { type ConfigResourceType, warnUnknownConfigKeys } from './config-keys.js';
import { type DataTestEntry, readDataTests } from './data-tests.js';
import { ConfigError, type Diagnostics } from './errors.js';
import { columnSchema, constraintSchema, keysOf } from './properties-schema.js';
import type { ColumnProperties, ConstraintSpec } from './properties-types.js';
import { checkKeys, type Place, validateShape } from './validate.js';
import { isPlainObject } from './yaml-positions.js';

export function at(place: Place, ...steps: (string | number)[]): Place {
  return { source: place.source, path: [...place.path, ...steps] };
}

/**
 * Validates one entry: unknown keys are warnings with a suggestion (dbt 1.10 warns and ignores
 * them), wrong types are errors.
 */
export function readEntry<S extends z.ZodObject>(
  schema: S,
  value: unknown,
  place: Place,
  what: string,
  diagnostics: Diagnostics,
): z.infer<S> | undefined {
  if (!isPlainObject(value)) {
    diagnostics.add(
      ConfigError.at(place.source.locate(place.path), 'invalid-value', `${what} must be a mapping`),
    );
    return undefined;
  }
  checkKeys(value, keysOf(schema), place, what, diagnostics, { severity: 'warning' });
  return validateShape(schema, value, place, what, diagnostics) as z.infer<S> | undefined;
}

/** An entry's name for messages, before it is validated. */
export function nameOf(value: unknown, fallback: string): string {
  return isPlainObject(value) && typeof value.name === 'string' ? `'${value.name}'` : fallback;
}

export function tagList(value: string | string[] | null | undefined): string[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a list section, calling `read` for each element with its place. */
export function readList<T>(
  value: unknown,
  place: Place,
  what: string,
  diagnostics: Diagnostics,
  read: (item: unknown, place: Place) => T | undefined,
): T[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    diagnostics.add(
      ConfigError.at(place.source.locate(place.path), 'invalid-value', `'${what}' must be a list`),
    );
    return [];
  }
  const out: T[] = [];
  value.forEach((item, i) => {
    const read1 = read(item, at(place, i));
    if (read1 !== undefined) out.push(read1);
  });
  return out;
}

/** `data_tests:` or its older name `tests:` (both at once is an error, as in dbt). */
export function readTestsOf(
  entry: { data_tests?: unknown; tests?: unknown },
  place: Place,
  diagnostics: Diagnostics,
  columnName?: string,
): DataTestEntry[] {
  if (entry.data_tests != null && entry.tests != null) {
    diagnostics.add(
      ConfigError.at(
        place.source.locate([...place.path, 'tests'], 'key'),
        'invalid-value',
        "use either 'tests' or 'data_tests', not both",
      ),
    );
  }
  const key = entry.data_tests != null ? 'data_tests' : 'tests';
  return readDataTests(entry[key], at(place, key), diagnostics, columnName);
}

export function readConfig(
  config: Record<string, unknown> | null | undefined,
  resourceType: ConfigResourceType,
  place: Place,
  diagnostics: Diagnostics,
): Record<string, unknown> {
  if (!config) return {};
  warnUnknownConfigKeys(config, resourceType, at(place, 'config'), diagnostics);
  return config;
}

export function readConstraints(value: unknown, place: Place, diagnostics: Diagnostics): ConstraintSpec[] {
  return readList(value, place, 'constraints', diagnostics, (item, p) => {
    const c = validateShape(constraintSchema, item, p, 'constraint', diagnostics);
    if (!c) return undefined;
    return {
      type: c.type,
      ...(c.name != null ? { name: c.name } : {}),
      ...(c.expression != null ? { expression: c.expression } : {}),
      ...(c.columns != null ? { columns: c.columns } : {}),
      ...(c.to != null ? { to: c.to } : {}),
      ...(c.to_columns != null ? { toColumns: c.to_columns } : {}),
      ...(c.warn_unenforced != null ? { warnUnenforced: c.warn_unenforced } : {}),
      ...(c.warn_unsupported != null ? { warnUnsupported: c.warn_unsupported } : {}),
      loc: p.source.locate(p.path),
    };
  });
}

export function readColumn(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): ColumnProperties | undefined {
  const c = readEntry(columnSchema, value, place, `column ${nameOf(value, 'entry')}`, diagnostics);
  if (!c) return undefined;
  return {
    name: c.name,
    description: c.description ?? '',
    ...(c.data_type != null ? { dataType: c.data_type } : {}),
    constraints: readConstraints(c.constraints, at(place, 'constraints'), diagnostics),
    dataTests: readTestsOf(c, place, diagnostics, c.name),
    meta: c.meta ?? {},
    tags: tagList(c.tags),
    ...(c.quote != null ? { quote: c.quote } : {}),
    config: c.config ?? {},
    ...(c.granularity != null ? { granularity: c.granularity } : {}),
    loc: place.source.locate(place.path),
  };
}

export function readColumns(value: unknown, place: Place, diagnostics: Diagnostics): ColumnProperties[] {
  const columns = readList(value, place, 'columns', diagnostics, (item, p) =>
    readColumn(item, p, diagnostics),
  );
  // dbt keeps the last of two same-named columns, so this is only a warning.
  reportDuplicates(columns, 'column', diagnostics, 'warning');
  return columns;
}

/** Two entries with the same name in one list. */
export function reportDuplicates(
  items: { name: string; loc: { line: number; column: number; file: string } }[],
  what: string,
  diagnostics: Diagnostics,
  severity: 'error' | 'warning' = 'error',
): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) {
      diagnostics.add(
        ConfigError.at(item.loc, 'duplicate', `${what} '${item.name}' is declared more than once`, {
          severity,
        }),
      );
    }
    seen.add(item.name);
  }
}
