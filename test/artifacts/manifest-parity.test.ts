// Our manifest for the "shop" fixture project against what dbt-core 1.11 wrote for the same project
// (`dbt parse`). The expectations are a hand-written list of the fields that matter to consumers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildManifest, type Manifest } from '../../src/artifacts/index.js';
import type { GenericTestNode, HookNode, ModelNode, SnapshotNode } from '../../src/parser/node-types.js';
import { shopMetadata, shopProject } from './fixtures/shop-project.js';

const BASE_NODE_KEYS = [
  'database',
  'schema',
  'name',
  'resource_type',
  'package_name',
  'path',
  'original_file_path',
  'unique_id',
  'fqn',
  'alias',
  'checksum',
  'config',
  'tags',
  'description',
  'columns',
  'meta',
  'group',
  'docs',
  'patch_path',
  'build_path',
  'unrendered_config',
  'created_at',
  'relation_name',
  'raw_code',
  'doc_blocks',
];
const COMPILED_KEYS = [
  'language',
  'refs',
  'sources',
  'metrics',
  'functions',
  'depends_on',
  'compiled_path',
  'contract',
];
const NODE_CONFIG_KEYS = [
  'enabled',
  'alias',
  'schema',
  'database',
  'tags',
  'meta',
  'group',
  'static_analysis',
  'materialized',
  'incremental_strategy',
  'batch_size',
  'lookback',
  'begin',
  'persist_docs',
  'post-hook',
  'pre-hook',
  'quoting',
  'column_types',
  'full_refresh',
  'unique_key',
  'on_schema_change',
  'on_configuration_change',
  'grants',
  'packages',
  'docs',
  'contract',
  'event_time',
  'concurrent_batches',
];
const TEST_CONFIG_KEYS = [
  'enabled',
  'alias',
  'schema',
  'database',
  'tags',
  'meta',
  'group',
  'static_analysis',
  'materialized',
  'severity',
  'store_failures',
  'store_failures_as',
  'where',
  'limit',
  'fail_calc',
  'warn_if',
  'error_if',
];

const DBT_NODE_IDS = [
  'model.shop.orders',
  'model.shop.stg_payments',
  'model.shop.customers',
  'snapshot.shop.orders_snap',
  'analysis.shop.a1',
  'test.shop.assert_positive',
  'seed.shop.raw_orders',
  'operation.shop.shop-on-run-start-0',
  'operation.shop.shop-on-run-end-0',
  'test.shop.unique_orders_id.1360ecc70e',
  'test.shop.not_null_orders_id.84ef11d8fe',
  'test.shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
  'test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525',
  'test.shop.dbt_utils_accepted_range_orders_customer_id__0.73bafb744f',
  'test.shop.dbt_utils_expression_is_true_orders_amount_0_and_amount_1000000_and_status_is_not_null_and_customer_id_is_not_null_and_id_is_not_null.f2935d6452',
  'test.shop.customers_id_custom_name.f10ac37f55',
  'test.shop.source_unique_jaffle_payments_id.41ec1fafc0',
];
const LONG_TEST = DBT_NODE_IDS[14]!;

function manifest(): Manifest {
  return buildManifest({ ...shopProject(), metadata: shopMetadata });
}

describe('manifest parity with dbt parse', () => {
  const m = manifest();
  const model = (id: string) => m.nodes[id] as ModelNode;

  test('top-level keys and metadata', () => {
    assert.deepEqual(Object.keys(m), [
      'metadata',
      'nodes',
      'sources',
      'macros',
      'docs',
      'exposures',
      'metrics',
      'groups',
      'selectors',
      'disabled',
      'parent_map',
      'child_map',
      'group_map',
      'saved_queries',
      'semantic_models',
      'unit_tests',
    ]);
    assert.deepEqual(Object.keys(m.metadata), [
      'dbt_schema_version',
      'dbt_version',
      'generated_at',
      'invocation_id',
      'invocation_started_at',
      'env',
      'project_name',
      'project_id',
      'user_id',
      'send_anonymous_usage_stats',
      'adapter_type',
      'quoting',
      'run_started_at',
    ]);
    assert.equal(m.metadata.dbt_schema_version, 'https://schemas.getdbt.com/dbt/manifest/v12.json');
    assert.equal(m.metadata.project_id, 'fb54f3c5992b96d001bb16e8e92d968d');
    assert.equal(m.metadata.generated_at, '2026-11-25T00:01:04.382000Z');
    assert.equal(m.metadata.run_started_at, '2026-11-25T00:01:04.004000+00:00');
    assert.deepEqual(m.metadata.quoting, { database: true, schema: true, identifier: true, column: null });
  });

  test('the same unique_ids as dbt', () => {
    assert.deepEqual(Object.keys(m.nodes).sort(), [...DBT_NODE_IDS].sort());
    assert.deepEqual(Object.keys(m.sources), ['source.shop.jaffle.payments']);
    assert.deepEqual(Object.keys(m.exposures), ['exposure.shop.dashboard']);
    assert.deepEqual(Object.keys(m.unit_tests), ['unit_test.shop.orders.test_orders_passthrough']);
    assert.deepEqual(Object.keys(m.groups), ['group.shop.finance']);
    assert.deepEqual(Object.keys(m.docs), ['doc.shop.orders_doc']);
    assert.deepEqual(Object.keys(m.macros), ['macro.shop.cents_to_dollars']);
  });

  test('node key sets per resource type', () => {
    const extra = [
      'access',
      'constraints',
      'version',
      'latest_version',
      'deprecation_date',
      'primary_key',
      'time_spine',
    ];
    assert.deepEqual(Object.keys(model('model.shop.customers')), [
      ...BASE_NODE_KEYS,
      ...COMPILED_KEYS,
      ...extra,
    ]);
    assert.deepEqual(Object.keys(m.nodes['seed.shop.raw_orders']!), [
      ...BASE_NODE_KEYS,
      'root_path',
      'depends_on',
    ]);
    assert.deepEqual(Object.keys(m.nodes['snapshot.shop.orders_snap']!), [
      ...BASE_NODE_KEYS,
      ...COMPILED_KEYS,
    ]);
    assert.deepEqual(Object.keys(m.nodes['analysis.shop.a1']!), [...BASE_NODE_KEYS, ...COMPILED_KEYS]);
    assert.deepEqual(Object.keys(m.nodes['test.shop.assert_positive']!), [
      ...BASE_NODE_KEYS,
      ...COMPILED_KEYS,
    ]);
    assert.deepEqual(Object.keys(m.nodes['operation.shop.shop-on-run-start-0']!), [
      ...BASE_NODE_KEYS,
      ...COMPILED_KEYS,
      'index',
    ]);
    assert.deepEqual(Object.keys(m.nodes[DBT_NODE_IDS[9]!]!), [
      ...BASE_NODE_KEYS,
      ...COMPILED_KEYS,
      'column_name',
      'file_key_name',
      'attached_node',
      'test_metadata',
    ]);
  });

  test('config keys and defaults', () => {
    assert.deepEqual(model('model.shop.orders').config, {
      enabled: true,
      alias: null,
      schema: null,
      database: null,
      tags: [],
      meta: {},
      group: 'finance',
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
    });
    assert.deepEqual(Object.keys(m.nodes['seed.shop.raw_orders']!.config), [
      ...NODE_CONFIG_KEYS,
      'delimiter',
      'quote_columns',
    ]);
    assert.equal(m.nodes['seed.shop.raw_orders']!.config.materialized, 'seed');
    assert.deepEqual(Object.keys(m.nodes['snapshot.shop.orders_snap']!.config), [
      ...NODE_CONFIG_KEYS,
      'strategy',
      'target_schema',
      'target_database',
      'updated_at',
      'check_cols',
      'snapshot_meta_column_names',
      'dbt_valid_to_current',
    ]);
    assert.deepEqual(Object.keys(m.nodes['analysis.shop.a1']!.config), NODE_CONFIG_KEYS);
    assert.deepEqual(m.nodes['test.shop.assert_positive']!.config, {
      enabled: true,
      alias: null,
      schema: 'dbt_test__audit',
      database: null,
      tags: [],
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
    });
    assert.deepEqual(Object.keys(m.nodes[DBT_NODE_IDS[9]!]!.config), TEST_CONFIG_KEYS);
  });

  test('node-level mirrors of config and the contract', () => {
    const customers = model('model.shop.customers');
    assert.equal(customers.access, 'public');
    assert.deepEqual(customers.contract, { enforced: true, alias_types: true, checksum: null });
    assert.equal(model('model.shop.orders').group, 'finance');
    assert.deepEqual(customers.docs, { show: true, node_color: null });
    assert.deepEqual(Object.keys(customers.columns.id!), [
      'name',
      'description',
      'meta',
      'data_type',
      'constraints',
      'quote',
      'config',
      'tags',
      'granularity',
      'doc_blocks',
    ]);
    assert.deepEqual(customers.columns.id!.constraints[0], {
      type: 'not_null',
      name: null,
      expression: null,
      warn_unenforced: true,
      warn_unsupported: true,
      to: null,
      to_columns: [],
    });
  });

  test('paths, fqns and checksums', () => {
    const snapshot = m.nodes['snapshot.shop.orders_snap'] as SnapshotNode;
    assert.deepEqual(snapshot.fqn, ['shop', 'orders_snap', 'orders_snap']);
    assert.equal(snapshot.path, 'orders_snap.sql');
    assert.deepEqual(m.nodes['analysis.shop.a1']!.fqn, ['shop', 'analysis', 'a1']);
    assert.equal(m.nodes['analysis.shop.a1']!.path, 'analysis/a1.sql');
    const hook = m.nodes['operation.shop.shop-on-run-start-0'] as HookNode;
    assert.deepEqual(hook.fqn, ['shop', 'hooks', 'shop-on-run-start-0']);
    assert.equal(hook.path, 'hooks/shop-on-run-start-0.sql');
    assert.equal(hook.original_file_path, './dbt_project.yml');
    assert.deepEqual(hook.tags, ['on-run-start']);
    assert.equal(hook.index, 0);
    assert.deepEqual(model('model.shop.customers').fqn, ['shop', 'customers']);
    assert.equal(model('model.shop.customers').path, 'customers.sql');
    assert.deepEqual(model('model.shop.customers').checksum, {
      name: 'sha256',
      checksum: 'cba045d11998974bd99ba1da932e7c23d7c91348a3bacf0a9b6d29808d6d316d',
    });
    assert.equal(
      m.nodes['seed.shop.raw_orders']!.checksum.checksum,
      '7a3bc573dac0ed1edad5af6507e98fe5d9e2e70c2a74ed088a9011744ecf73a7',
    );
    const source = m.sources['source.shop.jaffle.payments']!;
    assert.deepEqual(source.fqn, ['shop', 'jaffle', 'payments']);
    assert.equal(source.path, 'models/schema.yml');
    assert.deepEqual(Object.keys(source.config), [
      'enabled',
      'event_time',
      'freshness',
      'loaded_at_field',
      'loaded_at_query',
      'meta',
      'tags',
      'static_analysis',
    ]);
    assert.deepEqual(source.freshness, {
      warn_after: { count: null, period: null },
      error_after: { count: null, period: null },
      filter: null,
    });
    assert.deepEqual(m.exposures['exposure.shop.dashboard']!.fqn, ['shop', 'dashboard']);
    assert.equal(m.exposures['exposure.shop.dashboard']!.path, 'schema.yml');
    assert.deepEqual(m.unit_tests['unit_test.shop.orders.test_orders_passthrough']!.fqn, [
      'shop',
      'orders',
      'test_orders_passthrough',
    ]);
    assert.equal(m.docs['doc.shop.orders_doc']!.path, 'docs.md');
    assert.equal(m.macros['macro.shop.cents_to_dollars']!.path, 'macros/m.sql');
  });

  test('generic test nodes', () => {
    const unique = m.nodes[DBT_NODE_IDS[9]!] as GenericTestNode;
    assert.equal(unique.raw_code, '{{ test_unique(**_dbt_generic_test_kwargs) }}');
    assert.deepEqual(unique.checksum, { name: 'none', checksum: '' });
    assert.equal(unique.file_key_name, 'models.orders');
    assert.equal(unique.attached_node, 'model.shop.orders');
    assert.deepEqual(unique.test_metadata, {
      name: 'unique',
      kwargs: { column_name: 'id', model: "{{ get_where_subquery(ref('orders')) }}" },
      namespace: null,
    });
    assert.deepEqual(unique.fqn, ['shop', 'unique_orders_id']);
    assert.equal(unique.path, 'unique_orders_id.sql');
    const long = m.nodes[LONG_TEST] as GenericTestNode;
    const short = 'dbt_utils_expression_is_true_o_8a42fe6896e2169e3a6fdec294e2b362';
    assert.equal(long.alias, short);
    assert.equal(long.config.alias, short);
    assert.equal(long.path, `${short}.sql`);
    assert.deepEqual(long.unrendered_config, { alias: short });
    assert.equal(
      long.raw_code,
      `{{ dbt_utils.test_expression_is_true(**_dbt_generic_test_kwargs) }}{{ config(alias="${short}") }}`,
    );
    const source = m.nodes['test.shop.source_unique_jaffle_payments_id.41ec1fafc0'] as GenericTestNode;
    assert.equal(source.file_key_name, 'sources.jaffle');
  });

  test('parent, child and group maps', () => {
    assert.equal(Object.keys(m.parent_map).length, DBT_NODE_IDS.length + 3);
    assert.deepEqual(Object.keys(m.child_map), Object.keys(m.parent_map));
    assert.deepEqual(
      m.parent_map['test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525'],
      ['model.shop.customers', 'model.shop.orders'],
    );
    assert.deepEqual(m.parent_map['seed.shop.raw_orders'], []);
    assert.deepEqual(m.parent_map['unit_test.shop.orders.test_orders_passthrough'], ['model.shop.orders']);
    assert.deepEqual(m.child_map['model.shop.orders'], [
      'analysis.shop.a1',
      'exposure.shop.dashboard',
      'model.shop.customers',
      'snapshot.shop.orders_snap',
      'test.shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
      'test.shop.assert_positive',
      'test.shop.dbt_utils_accepted_range_orders_customer_id__0.73bafb744f',
      LONG_TEST,
      'test.shop.not_null_orders_id.84ef11d8fe',
      'test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525',
      'test.shop.unique_orders_id.1360ecc70e',
      'unit_test.shop.orders.test_orders_passthrough',
    ]);
    assert.deepEqual(m.child_map['model.shop.customers'], [
      'exposure.shop.dashboard',
      'test.shop.customers_id_custom_name.f10ac37f55',
      'test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525',
    ]);
    assert.deepEqual(m.child_map['source.shop.jaffle.payments'], [
      'model.shop.stg_payments',
      'test.shop.source_unique_jaffle_payments_id.41ec1fafc0',
    ]);
    assert.deepEqual(m.group_map, {
      finance: [
        'model.shop.orders',
        'test.shop.unique_orders_id.1360ecc70e',
        'test.shop.not_null_orders_id.84ef11d8fe',
        'test.shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
        'test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525',
        'test.shop.dbt_utils_accepted_range_orders_customer_id__0.73bafb744f',
        LONG_TEST,
      ],
    });
  });
});
