// The structural view of manifest entities that the graph layer needs. Field names are the
// manifest's (snake_case) so the parser's node objects can be passed in as they are.

/** `model`, `seed`, `test`, `source`, … as spelled in the manifest. */
export type ResourceType =
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'analysis'
  | 'test'
  | 'operation'
  | 'sql_operation'
  | 'source'
  | 'exposure'
  | 'unit_test'
  | 'metric'
  | 'semantic_model'
  | 'saved_query'
  | 'function';

/** A model version as the YAML wrote it (`v: 2` stays a number, `v: "2"` a string). */
export type NodeVersion = string | number;

/** A node's config: a few keys the graph reads by name, anything else by `config.X:` selection. */
export interface GraphNodeConfig {
  enabled?: boolean;
  [key: string]: unknown;
}

/** What a generic test was called with. */
export interface GraphTestMetadata {
  name: string;
  kwargs?: Record<string, unknown>;
  namespace?: string | null;
}

/**
 * Any member of the DAG: a node of the manifest's `nodes` map (model, seed, snapshot, test,
 * analysis, operation), a source, an exposure, a unit test, a metric, …
 */
export interface GraphNode {
  /** `model.pkg.name`, `model.pkg.name.v2`, `source.pkg.src.tbl`, `test.pkg.x.abc123`, … */
  unique_id: string;
  resource_type: string;
  name: string;
  package_name: string;
  fqn: string[];
  /** Relative to the resource folder, e.g. `staging/stg_orders.sql`. */
  path?: string;
  /** Relative to the project (or package) root, e.g. `models/staging/stg_orders.sql`. */
  original_file_path: string;
  /** `pkg://models/schema.yml` for nodes described in a YAML file. */
  patch_path?: string | null;
  tags?: string[];
  config?: GraphNodeConfig;
  /** Seeds only have `macros`; everything else lists the nodes it reads. */
  depends_on?: { nodes?: string[]; macros?: string[] };
  group?: string | null;
  access?: string | null;
  version?: NodeVersion | null;
  latest_version?: NodeVersion | null;
  /** Present on generic tests only; singular tests have none. */
  test_metadata?: GraphTestMetadata | null;
  /** The node a generic test is attached to. */
  attached_node?: string | null;
  /** Sources only: the `sources:` entry the table belongs to. */
  source_name?: string;
  checksum?: unknown;
  /** Code as written; a model whose code is only whitespace is "empty" and skipped by run/build. */
  raw_code?: string;
}

/** A manifest-shaped bundle of graph members; every map is optional. */
export interface ManifestLike {
  nodes?: Record<string, GraphNode>;
  sources?: Record<string, GraphNode>;
  exposures?: Record<string, GraphNode>;
  unit_tests?: Record<string, GraphNode>;
  metrics?: Record<string, GraphNode>;
  semantic_models?: Record<string, GraphNode>;
  saved_queries?: Record<string, GraphNode>;
  functions?: Record<string, GraphNode>;
  metadata?: { project_name?: string | null };
}

/** What `buildGraph` accepts: a list of members, or a manifest-like object. */
export type GraphInput = Iterable<GraphNode> | ManifestLike;

/** The sub-kinds of `state:` that dbt understands. */
export type StateSelector =
  | 'new'
  | 'old'
  | 'modified'
  | 'unmodified'
  | 'modified.body'
  | 'modified.configs'
  | 'modified.persisted_descriptions'
  | 'modified.relation'
  | 'modified.macros'
  | 'modified.contract';

/**
 * Answers `state:<selector>` for one node against a comparison manifest. The comparison itself
 * (checksums, configs, contracts, macros) lives with the caller.
 */
export type StateComparator = (node: GraphNode, selector: StateSelector) => boolean;

/** The status a node had in the previous run's `run_results.json`, if any (`result:` method). */
export type ResultLookup = (uniqueId: string) => string | undefined;

/**
 * Answers `source_status:<selector>` for one source, from the previous and current
 * `sources.json`. dbt only selects anything for `fresher`.
 */
export type SourceStatusLookup = (uniqueId: string, selector: string) => boolean;

/** How tests next to selected nodes are pulled in. */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';
