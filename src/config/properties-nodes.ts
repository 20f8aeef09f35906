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
    ...(e.deprecation_date != null ? { deprecationDate: isoDeprecationDate(e.deprecation_date) } : {}),
    ...timeSpineOf(e.time_spine),
  };
}

function timeSpineOf(value: unknown): Pick<ModelProperties, 'timeSpine'> {
  if (!isPlainObject(value) || typeof value.standard_granularity_column !== 'string') return {};
  const custom = Array.isArray(value.custom_granularities) ? value.custom_granularities : [];
  return {
    timeSpine: {
      standardGranularityColumn: value.standard_granularity_column,
      customGranularities: custom.filter(isPlainObject),
    },
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
    ...(e.deprecation_date != null ? { deprecationDate: isoDeprecationDate(e.deprecation_date) } : {}),
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

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `deprecation_date` as dbt writes it: an ISO datetime with its offset (`2024-01-01` →
 * `2024-01-01T00:00:00+00:00`); a value without a zone is in the machine's zone, as in dbt.
 * Text that is not a date is kept as written.
 */
export function isoDeprecationDate(value: string | Date): string {
  if (value instanceof Date)
    return value
      .toISOString()
      .replace(/\.000Z$/, '+00:00')
      .replace(/Z$/, '+00:00');
  const m = DATE_TIME.exec(value.trim());
  if (!m) return value;
  const [, day, hh = '00', mm = '00', ss = '00', fraction = '', zone] = m;
  let offset: string;
  if (zone === 'Z') offset = '+00:00';
  else if (zone) offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else {
    const [y, mo, d] = day!.split('-').map(Number);
    const minutes = -new Date(y!, mo! - 1, d!, Number(hh), Number(mm)).getTimezoneOffset();
    const abs = Math.abs(minutes);
    offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
  // Python prints microseconds only when there are some.
  const micros = fraction && Number(fraction) !== 0 ? fraction.slice(0, 7).padEnd(7, '0') : '';
  return `${day}T${hh}:${mm}:${ss}${micros}${offset}`;
}
