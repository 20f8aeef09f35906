import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type GraphNode,
  type SelectOptions,
  type StateSelector,
  selectNodes,
} from '../../src/graph/index.js';
import {
  genericTest,
  graphOf,
  model,
  sel,
  shopGraph,
  shopNodes,
  singularTest,
  source,
  unitTest,
} from './helpers.js';

const empty = { indirectSelection: 'empty' } as const;

function errorOf(graph: ReturnType<typeof shopGraph>, options: SelectOptions) {
  const result = selectNodes(graph, options);
  assert.equal(result.ok, false);
  return result.ok ? assert.fail() : result.errors[0]!;
}

describe('fqn (the default method)', () => {
  const graph = graphOf([
    model('orders', { dir: 'marts' }),
    model('stg_orders', { dir: 'staging/shop' }),
    model('util', {}, 'utils'),
    model('dim', { dir: 'marts', version: 1, latest_version: 2 }),
    model('dim', { dir: 'marts', version: 2, latest_version: 2 }),
    { ...model('dotted.name', { dir: 'marts' }), unique_id: 'model.shop.dotted_name' },
    source('raw', 'orders'),
  ]);

  test('leaf name, package, folder prefixes, with or without the package', () => {
    assert.deepEqual(sel(graph, 'orders', empty), ['model.shop.orders']);
    assert.deepEqual(sel(graph, 'utils', empty), ['model.utils.util']);
    assert.deepEqual(sel(graph, 'shop.staging', empty), ['model.shop.stg_orders']);
    assert.deepEqual(sel(graph, 'staging.shop', empty), ['model.shop.stg_orders']);
    assert.deepEqual(sel(graph, 'marts.orders', empty), ['model.shop.orders']);
  });

  test('globs: a wildcard segment globs the rest; a bare glob also matches leaves', () => {
    assert.deepEqual(sel(graph, 'stg_*', empty), ['model.shop.stg_orders']);
    assert.deepEqual(sel(graph, 'shop.marts.*', empty), [
      'model.shop.dim.v1',
      'model.shop.dim.v2',
      'model.shop.dotted_name',
      'model.shop.orders',
    ]);
    assert.deepEqual(sel(graph, '*orders', empty), ['model.shop.orders', 'model.shop.stg_orders']);
    assert.deepEqual(sel(graph, 'fqn:*', empty).length, 6, 'fqn never matches sources');
  });

  test('versioned models: name, name.vN and name_vN', () => {
    assert.deepEqual(sel(graph, 'dim', empty), ['model.shop.dim.v1', 'model.shop.dim.v2']);
    assert.deepEqual(sel(graph, 'dim.v2', empty), ['model.shop.dim.v2']);
    assert.deepEqual(sel(graph, 'dim_v1', empty), ['model.shop.dim.v1']);
  });

  test('dots inside a name act as separators', () => {
    assert.deepEqual(sel(graph, 'marts.dotted.name', empty), ['model.shop.dotted_name']);
  });
});

describe('tag, group, access, package, resource_type', () => {
  const graph = shopGraph();

  test('tag: matches every member kind, with globs', () => {
    assert.deepEqual(sel(graph, 'tag:raw', empty), ['source.shop.raw.orders']);
    assert.deepEqual(sel(graph, 'tag:night*', empty), ['model.shop.customers', 'model.shop.stg_orders']);
  });

  test('group:, access:, package:this, resource_type:', () => {
    assert.deepEqual(sel(graph, 'group:fin*', empty), ['model.shop.orders']);
    assert.deepEqual(sel(graph, 'access:public', empty), ['model.shop.orders']);
    assert.equal(sel(graph, 'package:this', empty).length, graph.nodes.size);
    assert.deepEqual(sel(graph, 'resource_type:exposure', empty), ['exposure.shop.weekly_report']);
    const e = errorOf(graph, { select: 'resource_type:modle' });
    assert.equal(e.code, 'invalid-selector-value');
    assert.match(e.message, /Invalid resource_type selector "modle"/);
  });
});

describe('source:, exposure:, unit_test:', () => {
  const graph = graphOf([
    source('raw', 'orders'),
    source('raw', 'payments'),
    source('erp', 'orders', {}, 'other'),
    model('m', { deps: ['source.shop.raw.orders'] }),
    unitTest('m', 'test_m', { dir: 'staging' }),
  ]);

  test('source by name, name.table, package.name.table, with globs', () => {
    assert.deepEqual(sel(graph, 'source:raw', empty), ['source.shop.raw.orders', 'source.shop.raw.payments']);
    assert.deepEqual(sel(graph, 'source:*.orders', empty), [
      'source.other.erp.orders',
      'source.shop.raw.orders',
    ]);
    assert.deepEqual(sel(graph, 'source:other.*.*', empty), ['source.other.erp.orders']);
    assert.deepEqual(sel(graph, 'source:raw.orders+', empty), [
      'model.shop.m',
      'source.shop.raw.orders',
      'unit_test.shop.m.test_m',
    ]);
    assert.equal(errorOf(graph, { select: 'source:a.b.c.d' }).code, 'invalid-selector-value');
  });

  test('unit_test by name and package.name', () => {
    assert.deepEqual(sel(graph, 'unit_test:shop.test_*', empty), ['unit_test.shop.m.test_m']);
    assert.equal(errorOf(graph, { select: 'unit_test:a.b.c' }).code, 'invalid-selector-value');
  });
});

describe('path: and file:', () => {
  const graph = graphOf([
    model('stg_a', { dir: 'staging' }),
    model('b', { dir: 'marts/core', patch_path: 'shop://models/marts/schema.yml' }),
    source('raw', 'orders'),
    singularTest('assert_x', []),
    model('pkg_model', { original_file_path: 'models/pkg_model.sql' }, 'utils'),
    model('pkg_staging', { original_file_path: 'models/staging/pkg_staging.sql' }, 'utils'),
  ]);

  test('folders, files, YAML patch files and globs', () => {
    assert.deepEqual(sel(graph, 'path:models/staging', empty), [
      'model.shop.stg_a',
      'model.utils.pkg_staging',
      'source.shop.raw.orders',
    ]);
    assert.deepEqual(sel(graph, 'models/marts', empty), ['model.shop.b']);
    assert.deepEqual(sel(graph, 'path:models/marts/schema.yml', empty), ['model.shop.b']);
    assert.deepEqual(sel(graph, 'path:models/**/*.sql', empty), ['model.shop.b', 'model.shop.stg_a']);
    assert.deepEqual(sel(graph, 'path:tests', empty), ['test.shop.assert_x']);
  });

  test('package files count only where the root project has the same path', () => {
    assert.ok(!sel(graph, 'path:models/*.sql', empty).includes('model.utils.pkg_model'));
    assert.ok(sel(graph, 'path:models', empty).includes('model.utils.pkg_model'));
  });

  test('file: by name or stem', () => {
    assert.deepEqual(sel(graph, 'file:stg_a.sql', empty), ['model.shop.stg_a']);
    assert.deepEqual(sel(graph, 'file:stg_a', empty), ['model.shop.stg_a']);
    assert.deepEqual(sel(graph, 'stg_a.sql', empty), ['model.shop.stg_a']);
    assert.deepEqual(sel(graph, 'file:sources.yml', empty), ['source.shop.raw.orders']);
  });
});

describe('config.X:', () => {
  const graph = graphOf([
    model('a', {
      config: { materialized: 'table', meta: { owner: 'alice', tier: 1 }, tags: ['x', 'y'], flag: true },
    }),
    model('b', { config: { materialized: 'view', meta: { owner: 'bob' }, flags: [false] } }),
    genericTest('t', 'unique', ['model.shop.a'], { config: { severity: 'warn' } }),
    source('raw', 'orders', { config: { enabled: true, loader: 'fivetran' } }),
  ]);

  test('plain, nested and list-valued configs', () => {
    assert.deepEqual(sel(graph, 'config.materialized:table', empty), ['model.shop.a']);
    assert.deepEqual(sel(graph, 'config.meta.owner:bob', empty), ['model.shop.b']);
    assert.deepEqual(sel(graph, 'config.tags:y', empty), ['model.shop.a']);
    assert.deepEqual(sel(graph, 'config.loader:fivetran', empty), ['source.shop.raw.orders']);
  });

  test('true/false match booleans; other values compare exactly, severity ignores case', () => {
    assert.deepEqual(sel(graph, 'config.flag:TRUE', empty), ['model.shop.a']);
    assert.deepEqual(sel(graph, 'config.flags:false', empty), ['model.shop.b']);
    assert.deepEqual(sel(graph, 'config.meta.tier:1', empty), [], 'a string never equals a number');
    assert.deepEqual(sel(graph, 'config.materialized:TABLE', empty), []);
    assert.deepEqual(sel(graph, 'config.severity:WARN', empty), ['test.shop.t.abc123']);
  });
});

describe('test_type:, test_name:', () => {
  const graph = shopGraph();

  test('generic, singular, unit, data (and dbt substring quirk)', () => {
    assert.deepEqual(sel(graph, 'test_type:singular', empty), ['test.shop.assert_orders_positive']);
    assert.deepEqual(sel(graph, 'test_type:unit', empty), ['unit_test.shop.orders.test_orders_sum']);
    assert.equal(sel(graph, 'test_type:generic', empty).length, 3);
    assert.equal(sel(graph, 'test_type:data', empty).length, 4);
    assert.equal(sel(graph, 'test_type:sing', empty).length, 1);
    assert.equal(errorOf(graph, { select: 'test_type:foo' }).code, 'invalid-selector-value');
  });

  test('test_name: generic test names and unit test names, with globs', () => {
    assert.deepEqual(sel(graph, 'test_name:not_*', empty), ['test.shop.not_null_orders_id.abc123']);
    assert.deepEqual(sel(graph, 'test_name:test_orders_sum', empty), [
      'unit_test.shop.orders.test_orders_sum',
    ]);
  });
});

describe('version:', () => {
  const graph = graphOf([
    model('dim', { version: 1, latest_version: 2 }),
    model('dim', { version: 2, latest_version: 2 }),
    model('dim', { version: 10, latest_version: 2 }),
    model('plain'),
  ]);

  test('latest, old, prerelease (numeric comparison), none', () => {
    assert.deepEqual(sel(graph, 'version:latest', empty), ['model.shop.dim.v2']);
    assert.deepEqual(sel(graph, 'version:old', empty), ['model.shop.dim.v1']);
    assert.deepEqual(sel(graph, 'version:prerelease', empty), ['model.shop.dim.v10']);
    assert.deepEqual(sel(graph, 'version:none', empty), ['model.shop.plain']);
    assert.equal(errorOf(graph, { select: 'version:newest' }).code, 'invalid-selector-value');
  });
});

describe('state:, result:, source_status: use caller callbacks', () => {
  const graph = shopGraph();

  test('state: passes the node and sub-kind to the comparator', () => {
    const asked: StateSelector[] = [];
    const state = (node: GraphNode, kind: StateSelector) => {
      asked.push(kind);
      return kind === 'modified.body' && node.name === 'stg_orders';
    };
    assert.deepEqual(sel(graph, 'state:modified.body+1', { ...empty, state }), [
      'model.shop.orders',
      'model.shop.stg_orders',
    ]);
    assert.ok(asked.every((k) => k === 'modified.body'));
    assert.equal(
      errorOf(graph, { select: 'state:modified', indirectSelection: 'empty' }).code,
      'state-unavailable',
    );
    assert.equal(errorOf(graph, { select: 'state:changed', state }).code, 'invalid-selector-value');
  });

  test('result: matches the previous status; source_status: asks about sources only', () => {
    const results = (id: string) => (id === 'model.shop.orders' ? 'error' : 'success');
    assert.deepEqual(sel(graph, 'result:error', { ...empty, results }), ['model.shop.orders']);
    assert.equal(errorOf(graph, { select: 'result:error' }).code, 'results-unavailable');
    const asked: string[] = [];
    const sourceStatus = (id: string, value: string) => {
      asked.push(id);
      return value === 'fresher' && id === 'source.shop.raw.payments';
    };
    assert.deepEqual(sel(graph, 'source_status:fresher', { ...empty, sourceStatus }), [
      'source.shop.raw.payments',
    ]);
    assert.deepEqual(asked.sort(), ['source.shop.raw.orders', 'source.shop.raw.payments']);
    assert.equal(errorOf(graph, { select: 'source_status:fresher' }).code, 'source-status-unavailable');
  });
});

describe('graph operators, set operations and exclusion', () => {
  const graph = shopGraph();

  test('+ before and after, with depth, and @', () => {
    assert.deepEqual(sel(graph, '1+orders', empty), [
      'model.shop.orders',
      'model.shop.stg_orders',
      'model.shop.stg_payments',
    ]);
    assert.deepEqual(sel(graph, 'stg_customers+1', empty), [
      'model.shop.customers',
      'model.shop.stg_customers',
    ]);
    assert.equal(sel(graph, '@stg_payments', empty).length, 13);
    assert.ok(
      sel(graph, '@stg_payments', empty).includes('seed.shop.raw_customers'),
      '@ adds parents of descendants',
    );
  });

  test('union, intersection, exclusion', () => {
    assert.deepEqual(sel(graph, 'orders customers', empty), ['model.shop.customers', 'model.shop.orders']);
    assert.deepEqual(sel(graph, 'tag:staging,tag:nightly', empty), ['model.shop.stg_orders']);
    assert.deepEqual(sel(graph, 'tag:staging', { ...empty, exclude: 'stg_orders stg_payments' }), [
      'model.shop.stg_customers',
    ]);
  });

  test('a term that matches nothing is a warning, not an error', () => {
    const result = selectNodes(graph, { select: ['orders nothing_here', 'tag:nope'] });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.warnings.map((w) => [w.code, w.selector]),
      [
        ['no-nodes-for-selection', 'nothing_here'],
        ['no-nodes-for-selection', 'tag:nope'],
      ],
    );
    assert.ok(result.value.selected.has('model.shop.orders'));
    const none = selectNodes(graph, { select: 'tag:nope' });
    assert.ok(none.ok);
    assert.deepEqual(
      none.value.warnings.map((w) => w.code),
      ['no-nodes-for-selection', 'no-nodes-selected'],
    );
  });

  test('results come in topological order', () => {
    const result = selectNodes(graph, { select: '+customers', indirectSelection: 'empty' });
    assert.ok(result.ok);
    assert.deepEqual([...result.value.selected], graph.sortTopologically(result.value.selected));
    assert.equal([...result.value.selected].at(-1), 'model.shop.customers');
  });

  test('default selection is every enabled member', () => {
    const all = selectNodes(graph, {});
    assert.ok(all.ok);
    assert.equal(all.value.selected.size, shopNodes().length);
  });
});

describe('resource type filters and empty nodes', () => {
  const graph = graphOf([...shopNodes(), { ...model('blank'), raw_code: '  \n' }]);

  test('--resource-type / --exclude-resource-type filter after selection', () => {
    assert.deepEqual(sel(graph, '+orders', { resourceTypes: ['source', 'seed'] }), [
      'source.shop.raw.orders',
      'source.shop.raw.payments',
    ]);
    assert.ok(!sel(graph, 'orders', { excludeResourceTypes: ['test'] }).some((id) => id.startsWith('test.')));
    const e = errorOf(graph, { resourceTypes: ['modle'] });
    assert.equal(e.code, 'invalid-resource-type');
  });

  test('blank models are left out unless includeEmptyNodes', () => {
    assert.deepEqual(sel(graph, 'blank'), []);
    assert.deepEqual(sel(graph, 'blank', { includeEmptyNodes: true }), ['model.shop.blank']);
  });
});
