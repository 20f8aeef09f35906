import type { DataTestEntry } from './data-tests.js';
import type { Loc } from './errors.js';
import type { MetricProperties, SemanticModelProperties } from './properties-semantic.js';

export interface DocsConfig {
  show?: boolean;
  node_color?: string;
}

/** A model or column constraint (`not_null`, `unique`, `primary_key`, `foreign_key`, `check`, `custom`). */
export interface ConstraintSpec {
  type: string;
  name?: string;
  expression?: unknown;
  columns?: string[];
  to?: string;
  toColumns?: string[];
  warnUnenforced?: boolean;
  warnUnsupported?: boolean;
  loc: Loc;
}

export interface ColumnProperties {
  name: string;
  description: string;
  dataType?: string;
  constraints: ConstraintSpec[];
  dataTests: DataTestEntry[];
  meta: Record<string, unknown>;
  tags: string[];
  quote?: boolean;
  config: Record<string, unknown>;
  granularity?: string;
  loc: Loc;
}

/** Fields shared by models, seeds, snapshots and analyses entries. */
export interface NodeProperties {
  name: string;
  description: string;
  config: Record<string, unknown>;
  columns: ColumnProperties[];
  dataTests: DataTestEntry[];
  docs?: DocsConfig;
  meta: Record<string, unknown>;
  tags: string[];
  loc: Loc;
}

/** Which columns a model version takes from the model: `include: '*'|'all'|[names]`, `exclude`. */
export interface ColumnSelection {
  include: 'all' | string[];
  exclude: string[];
}

export interface ModelVersionProperties {
  v: string | number;
  definedIn?: string;
  description?: string;
  config: Record<string, unknown>;
  columns: ColumnProperties[];
  columnSelection?: ColumnSelection;
  dataTests: DataTestEntry[];
  constraints: ConstraintSpec[];
  docs?: DocsConfig;
  meta: Record<string, unknown>;
  tags: string[];
  access?: string;
  deprecationDate?: string;
  loc: Loc;
}

export interface ModelProperties extends NodeProperties {
  constraints: ConstraintSpec[];
  access?: 'private' | 'protected' | 'public';
  group?: string;
  latestVersion?: string | number;
  versions: ModelVersionProperties[];
  deprecationDate?: string;
  /** `time_spine:` (MetricFlow): the column of the standard grain and custom granularities. */
  timeSpine?: { standardGranularityColumn: string; customGranularities: Record<string, unknown>[] };
}

export interface SnapshotProperties extends NodeProperties {
  /** YAML-defined snapshots (dbt 1.9): the relation to snapshot, e.g. `source('a', 'b')`. */
  relation?: string;
}

export interface SingularTestProperties {
  name: string;
  description: string;
  config: Record<string, unknown>;
  loc: Loc;
}

export interface FreshnessRule {
  count: number;
  period: 'minute' | 'hour' | 'day';
}

export interface FreshnessSpec {
  warn_after?: FreshnessRule | null;
  error_after?: FreshnessRule | null;
  filter?: string | null;
}

export interface QuotingSpec {
  database?: boolean | null;
  schema?: boolean | null;
  identifier?: boolean | null;
}

export interface SourceTableProperties {
  name: string;
  identifier?: string;
  description: string;
  columns: ColumnProperties[];
  dataTests: DataTestEntry[];
  /** `null` when written as `freshness: null` (switches the source's freshness off for this table). */
  freshness?: FreshnessSpec | null;
  loadedAtField?: string;
  loadedAtQuery?: string;
  external?: Record<string, unknown>;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  quoting?: QuotingSpec;
  loc: Loc;
}

export interface SourceProperties {
  name: string;
  description: string;
  database?: string;
  schema?: string;
  loader?: string;
  loadedAtField?: string;
  loadedAtQuery?: string;
  freshness?: FreshnessSpec | null;
  quoting?: QuotingSpec;
  tables: SourceTableProperties[];
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  /** `overrides: <package>`: this source replaces the package's source of the same name. */
  overrides?: string;
  loc: Loc;
}

export interface MacroArgument {
  name: string;
  type?: string;
  description?: string;
}

export interface MacroProperties {
  name: string;
  description: string;
  arguments: MacroArgument[];
  docs?: DocsConfig;
  meta: Record<string, unknown>;
  loc: Loc;
}

export interface Owner {
  name?: string;
  email?: string | string[];
}

export interface ExposureProperties {
  name: string;
  type: 'dashboard' | 'notebook' | 'analysis' | 'ml' | 'application';
  owner: Owner;
  label?: string;
  description: string;
  url?: string;
  maturity?: 'low' | 'medium' | 'high';
  dependsOn: string[];
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  loc: Loc;
}

export interface GroupProperties {
  name: string;
  owner: Owner;
  description?: string;
  config: Record<string, unknown>;
  loc: Loc;
}

export interface UnitTestFixture {
  rows?: string | Record<string, unknown>[];
  format?: 'dict' | 'csv' | 'sql';
  fixture?: string;
}

export interface UnitTestProperties {
  name: string;
  model: string;
  description: string;
  given: (UnitTestFixture & { input: string })[];
  expect: UnitTestFixture;
  overrides?: {
    macros?: Record<string, unknown>;
    vars?: Record<string, unknown>;
    env_vars?: Record<string, unknown>;
  };
  config: Record<string, unknown>;
  versions?: { include?: (string | number)[]; exclude?: (string | number)[] };
  loc: Loc;
}

/** Everything one properties ("schema") YAML file declares. */
export interface PropertiesFile {
  file: string;
  models: ModelProperties[];
  seeds: NodeProperties[];
  snapshots: SnapshotProperties[];
  analyses: NodeProperties[];
  /** Top-level `data_tests:` entries describing singular tests. */
  singularTests: SingularTestProperties[];
  sources: SourceProperties[];
  macros: MacroProperties[];
  exposures: ExposureProperties[];
  groups: GroupProperties[];
  unitTests: UnitTestProperties[];
  /** Semantic layer, kept for the manifest and `graph` only (absent in files read before they were). */
  semanticModels?: SemanticModelProperties[];
  metrics?: MetricProperties[];
  /** Sections present but not read (`saved_queries`, `functions`). */
  ignoredSections: string[];
}
