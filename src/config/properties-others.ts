import type { Diagnostics } from './errors.js';
import {
  at,
  nameOf,
  readColumns,
  readConfig,
  readEntry,
  readList,
  readTestsOf,
  reportDuplicates,
  tagList,
} from './properties-common.js';
import {
  exposureSchema,
  groupSchema,
  macroSchema,
  singularTestSchema,
  sourceSchema,
  sourceTableSchema,
  unitTestSchema,
} from './properties-schema.js';
import type {
  ExposureProperties,
  GroupProperties,
  MacroProperties,
  Owner,
  SingularTestProperties,
  SourceProperties,
  SourceTableProperties,
  UnitTestProperties,
} from './properties-types.js';
import type { Place } from './validate.js';

/** Drops `null`/`undefined` fields so optional properties stay absent rather than present-but-empty. */
function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v != null)) as Partial<T>;
}

export function readSource(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): SourceProperties | undefined {
  const e = readEntry(sourceSchema, value, place, `source ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  const tables = readList(e.tables, at(place, 'tables'), 'tables', diagnostics, (item, p) =>
    readSourceTable(item, p, diagnostics),
  );
  reportDuplicates(tables, `table in source '${e.name}'`, diagnostics);
  return {
    name: e.name,
    description: e.description ?? '',
    ...defined({
      database: e.database,
      schema: e.schema,
      loader: e.loader,
      loadedAtField: e.loaded_at_field,
      loadedAtQuery: e.loaded_at_query,
      quoting: e.quoting,
      overrides: e.overrides,
    }),
    // `freshness: null` is meaningful (it switches freshness off), so it is kept when written.
    ...(e.freshness !== undefined ? { freshness: e.freshness } : {}),
    tables,
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    config: readConfig(e.config, 'sources', place, diagnostics),
    loc: place.source.locate(place.path),
  } as SourceProperties;
}

function readSourceTable(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): SourceTableProperties | undefined {
  const e = readEntry(sourceTableSchema, value, place, `source table ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    description: e.description ?? '',
    ...defined({
      identifier: e.identifier,
      loadedAtField: e.loaded_at_field,
      loadedAtQuery: e.loaded_at_query,
      external: e.external,
      quoting: e.quoting,
    }),
    ...(e.freshness !== undefined ? { freshness: e.freshness } : {}),
    columns: readColumns(e.columns, at(place, 'columns'), diagnostics),
    dataTests: readTestsOf(e, place, diagnostics),
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    config: readConfig(e.config, 'sources', place, diagnostics),
    loc: place.source.locate(place.path),
  } as SourceTableProperties;
}

export function readMacro(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): MacroProperties | undefined {
  const e = readEntry(macroSchema, value, place, `macro ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    description: e.description ?? '',
    arguments: (e.arguments ?? []).map((a) => ({
      name: a.name,
      ...(a.type != null ? { type: a.type } : {}),
      ...(a.description != null ? { description: a.description } : {}),
    })),
    ...(e.docs ? { docs: e.docs } : {}),
    meta: e.meta ?? {},
    loc: place.source.locate(place.path),
  };
}

function ownerOf(owner: { name?: string | null; email?: string | string[] | null }): Owner {
  return defined({ name: owner.name, email: owner.email }) as Owner;
}

export function readExposure(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): ExposureProperties | undefined {
  const e = readEntry(exposureSchema, value, place, `exposure ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    type: e.type,
    owner: ownerOf(e.owner),
    ...defined({ label: e.label, url: e.url, maturity: e.maturity }),
    description: e.description ?? '',
    dependsOn: e.depends_on ?? [],
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    config: readConfig(e.config, 'exposures', place, diagnostics),
    loc: place.source.locate(place.path),
  } as ExposureProperties;
}

export function readGroup(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): GroupProperties | undefined {
  const e = readEntry(groupSchema, value, place, `group ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    owner: ownerOf(e.owner),
    ...(e.description != null ? { description: e.description } : {}),
    config: e.config ?? {},
    loc: place.source.locate(place.path),
  };
}

export function readUnitTest(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): UnitTestProperties | undefined {
  const e = readEntry(unitTestSchema, value, place, `unit test ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    model: e.model,
    description: e.description ?? '',
    given: (e.given ?? []).map((g) => ({
      input: g.input,
      ...defined({ rows: g.rows, format: g.format, fixture: g.fixture }),
    })),
    expect: defined({ rows: e.expect.rows, format: e.expect.format, fixture: e.expect.fixture }),
    ...(e.overrides ? { overrides: defined(e.overrides) } : {}),
    config: readConfig(e.config, 'unit_tests', place, diagnostics),
    ...(e.versions ? { versions: defined(e.versions) } : {}),
    loc: place.source.locate(place.path),
  } as UnitTestProperties;
}

export function readSingularTest(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): SingularTestProperties | undefined {
  const e = readEntry(singularTestSchema, value, place, `data test ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    description: e.description ?? '',
    config: readConfig(e.config, 'data_tests', place, diagnostics),
    loc: place.source.locate(place.path),
  };
}
