// The manifest's entities outside `nodes`: sources, macros, docs, exposures, groups and unit tests.
// Snake_case like node-types.ts, for the same reason: these objects are what manifest.json holds.
// Import them from node-types.ts, which re-exports this file.
import type {
  ColumnInfo,
  DependsOn,
  Docs,
  JsonObject,
  JsonValue,
  MacroDependsOn,
  NodeVersion,
  Quoting,
  RefArgs,
} from './node-types.js';

export interface FreshnessThreshold {
  warn_after: { count: number | null; period: 'minute' | 'hour' | 'day' | null };
  error_after: { count: number | null; period: 'minute' | 'hour' | 'day' | null };
  filter: string | null;
}

export interface SourceConfig {
  enabled: boolean;
  event_time: string | null;
  freshness: FreshnessThreshold | null;
  loaded_at_field: string | null;
  loaded_at_query: string | null;
  meta: JsonObject;
  tags: string[];
  static_analysis: string | null;
  [key: string]: unknown;
}

/** One table of a `sources:` entry; unique_id `source.<pkg>.<source_name>.<table_name>`. */
export interface SourceDefinition {
  database: string | null;
  schema: string;
  name: string;
  resource_type: 'source';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  source_name: string;
  source_description: string;
  loader: string;
  identifier: string;
  quoting: Quoting;
  loaded_at_field: string | null;
  loaded_at_query: string | null;
  freshness: FreshnessThreshold | null;
  external: JsonObject | null;
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: JsonObject;
  source_meta: JsonObject;
  tags: string[];
  config: SourceConfig;
  patch_path: string | null;
  unrendered_config: JsonObject;
  relation_name: string | null;
  created_at: number;
  unrendered_database: string | null;
  unrendered_schema: string | null;
  doc_blocks: string[];
}

export interface MacroArgument {
  name: string;
  type: string | null;
  description: string;
}

export interface Macro {
  name: string;
  resource_type: 'macro';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  macro_sql: string;
  depends_on: MacroDependsOn;
  description: string;
  meta: JsonObject;
  docs: Docs;
  config: { meta: JsonObject; docs: Docs };
  patch_path: string | null;
  arguments: MacroArgument[];
  created_at: number;
  supported_languages: ('sql' | 'python')[] | null;
}

/** A `{% docs name %}` block. */
export interface Documentation {
  name: string;
  resource_type: 'doc';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  block_contents: string;
}

export interface Owner {
  email?: string | string[] | null;
  name?: string | null;
  [key: string]: JsonValue | undefined;
}

export type ExposureType = 'dashboard' | 'notebook' | 'analysis' | 'ml' | 'application';
export type Maturity = 'low' | 'medium' | 'high';

export interface Exposure {
  name: string;
  resource_type: 'exposure';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  type: ExposureType;
  owner: Owner;
  description: string;
  label: string | null;
  maturity: Maturity | null;
  meta: JsonObject;
  tags: string[];
  config: { enabled: boolean; tags: string[]; meta: JsonObject; [key: string]: unknown };
  unrendered_config: JsonObject;
  url: string | null;
  depends_on: DependsOn;
  refs: RefArgs[];
  sources: string[][];
  metrics: string[][];
  created_at: number;
}

export interface Group {
  name: string;
  resource_type: 'group';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  owner: Owner;
  description: string | null;
  config: { meta: JsonObject; [key: string]: unknown };
}

export type UnitTestFormat = 'csv' | 'dict' | 'sql';

export interface UnitTestInputFixture {
  input: string;
  rows: string | JsonObject[] | null;
  format: UnitTestFormat;
  fixture: string | null;
}

export interface UnitTestOutputFixture {
  rows: string | JsonObject[] | null;
  format: UnitTestFormat;
  fixture: string | null;
}

export interface UnitTestOverrides {
  macros: JsonObject;
  vars: JsonObject;
  env_vars: JsonObject;
}

/** A `unit_tests:` entry; unique_id `unit_test.<pkg>.<model>.<name>`. */
export interface UnitTestDefinition {
  model: string;
  given: UnitTestInputFixture[];
  expect: UnitTestOutputFixture;
  name: string;
  resource_type: 'unit_test';
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
  description: string;
  overrides: UnitTestOverrides | null;
  depends_on: DependsOn;
  config: { tags: string[]; meta: JsonObject; enabled: boolean; static_analysis: string | null };
  checksum: string | null;
  schema: string | null;
  created_at: number;
  versions: { include?: NodeVersion[] | null; exclude?: NodeVersion[] | null } | null;
  version: NodeVersion | null;
}
