// dbt's default config for each resource type, as `dbt parse` writes it into manifest.json
// (checked against dbt-core 1.11). Every call returns fresh objects, so callers may mutate them.
import type {
  ContractConfig,
  Docs,
  FreshnessThreshold,
  ModelConfig,
  NodeConfig,
  NodeResourceType,
  SeedConfig,
  SnapshotConfig,
  SourceConfig,
  TestConfig,
} from './node-types.js';

/** Copies `extra`'s defined values over `base`, keeping `base`'s key order. */
export function assignDefined<T extends object>(base: T, extra: object): T {
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) (base as Record<string, unknown>)[key] = value;
  }
  return base;
}

/** Config keys whose dict values dbt merges into what is already there, instead of replacing them. */
const DICT_MERGED_CONFIG_KEYS = new Set([
  'contract',
  'docs',
  'meta',
  'persist_docs',
  'quoting',
  'column_types',
  'grants',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges `given` into `config` in place, as dbt merges a config into its defaults: dict-valued
 * keys such as `contract` or `docs` are updated (`contract: {enforced: true}` keeps `alias_types`),
 * everything else is replaced. Undefined values are ignored.
 */
export function mergeConfig<C extends object>(config: C, given: object | undefined): C {
  if (!given) return config;
  const target = config as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const current = target[key];
    const merge = DICT_MERGED_CONFIG_KEYS.has(key) && isPlainObject(current) && isPlainObject(value);
    target[key] = merge ? { ...current, ...value } : value;
  }
  return config;
}

export function defaultDocs(): Docs {
  return { show: true, node_color: null };
}

export function defaultContractConfig(): ContractConfig {
  return { enforced: false, alias_types: true };
}

/** Sources with no freshness block still carry this all-null threshold. */
export function emptyFreshness(): FreshnessThreshold {
  return {
    warn_after: { count: null, period: null },
    error_after: { count: null, period: null },
    filter: null,
  };
}

// The builders below are written as single object literals on purpose: a 10,000-model project
// makes tens of thousands of configs, and literals (unlike spreads of a shared base) are one
// allocation each, with a stable shape that V8 can pretenure. Key order is dbt's.

/** dbt's NodeConfig: models, analyses, hooks and SQL operations start from this. */
export function defaultNodeConfigFields(materialized = 'view'): NodeConfig {
  return {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [] as string[],
    meta: {},
    group: null,
    static_analysis: null,
    materialized,
    incremental_strategy: null,
    batch_size: null,
    lookback: 1,
    begin: null,
    persist_docs: {},
    'post-hook': [],
    'pre-hook': [],
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: 'ignore',
    on_configuration_change: 'apply',
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    event_time: null,
    concurrent_batches: null,
  };
}

export function defaultModelConfig(): ModelConfig {
  return {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [] as string[],
    meta: {},
    group: null,
    static_analysis: null,
    materialized: 'view',
    incremental_strategy: null,
    batch_size: null,
    lookback: 1,
    begin: null,
    persist_docs: {},
    'post-hook': [],
    'pre-hook': [],
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: 'ignore',
    on_configuration_change: 'apply',
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    event_time: null,
    concurrent_batches: null,
    access: 'protected',
    freshness: null,
  };
}

export function defaultSeedConfig(): SeedConfig {
  return { ...defaultNodeConfigFields('seed'), delimiter: ',', quote_columns: null };
}

export function defaultSnapshotConfig(): SnapshotConfig {
  return {
    ...defaultNodeConfigFields('snapshot'),
    strategy: null,
    target_schema: null,
    target_database: null,
    updated_at: null,
    check_cols: null,
    snapshot_meta_column_names: {
      dbt_valid_to: null,
      dbt_valid_from: null,
      dbt_scd_id: null,
      dbt_updated_at: null,
      dbt_is_deleted: null,
    },
    dbt_valid_to_current: null,
  };
}

/** Tests store failures in `<target schema>_dbt_test__audit` by default, hence the schema. */
export function defaultTestConfig(): TestConfig {
  return {
    enabled: true,
    alias: null,
    schema: 'dbt_test__audit',
    database: null,
    tags: [] as string[],
    meta: {},
    group: null,
    static_analysis: null,
    materialized: 'test',
    severity: 'ERROR',
    store_failures: null,
    store_failures_as: null,
    where: null,
    limit: null,
    fail_calc: 'count(*)',
    warn_if: '!= 0',
    error_if: '!= 0',
  };
}

export function defaultSourceConfig(): SourceConfig {
  return {
    enabled: true,
    event_time: null,
    freshness: emptyFreshness(),
    loaded_at_field: null,
    loaded_at_query: null,
    meta: {},
    tags: [],
    static_analysis: null,
  };
}

export type DefaultConfigFor<T extends NodeResourceType> = T extends 'model'
  ? ModelConfig
  : T extends 'seed'
    ? SeedConfig
    : T extends 'snapshot'
      ? SnapshotConfig
      : T extends 'test'
        ? TestConfig
        : NodeConfig;

/** The config dbt gives a node of this resource type before any project/file/YAML config applies. */
export function defaultNodeConfig<T extends NodeResourceType>(resourceType: T): DefaultConfigFor<T> {
  switch (resourceType) {
    case 'model':
      return defaultModelConfig() as DefaultConfigFor<T>;
    case 'seed':
      return defaultSeedConfig() as DefaultConfigFor<T>;
    case 'snapshot':
      return defaultSnapshotConfig() as DefaultConfigFor<T>;
    case 'test':
      return defaultTestConfig() as DefaultConfigFor<T>;
    default:
      return defaultNodeConfigFields('view') as DefaultConfigFor<T>;
  }
}
