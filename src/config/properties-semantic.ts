/**
 * The semantic layer's properties YAML (`semantic_models:`, `metrics:`). Tessera runs nothing for
 * them; they are read so the manifest and the Jinja `graph` hold them as dbt does, and so their
 * `depends_on` links join the DAG. Values are kept as written: dbt does not render them either
 * (a metric `filter` keeps its `{{ Dimension('…') }}` template).
 */
import { z } from 'zod';
import type { Diagnostics, Loc } from './errors.js';
import { nameOf, readConfig, readEntry, tagList } from './properties-common.js';
import type { Place } from './validate.js';

const dict = z.record(z.string(), z.unknown());
const text = z.string().nullish();
const entries = z.array(dict).nullish();

const semanticModelSchema = z
  .object({
    name: z.string(),
    model: z.string(),
    description: text,
    label: text,
    defaults: dict.nullish(),
    entities: entries,
    dimensions: entries,
    measures: entries,
    primary_entity: text,
    meta: dict.nullish(),
    tags: z.union([z.string(), z.array(z.string())]).nullish(),
    config: dict.nullish(),
  })
  .loose();

const metricSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    type: z.string(),
    type_params: dict.nullish(),
    filter: z.union([z.string(), z.array(z.string())]).nullish(),
    description: text,
    time_granularity: text,
    meta: dict.nullish(),
    tags: z.union([z.string(), z.array(z.string())]).nullish(),
    config: dict.nullish(),
    group: text,
  })
  .loose();

export interface SemanticModelProperties {
  name: string;
  /** `ref('model_name')`, as written. */
  model: string;
  description: string;
  label?: string;
  defaults?: Record<string, unknown>;
  entities: Record<string, unknown>[];
  dimensions: Record<string, unknown>[];
  measures: Record<string, unknown>[];
  primaryEntity?: string;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  loc: Loc;
}

export interface MetricProperties {
  name: string;
  label: string;
  /** `simple`, `ratio`, `cumulative`, `derived` or `conversion`. */
  type: string;
  typeParams: Record<string, unknown>;
  /** Where-filter templates; one string or a list. */
  filter: string[];
  description: string;
  timeGranularity?: string;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  group?: string;
  loc: Loc;
}

export function readSemanticModel(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): SemanticModelProperties | undefined {
  const e = readEntry(
    semanticModelSchema,
    value,
    place,
    `semantic model ${nameOf(value, 'entry')}`,
    diagnostics,
  );
  if (!e) return undefined;
  return {
    name: e.name,
    model: e.model,
    description: e.description ?? '',
    ...(e.label != null ? { label: e.label } : {}),
    ...(e.defaults != null ? { defaults: e.defaults } : {}),
    entities: e.entities ?? [],
    dimensions: e.dimensions ?? [],
    measures: e.measures ?? [],
    ...(e.primary_entity != null ? { primaryEntity: e.primary_entity } : {}),
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    config: readConfig(e.config, 'semantic_models', place, diagnostics),
    loc: place.source.locate(place.path),
  };
}

export function readMetric(
  value: unknown,
  place: Place,
  diagnostics: Diagnostics,
): MetricProperties | undefined {
  const e = readEntry(metricSchema, value, place, `metric ${nameOf(value, 'entry')}`, diagnostics);
  if (!e) return undefined;
  return {
    name: e.name,
    label: e.label,
    type: e.type.toLowerCase(),
    typeParams: e.type_params ?? {},
    filter: e.filter == null ? [] : Array.isArray(e.filter) ? e.filter : [e.filter],
    description: e.description ?? '',
    ...(e.time_granularity != null ? { timeGranularity: e.time_granularity } : {}),
    meta: e.meta ?? {},
    tags: tagList(e.tags),
    config: readConfig(e.config, 'metrics', place, diagnostics),
    ...(e.group != null ? { group: e.group } : {}),
    loc: place.source.locate(place.path),
  };
}
