import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { selectNodes } from '../../src/graph/index.js';
import { genericTest, graphOf, model, pick, sel, shopGraph, shopNodes, source } from './helpers.js';

const NOT_NULL = 'test.shop.not_null_orders_id.abc123';
const RELATIONSHIPS = 'test.shop.relationships_orders_customer_id.abc123'; // parents: orders, customers
const SINGULAR = 'test.shop.assert_orders_positive';
const UNIT = 'unit_test.shop.orders.test_orders_sum';

describe('indirect selection of tests', () => {
  const graph = shopGraph();
  const testsOf = (ids: string[]) =>
    ids.filter((id) => id.startsWith('test.') || id.startsWith('unit_test.'));

  test('eager (the default): a test comes along when any parent is selected', () => {
    assert.deepEqual(testsOf(sel(graph, 'orders')), [SINGULAR, NOT_NULL, RELATIONSHIPS, UNIT]);
    assert.deepEqual(sel(graph, 'orders'), sel(graph, 'orders', { indirectSelection: 'eager' }));
  });

  test('cautious: only when all parents are selected, also across union terms', () => {
    assert.deepEqual(testsOf(sel(graph, 'orders', { indirectSelection: 'cautious' })), [
      SINGULAR,
      NOT_NULL,
      UNIT,
    ]);
    assert.ok(sel(graph, 'orders customers', { indirectSelection: 'cautious' }).includes(RELATIONSHIPS));
    assert.ok(
      pick(graph, { select: ['orders', 'customers'], indirectSelection: 'cautious' }).includes(RELATIONSHIPS),
    );
    assert.ok(!sel(graph, 'customers', { indirectSelection: 'cautious' }).includes(RELATIONSHIPS));
  });

  test('buildable: also when the missing parents are ancestors of the selection', () => {
    // orders is upstream of customers, so the relationships test can run after building customers.
    assert.ok(sel(graph, 'customers', { indirectSelection: 'buildable' }).includes(RELATIONSHIPS));
    assert.ok(!sel(graph, 'orders', { indirectSelection: 'buildable' }).includes(RELATIONSHIPS));
  });

  test('buildable treats every source as available; cautious does not', () => {
    const g = graphOf([
      source('raw', 'orders'),
      model('stg', { deps: ['source.shop.raw.orders'] }),
      model('other'),
      genericTest('mixed', 'relationships', ['model.shop.stg', 'source.shop.raw.orders']),
      genericTest('two_models', 'relationships', ['model.shop.stg', 'model.shop.other']),
    ]);
    assert.deepEqual(sel(g, 'stg', { indirectSelection: 'buildable' }), [
      'model.shop.stg',
      'test.shop.mixed.abc123',
    ]);
    assert.deepEqual(sel(g, 'stg', { indirectSelection: 'cautious' }), ['model.shop.stg']);
  });

  test('empty: no tests at all, unless the graph operators reach them', () => {
    assert.deepEqual(sel(graph, 'orders', { indirectSelection: 'empty' }), ['model.shop.orders']);
    assert.ok(sel(graph, 'orders+', { indirectSelection: 'empty' }).includes(RELATIONSHIPS));
  });

  test('exclusion: eager drops every test touching an excluded node; cautious keeps shared tests', () => {
    const eager = pick(graph, { exclude: 'customers' });
    assert.ok(!eager.includes(RELATIONSHIPS));
    assert.ok(eager.includes(NOT_NULL));
    const cautious = pick(graph, { exclude: 'customers', indirectSelection: 'cautious' });
    assert.ok(cautious.includes(RELATIONSHIPS));
    assert.equal(cautious.length, shopNodes().length - 1);
  });

  test('an explicitly selected test is kept whatever the mode', () => {
    assert.deepEqual(sel(graph, 'test_name:relationships', { indirectSelection: 'cautious' }), [
      RELATIONSHIPS,
    ]);
  });

  test('an unknown mode is an error value', () => {
    const result = selectNodes(graph, { indirectSelection: 'lazy' as never });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.errors[0]!.code, 'invalid-selector');
  });
});
