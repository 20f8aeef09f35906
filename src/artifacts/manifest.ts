// target/manifest.json, schema v12: the whole parsed project in one object. Nodes are already
// manifest-shaped (see parser/node-types.ts), so building the manifest is mostly keying them by
// unique_id and adding the metadata and the graph maps.
import { createHash } from 'node:crypto';
import type {
  Documentation,
  Exposure,
  Group,
  Macro,
  ManifestNode,
  Metric,
  Quoting,
  SemanticModel,
  SourceDefinition,
  UnitTestDefinition,
} from '../parser/index.js';
import { buildGroupMap, buildParentChildMaps, type ParentChildMaps } from './graph-maps.js';
import {
  type BaseArtifactMetadata,
  type BaseMetadataInit,
  buildBaseMetadata,
  formatIsoOffset,
  SCHEMA_URLS,
} from './metadata.js';

export interface ManifestMetadata extends BaseArtifactMetadata {
  project_name: string | null;
  project_id: string | null;
  user_id: string | null;
  send_anonymous_usage_stats: boolean | null;
  adapter_type: string | null;
  quoting: Quoting | null;
  run_started_at: string | null;
}

/** The manifest as written. Saved queries stay empty (Tessera does not read them). */
export interface Manifest {
  metadata: ManifestMetadata;
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, Macro>;
  docs: Record<string, Documentation>;
  exposures: Record<string, Exposure>;
  metrics: Record<string, Metric>;
  groups: Record<string, Group>;
  selectors: Record<string, unknown>;
  disabled: Record<string, (ManifestNode | SourceDefinition | Exposure | UnitTestDefinition)[]>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  group_map: Record<string, string[]>;
  saved_queries: Record<string, unknown>;
  semantic_models: Record<string, SemanticModel>;
  unit_tests: Record<string, UnitTestDefinition>;
}

export interface ManifestMetadataInit extends BaseMetadataInit {
  projectName: string;
  adapterType: string;
  /** The adapter's default quoting, e.g. DuckDB `{database: true, schema: true, identifier: true, column: null}`. */
  quoting?: Quoting | null;
  runStartedAt?: Date | null;
  /** Tessera collects no usage statistics, so both default to "none". */
  userId?: string | null;
  sendAnonymousUsageStats?: boolean;
}

type Entities<T> = Iterable<T> | Record<string, T>;

export interface BuildManifestInput {
  nodes: Entities<ManifestNode>;
  sources?: Entities<SourceDefinition>;
  macros?: Entities<Macro>;
  docs?: Entities<Documentation>;
  exposures?: Entities<Exposure>;
  groups?: Entities<Group>;
  unitTests?: Entities<UnitTestDefinition>;
  metrics?: Entities<Metric>;
  semanticModels?: Entities<SemanticModel>;
  /** Selector definitions from selectors.yml, keyed by name, written as given. */
  selectors?: Record<string, unknown>;
  /** Disabled resources by unique_id (several when versions or duplicates are disabled). */
  disabled?: Record<string, (ManifestNode | SourceDefinition | Exposure | UnitTestDefinition)[]>;
  metadata: ManifestMetadataInit;
  /** Maps computed by the graph, when it already has them; otherwise they come from depends_on. */
  maps?: ParentChildMaps;
}

/** dbt identifies a project by the md5 of its name. */
export function projectId(projectName: string): string {
  return createHash('md5').update(projectName, 'utf8').digest('hex');
}

function byUniqueId<T extends { unique_id: string }>(entities: Entities<T> | undefined): Record<string, T> {
  if (!entities) return {};
  const list = Symbol.iterator in entities ? [...(entities as Iterable<T>)] : Object.values(entities);
  const out: Record<string, T> = {};
  for (const entity of list) out[entity.unique_id] = entity;
  return out;
}

export function buildManifestMetadata(init: ManifestMetadataInit): ManifestMetadata {
  return {
    ...buildBaseMetadata(SCHEMA_URLS.manifest, init),
    project_name: init.projectName,
    project_id: projectId(init.projectName),
    user_id: init.userId ?? null,
    send_anonymous_usage_stats: init.sendAnonymousUsageStats ?? false,
    adapter_type: init.adapterType,
    quoting: init.quoting ?? null,
    run_started_at: init.runStartedAt ? formatIsoOffset(init.runStartedAt) : null,
  };
}

/** Assembles the v12 manifest object (see writeManifest in write.ts to put it on disk). */
export function buildManifest(input: BuildManifestInput): Manifest {
  const nodes = byUniqueId(input.nodes);
  const sources = byUniqueId(input.sources);
  const exposures = byUniqueId(input.exposures);
  const groups = byUniqueId(input.groups);
  const unitTests = byUniqueId(input.unitTests);
  const metrics = byUniqueId(input.metrics);
  const semanticModels = byUniqueId(input.semanticModels);
  const maps =
    input.maps ??
    buildParentChildMaps([
      ...Object.values(nodes),
      ...Object.values(sources),
      ...Object.values(exposures),
      ...Object.values(unitTests),
      ...Object.values(metrics),
      ...Object.values(semanticModels),
    ]);
  return {
    metadata: buildManifestMetadata(input.metadata),
    nodes,
    sources,
    macros: byUniqueId(input.macros),
    docs: byUniqueId(input.docs),
    exposures,
    metrics,
    groups,
    selectors: { ...input.selectors },
    disabled: { ...input.disabled },
    parent_map: maps.parent_map,
    child_map: maps.child_map,
    group_map: buildGroupMap(
      Object.values(groups).map((group) => group.name),
      Object.values(nodes),
    ),
    saved_queries: {},
    semantic_models: semanticModels,
    unit_tests: unitTests,
  };
}
