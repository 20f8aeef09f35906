// Builders: identity fields derived as dbt derives them (checked against `dbt parse` output for
// the same files), defaults filled in, explicit fields winning.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyNodeConfig,
  defaultNodeConfig,
  fileChecksum,
  makeExposure,
  makeGenericTestNode,
  makeHookNode,
  makeModelNode,
  makeSeedNode,
  makeSourceDefinition,
  makeTestNode,
  makeUnitTest,
  makeUnitTestExpect,
  makeUnitTestInput,
} from '../../src/parser/node-defaults.js';

const at = { package_name: 'shop', schema: 'main' };

describe('node builders', () => {
  test('versioned models get dbt ids, fqn and alias', () => {
    const v1 = makeModelNode({ ...at, name: 'dim', version: 1, original_file_path: 'models/dim_v1.sql' });
    assert.equal(v1.unique_id, 'model.shop.dim.v1');
    assert.deepEqual(v1.fqn, ['shop', 'dim', 'v1']);
    assert.equal(v1.alias, 'dim_v1');
    assert.equal(v1.path, 'dim_v1.sql');
    assert.equal(v1.version, 1);
  });

  test('models in folders, config mirrored onto the node, explicit fields win', () => {
    const node = makeModelNode({
      ...at,
      name: 'stg_orders',
      original_file_path: 'models/staging/stg_orders.sql',
      raw_code: '  select 1\n',
      config: { tags: ['nightly'], meta: { owner: 'ana' }, materialized: 'table', alias: 'orders_v' },
      unique_id: 'model.shop.custom',
    });
    assert.deepEqual(node.fqn, ['shop', 'staging', 'stg_orders']);
    assert.equal(node.path, 'staging/stg_orders.sql');
    assert.deepEqual(node.tags, ['nightly']);
    assert.deepEqual(node.meta, { owner: 'ana' });
    assert.equal(node.alias, 'orders_v');
    assert.equal(node.config.materialized, 'table');
    assert.equal(node.config.on_schema_change, 'ignore');
    assert.equal(node.unique_id, 'model.shop.custom');
    assert.deepEqual(node.checksum, fileChecksum('select 1'));
  });

  test('defaults are fresh objects', () => {
    const a = defaultNodeConfig('model');
    a.tags.push('x');
    a.docs.show = false;
    assert.deepEqual(defaultNodeConfig('model').tags, []);
    assert.equal(defaultNodeConfig('model').docs.show, true);
    assert.equal(defaultNodeConfig('seed').delimiter, ',');
    assert.equal(defaultNodeConfig('snapshot').materialized, 'snapshot');
    assert.equal(defaultNodeConfig('test').severity, 'ERROR');
    assert.equal(defaultNodeConfig('operation').materialized, 'view');
  });

  test('seeds are fingerprinted by their CSV, with empty raw code', () => {
    const seed = makeSeedNode({
      ...at,
      name: 'raw',
      original_file_path: 'seeds/raw.csv',
      csv_contents: 'a,b\n1,2\n',
    });
    assert.equal(seed.raw_code, '');
    assert.deepEqual(seed.checksum, fileChecksum('a,b\n1,2'));
    assert.equal('csv_contents' in seed, false);
    assert.deepEqual(seed.depends_on, { macros: [] });
  });

  test('hooks are named after package, hook type and index', () => {
    const hook = makeHookNode({ ...at, hookType: 'on-run-end', index: 2, raw_code: 'select 2' });
    assert.equal(hook.unique_id, 'operation.shop.shop-on-run-end-2');
    assert.deepEqual(hook.tags, ['on-run-end']);
    assert.equal(hook.index, 2);
  });

  test('generic tests in nested YAML, with configs', () => {
    const node = makeGenericTestNode({
      ...at,
      original_file_path: 'models/staging/schema.yml',
      target: 'stg_payments',
      column_name: 'id',
      test: {
        name: 'accepted_range',
        namespace: 'dbt_utils',
        args: { min_value: 0, max_value: 100.5 },
        config: { severity: 'warn', where: 'id > 0' },
      },
    });
    assert.equal(node.unique_id, 'test.shop.dbt_utils_accepted_range_stg_payments_id__100_5__0.12925e2511');
    assert.deepEqual(node.fqn, ['shop', 'staging', 'dbt_utils_accepted_range_stg_payments_id__100_5__0']);
    assert.equal(node.config.severity, 'warn');
    assert.equal(node.config.where, 'id > 0');
    assert.equal(node.config.alias, null);
    assert.equal(
      node.raw_code,
      '{{ dbt_utils.test_accepted_range(**_dbt_generic_test_kwargs) }}{{ config(severity="warn",where="id > 0") }}',
    );
    assert.deepEqual(node.test_metadata.kwargs, {
      column_name: 'id',
      min_value: 0,
      max_value: 100.5,
      model: "{{ get_where_subquery(ref('stg_payments')) }}",
    });
  });

  test('applyNodeConfig merges dict configs and refreshes node-level copies', () => {
    const node = makeModelNode({ ...at, name: 'customers', original_file_path: 'models/customers.sql' });
    applyNodeConfig(node, {
      materialized: 'table',
      contract: { enforced: true },
      access: 'public',
      tags: ['a'],
      meta: { owner: 'ana' },
      group: 'finance',
      alias: 'dim_customers',
      docs: { node_color: 'red' },
    });
    assert.deepEqual(node.config.contract, { enforced: true, alias_types: true });
    assert.deepEqual(node.contract, { enforced: true, alias_types: true, checksum: null });
    assert.equal(node.access, 'public');
    assert.deepEqual(node.tags, ['a']);
    assert.deepEqual(node.meta, { owner: 'ana' });
    assert.equal(node.group, 'finance');
    assert.equal(node.alias, 'dim_customers');
    assert.deepEqual(node.docs, { show: true, node_color: 'red' });
    assert.equal(node.config.materialized, 'table');
  });

  test('makeTestNode picks generic or singular', () => {
    const singular = makeTestNode({
      ...at,
      name: 'assert_x',
      original_file_path: 'tests/assert_x.sql',
      raw_code: 'select 1',
    });
    assert.equal(singular.unique_id, 'test.shop.assert_x');
    assert.equal('test_metadata' in singular, false);
    const generic = makeTestNode({
      ...at,
      original_file_path: 'models/schema.yml',
      target: 'orders',
      column_name: 'id',
      test: { name: 'unique', namespace: null, args: {} },
    });
    assert.equal(generic.unique_id, 'test.shop.unique_orders_id.1360ecc70e');
  });
});

describe('resource builders', () => {
  test('sources in nested YAML: fqn, full path, schema defaulting to the source name', () => {
    const source = makeSourceDefinition({
      package_name: 'shop',
      source_name: 'raw2',
      name: 't2',
      original_file_path: 'models/sub/x.yml',
    });
    assert.equal(source.unique_id, 'source.shop.raw2.t2');
    assert.deepEqual(source.fqn, ['shop', 'sub', 'raw2', 't2']);
    assert.equal(source.path, 'models/sub/x.yml');
    assert.equal(source.schema, 'raw2');
    assert.equal(source.identifier, 't2');
  });

  test('exposures and unit tests in nested YAML', () => {
    const exposure = makeExposure({
      package_name: 'shop',
      name: 'nb',
      type: 'notebook',
      owner: { email: 'x@y.z' },
      original_file_path: 'models/sub/x.yml',
    });
    assert.deepEqual(exposure.fqn, ['shop', 'sub', 'nb']);
    assert.equal(exposure.path, 'sub/x.yml');
    const unitTest = makeUnitTest({
      package_name: 'shop',
      name: 'ut2',
      model: 'customers',
      original_file_path: 'models/sub/x.yml',
      given: [makeUnitTestInput({ input: "ref('orders')", rows: [{ customer_id: 1 }] })],
      expect: makeUnitTestExpect({ rows: [{ id: 1 }] }),
    });
    assert.equal(unitTest.unique_id, 'unit_test.shop.customers.ut2');
    assert.deepEqual(unitTest.fqn, ['shop', 'sub', 'customers', 'ut2']);
    assert.deepEqual(unitTest.given[0], {
      input: "ref('orders')",
      rows: [{ customer_id: 1 }],
      format: 'dict',
      fixture: null,
    });
  });
});
