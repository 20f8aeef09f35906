// The manifest's entities as TypeScript types. Field names are snake_case on purpose: Tessera's
// in-memory nodes ARE manifest-shaped, because the Jinja `graph`/`model` context and dbt packages
// read nodes by these names, and `target/manifest.json` (schema v12) is these objects serialised.
import type { Exposure, SourceDefinition, UnitTestDefinition } from './resource-types.js';

/** Any JSON-compatible value (config values, meta, test kwargs, unit-test rows). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Every resource type a manifest knows. `operation` is a project hook (on-run-start/end). */
export type NodeResourceType =
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'analysis'
  | 'test'
  | 'operation'
  | 'sql_operation';
export type ResourceType =
  | NodeResourceType
  | 'source'
  | 'macro'
  | 'doc'
  | 'exposure'
  | 'group'
  | 'unit_test'
  | 'metric'
  | 'semantic_model'
  | 'saved_query';

/** A model version: dbt keeps what the YAML said (`v: 2` is a number, `v: "2"` a string). */
export type NodeVersion = string | number;

export type Access = 'private' | 'protected' | 'public';

/** How a file's content is fingerprinted; `{name: 'none', checksum: ''}` for YAML-born nodes. */
export interface FileHash {
  name: string;
  checksum: string;
}

export interface Docs {
  show: boolean;
  node_color: string | null;
}

export interface Quoting {
  database: boolean | null;
  schema: boolean | null;
  identifier: boolean | null;
  column: boolean | null;
}

/** Arguments of one `ref(...)` call, as written. */
export interface RefArgs {
  name: string;
  package: string | null;
  version: NodeVersion | null;
}

export interface DependsOn {
  macros: string[];
  nodes: string[];
}

/** Seeds and macros only depend on macros. */
export interface MacroDependsOn {
  macros: string[];
}

/** The model-level contract as it lands on the node (`checksum` is set when enforced). */
export interface Contract {
  enforced: boolean;
  alias_types: boolean;
  checksum: string | null;
}

/** The `contract` config key: what the user asked for. */
export interface ContractConfig {
  enforced: boolean;
  alias_types: boolean;
}

export type ConstraintType = 'check' | 'not_null' | 'unique' | 'primary_key' | 'foreign_key' | 'custom';

export interface ColumnLevelConstraint {
  type: ConstraintType;
  name: string | null;
  expression: string | null;
  warn_unenforced: boolean;
  warn_unsupported: boolean;
  to: string | null;
  to_columns: string[];
}

export interface ModelLevelConstraint extends ColumnLevelConstraint {
  columns: string[];
}

export type TimeGranularity =
  | 'nanosecond'
  | 'microsecond'
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year';

export interface ColumnConfig {
  meta: JsonObject;
  tags: string[];
  [key: string]: JsonValue;
}

/** One documented column of a model, seed, snapshot or source. */
export interface ColumnInfo {
  name: string;
  description: string;
  meta: JsonObject;
  data_type: string | null;
  constraints: ColumnLevelConstraint[];
  quote: boolean | null;
  config: ColumnConfig;
  tags: string[];
  granularity: TimeGranularity | null;
  doc_blocks: string[];
}

export interface Hook {
  sql: string;
  transaction: boolean;
  index: number | null;
}

/** Keys every node config carries. Extra keys (adapter-specific configs) are allowed. */
export interface BaseNodeConfig {
  enabled: boolean;
  alias: string | null;
  schema: string | null;
  database: string | null;
  tags: string[];
  meta: JsonObject;
  group: string | null;
  static_analysis: string | null;
  materialized: string;
  [key: string]: unknown;
}

/** Config of models, analyses, hooks and SQL operations (dbt's NodeConfig). */
export interface NodeConfig extends BaseNodeConfig {
  incremental_strategy: string | null;
  batch_size: string | null;
  lookback: number;
  begin: string | null;
  persist_docs: JsonObject;
  'post-hook': Hook[];
  'pre-hook': Hook[];
  quoting: JsonObject;
  column_types: JsonObject;
  full_refresh: boolean | null;
  unique_key: string | string[] | null;
  on_schema_change: string | null;
  on_configuration_change: 'apply' | 'continue' | 'fail';
  grants: JsonObject;
  packages: string[];
  docs: Docs;
  contract: ContractConfig;
  event_time: string | null;
  concurrent_batches: boolean | null;
}

export interface ModelConfig extends NodeConfig {
  access: Access;
  freshness: JsonObject | null;
}

export interface SeedConfig extends NodeConfig {
  delimiter: string;
  quote_columns: boolean | null;
}

export interface SnapshotMetaColumnNames {
  dbt_valid_to: string | null;
  dbt_valid_from: string | null;
  dbt_scd_id: string | null;
  dbt_updated_at: string | null;
  dbt_is_deleted: string | null;
}

export interface SnapshotConfig extends NodeConfig {
  strategy: string | null;
  target_schema: string | null;
  target_database: string | null;
  updated_at: string | null;
  check_cols: string | string[] | null;
  snapshot_meta_column_names: SnapshotMetaColumnNames;
  dbt_valid_to_current: string | null;
}

/** Config of singular and generic tests. */
export interface TestConfig extends BaseNodeConfig {
  severity: string;
  store_failures: boolean | null;
  store_failures_as: string | null;
  where: string | null;
  limit: number | null;
  fail_calc: string;
  warn_if: string;
  error_if: string;
}

export interface InjectedCte {
  id: string;
  sql: string;
}

/** Fields shared by everything in the manifest's `nodes` map. */
export interface BaseNode {
  database: string | null;
  schema: string;
  name: string;
  resource_type: NodeResourceType;
  package_name: string;
  /** Path relative to the resource folder (`models/`, `seeds/`…); pseudo paths for tests and hooks. */
  path: string;
  /** Path relative to the project root. */
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  alias: string;
  checksum: FileHash;
  config: BaseNodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: JsonObject;
  group: string | null;
  docs: Docs;
  patch_path: string | null;
  build_path: string | null;
  unrendered_config: JsonObject;
  /** Seconds since the epoch, as a float (Python's time.time()). */
  created_at: number;
  relation_name: string | null;
  raw_code: string;
  doc_blocks: string[];
  config_call_dict?: JsonObject;
  unrendered_config_call_dict?: JsonObject;
}

/** Nodes whose code is compiled (everything in `nodes` but seeds). */
export interface CompiledNodeFields {
  language: 'sql' | 'python';
  refs: RefArgs[];
  /** `[source_name, table_name]` pairs, one per `source()` call. */
  sources: string[][];
  metrics: string[][];
  functions: string[][];
  depends_on: DependsOn;
  compiled_path: string | null;
  contract: Contract;
  /** Set once compiled (run/compile), absent after a bare parse. */
  compiled?: boolean;
  compiled_code?: string | null;
  extra_ctes_injected?: boolean;
  extra_ctes?: InjectedCte[];
}

export interface ModelNode extends BaseNode, CompiledNodeFields {
  resource_type: 'model';
  config: ModelConfig;
  access: Access;
  constraints: ModelLevelConstraint[];
  version: NodeVersion | null;
  latest_version: NodeVersion | null;
  deprecation_date: string | null;
  primary_key: string[];
  time_spine: JsonObject | null;
}

export interface SeedNode extends BaseNode {
  resource_type: 'seed';
  config: SeedConfig;
  root_path: string | null;
  depends_on: MacroDependsOn;
}

export interface SnapshotNode extends BaseNode, CompiledNodeFields {
  resource_type: 'snapshot';
  config: SnapshotConfig;
}

export interface AnalysisNode extends BaseNode, CompiledNodeFields {
  resource_type: 'analysis';
  config: NodeConfig;
}

export interface SingularTestNode extends BaseNode, CompiledNodeFields {
  resource_type: 'test';
  config: TestConfig;
}

/** What a generic test was called with: `{{ namespace.test_<name>(**kwargs) }}`. */
export interface TestMetadata {
  name: string;
  kwargs: JsonObject;
  namespace: string | null;
}

export interface GenericTestNode extends BaseNode, CompiledNodeFields {
  resource_type: 'test';
  config: TestConfig;
  column_name: string | null;
  /** `<yaml key>.<name>` of the YAML entry that declared the test, e.g. `models.orders`. */
  file_key_name: string | null;
  attached_node: string | null;
  test_metadata: TestMetadata;
}

/** A project hook (`on-run-start` / `on-run-end`), unique_id `operation.<pkg>.<pkg>-on-run-start-0`. */
export interface HookNode extends BaseNode, CompiledNodeFields {
  resource_type: 'operation';
  config: NodeConfig;
  index: number | null;
}

/** An ad-hoc SQL node (`dbt show --inline`, `dbt compile --inline`); never written by parse. */
export interface SqlOperationNode extends BaseNode, CompiledNodeFields {
  resource_type: 'sql_operation';
  config: NodeConfig;
}

export type TestNode = SingularTestNode | GenericTestNode;
export type ManifestNode =
  | ModelNode
  | SeedNode
  | SnapshotNode
  | AnalysisNode
  | SingularTestNode
  | GenericTestNode
  | HookNode
  | SqlOperationNode;

export type * from './resource-types.js';

/** Anything that can appear as a key of `parent_map` / `child_map`. */
export type GraphMember = ManifestNode | SourceDefinition | Exposure | UnitTestDefinition;
