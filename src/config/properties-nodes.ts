import type { Diagnostics } from './errors.js';
import {
  at,
  nameOf,
  readColumn,
  readColumns,
  readConfig,
  readConstraints,
  readEntry,
  readList,
  readTestsOf,
  tagList,
} from './properties-common.js';
import {
  analysisSchema,
  modelSchema,
  modelVersionSchema,
  seedSchema,
  snapshotSchema,
} from './properties-schema.js';
import type {
  ColumnProperties,
  ColumnSelection,
  ModelProperties,
  ModelVersionProperties,
  NodeProperties,
  SnapshotProperties,
} from './properties-types.js';
import type { Place } from './validate.js';
import { isPlainObject } from './yaml-positions.js';

type NodeKind = 'seeds' | 'analyses';

function baseNode(
  e: {
    name: string;
    description?: string | null;
    config?: Record<string, unknown> | null;
    columns?: unknown[] | null;
    data_tests?: unknown[] | null;
    tests?: unknown[] | null;
    docs?: { show?: boolean; node_color?: string } | null;
    meta?: Record<string, unknown> | null;
    tags?: string | string[] | null;
  },
  resourceType: 'models' | 'seeds' | 'snapshots' | 'analyses',
  place: Place,
  diagnostics: Diagnostics,
): NodeProperties {
  return {
    name: e.name,
    description: e.description ?? '',
    config: readConfig(e.config, resourceType, place, diagnostics),
    columns: readColumns(e.columns, at(place, 'columns'), diagnostics),
    dataTests: readTestsOf(e, place, diagnostics),
    ...(e.docs ? { docs: e.docs } : {}),
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    loc: place.source.locate(place.path),
  };
}

export function readModel(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): ModelProperties | undefined {
  const e = readEntry(modelSchema, value, place, `model ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    ...baseNode(e, 'models', place, diagnostics),
    constraints: readConstraints(e.constraints, at(place, 'constraints'), diagnostics),
    ...(e.access != null ? { access: e.access } : {}),
    ...(e.group != null ? { group: e.group } : {}),
    ...(e.latest_version != null ? { latestVersion: e.latest_version } : {}),
    versions: readList(e.versions, at(place, 'versions'), 'versions', diagnostics, (item, p) =>
      readModelVersion(item, p, diagnostics),
    ),
    ...(e.deprecation_date != null ? { deprecationDate: String(e.deprecation_date) } : {}),
  };
}

function readModelVersion(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): ModelVersionProperties | undefined {
  const e = readEntry(modelVersionSchema, value, place, 'model version', diagnostics);
  if (!e) return undefined;
  // A version's `columns` mixes column definitions with one `{include, exclude}` selector.
  let columnSelection: ColumnSelection | undefined;
  const columns = readList<ColumnProperties | null>(
    e.columns,
    at(place, 'columns'),
    'columns',
    diagnostics,
    (item, p) => {
      if (isPlainObject(item) && !('name' in item) && ('include' in item || 'exclude' in item)) {
        const include = item.include;
        columnSelection = {
          include:
            include === '*' || include === 'all' || include == null ? 'all' : [include].flat().map(String),
          exclude: item.exclude == null ? [] : [item.exclude].flat().map(String),
        };
        return null;
      }
      return readColumn(item, p, diagnostics);
    },
  ).filter((c): c is ColumnProperties => c !== null);
  return {
    v: e.v,
    ...(e.defined_in != null ? { definedIn: e.defined_in } : {}),
    ...(e.description != null ? { description: e.description } : {}),
    config: readConfig(e.config, 'models', place, diagnostics),
    columns,
    ...(columnSelection ? { columnSelection } : {}),
    dataTests: readTestsOf(e, place, diagnostics),
    constraints: readConstraints(e.constraints, at(place, 'constraints'), diagnostics),
    ...(e.docs ? { docs: e.docs } : {}),
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    ...(e.access != null ? { access: e.access } : {}),
    ...(e.deprecation_date != null ? { deprecationDate: String(e.deprecation_date) } : {}),
    loc: place.source.locate(place.path),
  };
}

export function readSnapshot(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): SnapshotProperties | undefined {
  const e = readEntry(snapshotSchema, value, place, `snapshot ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    ...baseNode(e, 'snapshots', place, diagnostics),
    ...(e.relation != null ? { relation: e.relation } : {}),
  };
}

export function readNode(
  kind: NodeKind,
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): NodeProperties | undefined {
  const schema = kind === 'seeds' ? seedSchema : analysisSchema;
  const what = `${kind === 'seeds' ? 'seed' : 'analysis'} ${nameOf(value, 'entry')}`;
  const e = readEntry(schema, value, place, what, diagnostics);
  return e ? baseNode(e, kind, place, diagnostics) : undefined;
}
