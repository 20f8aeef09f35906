import { ConfigError, type Diagnostics } from './errors.js';
import { closestMatch } from './suggest.js';
import type { Place } from './validate.js';

/** The resource types whose configs dbt reads from dbt_project.yml trees and `config:` blocks. */
export type ConfigResourceType =
  | 'models'
  | 'seeds'
  | 'snapshots'
  | 'data_tests'
  | 'sources'
  | 'unit_tests'
  | 'exposures'
  | 'analyses'
  | 'metrics'
  | 'semantic_models'
  | 'saved_queries'
  | 'functions';

const COMMON = ['enabled', 'alias', 'schema', 'database', 'tags', 'meta', 'group', 'docs', 'static_analysis'];

const HOOKS = ['pre-hook', 'post-hook', 'pre_hook', 'post_hook'];

// Adapter-specific configs people commonly set; dbt passes unknown keys through to adapters, so this
// list only exists to avoid false typo warnings for well-known ones.
const ADAPTER_CONFIGS = [
  'indexes',
  'unlogged',
  'location',
  'format',
  'delimiter',
  'options',
  'glue_register',
  'glue_database',
  'plugin',
  'partition_by',
  'cluster_by',
  'labels',
  'transient',
  'copy_grants',
  'query_tag',
  'snowflake_warehouse',
  'dist',
  'sort',
  'sort_type',
  'bind',
  'file_format',
  'location_root',
  'tblproperties',
  'require_partition_filter',
  'partition_expiration_days',
  'hours_to_expiration',
  'kms_key_name',
  'overwrite_existing',
  'write_options',
];

const MODEL = [
  ...COMMON,
  ...HOOKS,
  'materialized',
  'incremental_strategy',
  'incremental_predicates',
  'predicates',
  'batch_size',
  'lookback',
  'begin',
  'persist_docs',
  'quoting',
  'column_types',
  'full_refresh',
  'unique_key',
  'on_schema_change',
  'on_configuration_change',
  'grants',
  'packages',
  'contract',
  'event_time',
  'concurrent_batches',
  'access',
  'sql_header',
  'freshness',
  'meta_columns',
  ...ADAPTER_CONFIGS,
];

const SEED = [...MODEL, 'quote_columns', 'delimiter'];

const SNAPSHOT = [
  ...MODEL,
  'strategy',
  'updated_at',
  'check_cols',
  'target_schema',
  'target_database',
  'invalidate_hard_deletes',
  'hard_deletes',
  'dbt_valid_to_current',
  'snapshot_meta_column_names',
];

const DATA_TEST = [
  ...COMMON,
  'severity',
  'store_failures',
  'store_failures_as',
  'where',
  'limit',
  'fail_calc',
  'warn_if',
  'error_if',
  'materialized',
  'sql_header',
];

const KNOWN: Record<ConfigResourceType, readonly string[]> = {
  models: MODEL,
  analyses: MODEL,
  seeds: SEED,
  snapshots: SNAPSHOT,
  data_tests: DATA_TEST,
  sources: [
    'enabled',
    'meta',
    'tags',
    'event_time',
    'freshness',
    'loaded_at_field',
    'loaded_at_query',
    'quoting',
  ],
  unit_tests: ['enabled', 'meta', 'tags'],
  exposures: ['enabled', 'meta', 'tags'],
  metrics: ['enabled', 'meta', 'group', 'tags'],
  semantic_models: ['enabled', 'meta', 'group', 'tags'],
  saved_queries: ['enabled', 'meta', 'group', 'tags', 'cache', 'export_as', 'schema'],
  functions: [...COMMON, 'type', 'volatility'],
};

/** Config names dbt knows for a resource type (plus common adapter configs). */
export function knownConfigKeys(resourceType: ConfigResourceType): readonly string[] {
  return KNOWN[resourceType];
}

/**
 * dbt keeps unknown config keys (adapters read some) but warns since 1.10, so a typo is a warning
 * that names the closest known key. In project trees keys may carry dbt's `+` prefix.
 */
export function warnUnknownConfigKeys(
  config: Record<string, unknown>,
  resourceType: ConfigResourceType,
  place: Place,
  diagnostics: Diagnostics,
): void {
  const known = knownConfigKeys(resourceType);
  for (const key of Object.keys(config)) {
    const plus = /^\+\s*/.exec(key)?.[0] ?? '';
    const name = key.slice(plus.length);
    if (known.includes(name)) continue;
    const suggestion = closestMatch(name, known);
    diagnostics.add(
      ConfigError.at(
        place.source.locate([...place.path, key], 'key'),
        'unknown-config-key',
        `unknown key '${key}' in ${resourceType} config` +
          (suggestion ? `; did you mean '${plus}${suggestion}'?` : ''),
        { severity: 'warning' },
      ),
    );
  }
}
