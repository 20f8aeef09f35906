/**
 * Semantic models and metrics from properties YAML, manifest-shaped (manifest v12). Nothing runs
 * for them: they exist for the manifest, the Jinja `graph` and the lineage. A semantic model
 * depends on the model it names (`model: ref('…')`); a metric depends on the semantic models
 * holding its measures and on the metrics it is built from.
 */
import { RefIndex } from '../compiler/index.js';
import type { MetricProperties, PropertiesFile, SemanticModelProperties } from '../config/index.js';
import { inputMetricNames, measureNames, metricTypeParams, whereFilters } from './metric-type-params.js';
import { fqnFromPath, nowSeconds, pathInResourceFolder } from './node-paths.js';
import type { JsonObject, JsonValue, ManifestNode, RefArgs } from './node-types.js';
import type { ParseIssue } from './parse-issues.js';
import { REF_CALL } from './parse-resources.js';

interface SemanticBase {
  name: string;
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  description: string | null;
  label: string | null;
  metadata: null;
  depends_on: { macros: string[]; nodes: string[] };
  refs: RefArgs[];
  created_at: number;
  config: { enabled: boolean; group: string | null; meta: JsonObject; [key: string]: JsonValue };
  unrendered_config: JsonObject;
  group: string | null;
}

export interface SemanticModel extends SemanticBase {
  resource_type: 'semantic_model';
  model: string;
  node_relation: {
    alias: string;
    schema_name: string;
    database: string | null;
    relation_name: string | null;
  } | null;
  defaults: { agg_time_dimension: string | null } | null;
  entities: JsonObject[];
  measures: JsonObject[];
  dimensions: JsonObject[];
  primary_entity: string | null;
}

export interface Metric extends SemanticBase {
  resource_type: 'metric';
  type: string;
  type_params: JsonObject;
  filter: JsonObject | null;
  time_granularity: string | null;
  meta: JsonObject;
  tags: string[];
  sources: string[][];
  metrics: string[][];
}

export interface SemanticLayer {
  semanticModels: Record<string, SemanticModel>;
  metrics: Record<string, Metric>;
  errors: ParseIssue[];
}

const text = (v: unknown): string | null => (v == null ? null : String(v));
const elementConfig = (v: unknown): JsonObject => {
  const c = (v ?? {}) as Record<string, unknown>;
  return { ...(c as JsonObject), meta: ((c.meta as JsonObject | undefined) ?? {}) as JsonObject };
};

function base(
  kind: 'semantic_model' | 'metric',
  entry: SemanticModelProperties | MetricProperties,
  pkg: string,
  file: string,
): SemanticBase {
  const path = pathInResourceFolder(file);
  const config = entry.config as JsonObject;
  const group = text(config.group ?? ('group' in entry ? entry.group : undefined));
  return {
    name: entry.name,
    package_name: pkg,
    path,
    original_file_path: file,
    unique_id: `${kind}.${pkg}.${entry.name}`,
    fqn: fqnFromPath(pkg, path, entry.name),
    description: entry.description,
    label: 'label' in entry ? (entry.label ?? null) : null,
    metadata: null,
    depends_on: { macros: [], nodes: [] },
    refs: [],
    created_at: nowSeconds(),
    config: {
      ...config,
      enabled: config.enabled !== false,
      group,
      meta: { ...(entry.meta as JsonObject), ...((config.meta as JsonObject | undefined) ?? {}) },
    },
    unrendered_config: {},
    group,
  };
}

function semanticModel(entry: SemanticModelProperties, pkg: string, file: string): SemanticModel {
  return {
    ...base('semantic_model', entry, pkg, file),
    resource_type: 'semantic_model',
    model: entry.model,
    description: entry.description === '' ? null : entry.description,
    node_relation: null,
    defaults: entry.defaults ? { agg_time_dimension: text(entry.defaults.agg_time_dimension) } : null,
    entities: entry.entities.map((e) => ({
      name: String(e.name),
      type: String(e.type),
      description: text(e.description),
      label: text(e.label),
      role: text(e.role),
      expr: text(e.expr),
      config: elementConfig(e.config),
    })),
    measures: entry.measures.map((m) => ({
      name: String(m.name),
      agg: String(m.agg),
      description: text(m.description),
      label: text(m.label),
      create_metric: m.create_metric === true,
      expr: text(m.expr),
      agg_params: (m.agg_params as JsonObject | undefined) ?? null,
      non_additive_dimension: (m.non_additive_dimension as JsonObject | undefined) ?? null,
      agg_time_dimension: text(m.agg_time_dimension),
      config: elementConfig(m.config),
    })),
    dimensions: entry.dimensions.map((d) => {
      const params = d.type_params as Record<string, unknown> | undefined;
      return {
        name: String(d.name),
        type: String(d.type).toLowerCase(),
        description: text(d.description),
        label: text(d.label),
        is_partition: d.is_partition === true,
        type_params: params
          ? {
              time_granularity: text(params.time_granularity),
              validity_params: (params.validity_params as JsonObject | undefined) ?? null,
            }
          : null,
        expr: text(d.expr),
        metadata: null,
        config: elementConfig(d.config),
      };
    }),
    primary_entity: entry.primaryEntity ?? null,
  };
}

function metric(entry: MetricProperties, pkg: string, file: string): Metric {
  const b = base('metric', entry, pkg, file);
  return {
    ...b,
    resource_type: 'metric',
    type: entry.type,
    type_params: metricTypeParams(entry.type, entry.typeParams),
    filter: whereFilters(entry.filter) as JsonObject | null,
    time_granularity: entry.timeGranularity ?? null,
    meta: b.config.meta,
    tags: entry.tags,
    sources: [],
    metrics: [],
  };
}

/**
 * Builds the semantic models and metrics of every properties file, resolving a semantic model's
 * `ref()` against the parsed nodes and a metric's measures and input metrics against the
 * semantic layer of its own package. Disabled entries are left out.
 */
export function buildSemanticLayer(
  files: readonly { pkg: string; file: PropertiesFile }[],
  nodes: Record<string, ManifestNode>,
): SemanticLayer {
  const semanticModels: Record<string, SemanticModel> = {};
  const metrics: Record<string, Metric> = {};
  const errors: ParseIssue[] = [];
  let built: RefIndex | undefined;
  const index = () => (built ??= new RefIndex(Object.values(nodes) as never[], []));
  const problem = (message: string, file: string, loc: { line: number; column: number }) =>
    errors.push({ message, code: 'E_SEMANTIC_DEPENDS_ON', file, line: loc.line, column: loc.column });

  for (const { pkg, file } of files) {
    for (const entry of file.semanticModels ?? []) {
      const model = semanticModel(entry, pkg, file.file);
      if (!model.config.enabled) continue;
      const r = REF_CALL.exec(entry.model);
      const call = r
        ? r[2]
          ? { package: r[1]!, name: r[2]!, version: r[3] }
          : { name: r[1]!, version: r[3] }
        : null;
      const target = call ? (index().ref(pkg, call) as ManifestNode | undefined) : undefined;
      if (!call || !target) {
        problem(
          `semantic model '${entry.name}' names model '${entry.model}', which was not found`,
          file.file,
          entry.loc,
        );
        continue;
      }
      model.refs.push({
        name: call.name,
        package: 'package' in call ? (call.package ?? null) : null,
        version: call.version ?? null,
      });
      model.depends_on.nodes.push(target.unique_id);
      model.node_relation = {
        alias: target.alias ?? target.name,
        schema_name: target.schema,
        database: target.database ?? null,
        relation_name: (target as { relation_name?: string | null }).relation_name ?? null,
      };
      semanticModels[model.unique_id] = model;
    }
  }

  // Measure name → the semantic model defining it, per package (measure names are unique there).
  const measureOwner = new Map<string, string>();
  for (const m of Object.values(semanticModels))
    for (const measure of m.measures) measureOwner.set(`${m.package_name}:${measure.name}`, m.unique_id);

  for (const { pkg, file } of files) {
    for (const entry of file.metrics ?? []) {
      const m = metric(entry, pkg, file.file);
      if (m.config.enabled) metrics[m.unique_id] = m;
    }
  }
  for (const m of Object.values(metrics)) {
    const parents = new Set<string>();
    for (const name of measureNames(m.type_params)) {
      const owner = measureOwner.get(`${m.package_name}:${name}`);
      if (owner) parents.add(owner);
    }
    for (const name of inputMetricNames(m.type_params)) {
      const id = `metric.${m.package_name}.${name}`;
      if (metrics[id]) parents.add(id);
    }
    m.depends_on.nodes = [...parents];
  }
  for (const m of Object.values(metrics))
    m.type_params.input_measures = inputMeasuresOf(m, metrics, new Set());
  return { semanticModels, metrics, errors };
}

/** A metric built from other metrics reads their measures (dbt lists them, inputs in order). */
function inputMeasuresOf(m: Metric, metrics: Record<string, Metric>, seen: Set<string>): JsonObject[] {
  const own = m.type_params.input_measures as JsonObject[];
  if (own.length || seen.has(m.unique_id)) return own;
  seen.add(m.unique_id);
  const out: JsonObject[] = [];
  for (const name of inputMetricNames(m.type_params)) {
    const input = metrics[`metric.${m.package_name}.${name}`];
    if (input) out.push(...inputMeasuresOf(input, metrics, seen));
  }
  return out;
}
