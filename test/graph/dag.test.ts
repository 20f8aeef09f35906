import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ancestors,
  buildGraph,
  descendants,
  selectedDependencies,
  topologicalOrder,
} from '../../src/graph/index.js';
import { genericTest, graphOf, model, seed, shopGraph, shopNodes, source } from './helpers.js';

describe('buildGraph', () => {
  test('parent_map and child_map have every member as a key, with sorted lists', () => {
    const graph = shopGraph();
    const parents = graph.parentMap();
    const children = graph.childMap();
    assert.equal(Object.keys(parents).length, shopNodes().length);
    assert.deepEqual(Object.keys(parents), Object.keys(children));
    assert.deepEqual(parents['model.shop.orders'], ['model.shop.stg_orders', 'model.shop.stg_payments']);
    assert.deepEqual(parents['source.shop.raw.orders'], []);
    assert.deepEqual(children['model.shop.orders'], [
      'model.shop.customers',
      'test.shop.assert_orders_positive',
      'test.shop.not_null_orders_id.abc123',
      'test.shop.relationships_orders_customer_id.abc123',
      'unit_test.shop.orders.test_orders_sum',
    ]);
    assert.deepEqual(children['exposure.shop.weekly_report'], []);
  });

  test('accepts a manifest-shaped object with nodes, sources, exposures and unit_tests maps', () => {
    const nodes = shopNodes();
    const byId = (type: string) =>
      Object.fromEntries(nodes.filter((n) => n.resource_type === type).map((n) => [n.unique_id, n]));
    const manifest = {
      nodes: { ...byId('model'), ...byId('seed'), ...byId('test') },
      sources: byId('source'),
      exposures: byId('exposure'),
      unit_tests: byId('unit_test'),
      metadata: { project_name: 'shop' },
    };
    const built = buildGraph(manifest);
    assert.ok(built.ok);
    assert.equal(built.value.nodes.size, nodes.length);
    assert.equal(built.value.projectName, 'shop');
  });

  test('topological order puts parents first and breaks ties alphabetically', () => {
    const graph = shopGraph();
    const order = topologicalOrder(graph);
    const at = new Map(order.map((id, i) => [id, i]));
    for (const [child, parents] of Object.entries(graph.parentMap())) {
      for (const parent of parents) assert.ok(at.get(parent)! < at.get(child)!, `${parent} before ${child}`);
    }
    // Smallest ready id first: the seed, then the model it unblocked, then the sources.
    assert.deepEqual(order.slice(0, 3), [
      'seed.shop.raw_customers',
      'model.shop.stg_customers',
      'source.shop.raw.orders',
    ]);
    assert.equal(order.length, graph.nodes.size);
  });

  test('a two-node cycle is an error value naming its path', () => {
    const built = buildGraph([
      model('a', { deps: ['model.shop.b'] }),
      model('b', { deps: ['model.shop.a'] }),
    ]);
    assert.equal(built.ok, false);
    if (built.ok) return;
    assert.equal(built.errors.length, 1);
    assert.equal(built.errors[0]!.code, 'cycle');
    assert.equal(built.errors[0]!.message, 'Found a cycle: model.shop.a -> model.shop.b -> model.shop.a');
  });

  test('a longer cycle is reported by its shortest loop, starting at its first member', () => {
    const built = buildGraph([
      model('root'),
      model('c', { deps: ['model.shop.b'] }),
      model('b', { deps: ['model.shop.a'] }),
      model('a', { deps: ['model.shop.c', 'model.shop.root'] }),
      model('after', { deps: ['model.shop.c'] }),
    ]);
    assert.equal(built.ok, false);
    if (built.ok) return;
    assert.deepEqual(
      built.errors.map((e) => e.message),
      ['Found a cycle: model.shop.a -> model.shop.b -> model.shop.c -> model.shop.a'],
    );
  });

  test('every separate cycle is reported, and a self reference is a cycle', () => {
    const built = buildGraph([
      model('x', { deps: ['model.shop.y'] }),
      model('y', { deps: ['model.shop.x'] }),
      model('self', { deps: ['model.shop.self'] }),
      model('fine'),
    ]);
    assert.equal(built.ok, false);
    if (built.ok) return;
    assert.deepEqual(
      built.errors.map((e) => e.message),
      [
        'Found a cycle: model.shop.self -> model.shop.self',
        'Found a cycle: model.shop.x -> model.shop.y -> model.shop.x',
      ],
    );
    assert.ok(built.errors.every((e) => e.code === 'cycle'));
  });

  test('a dependency on a missing or disabled node is an error with the file', () => {
    const built = buildGraph([
      model('a', { deps: ['model.shop.ghost'] }),
      model('off', { config: { enabled: false } }),
      model('b', { deps: ['model.shop.off'] }),
    ]);
    assert.equal(built.ok, false);
    if (built.ok) return;
    assert.deepEqual(
      built.errors.map((e) => [e.code, e.message, e.file]),
      [
        [
          'dependency-not-found',
          "'model.shop.a' depends on 'model.shop.ghost' which was not found",
          'models/a.sql',
        ],
        [
          'dependency-not-found',
          "'model.shop.b' depends on 'model.shop.off' which is disabled",
          'models/b.sql',
        ],
      ],
    );
  });

  test('duplicate unique ids are an error', () => {
    const built = buildGraph([seed('x'), seed('x')]);
    assert.equal(built.ok, false);
    if (!built.ok) assert.equal(built.errors[0]!.code, 'duplicate-node');
  });

  test('disabled members are kept aside; exposures are always members', () => {
    const graph = graphOf([
      model('on'),
      model('off', { config: { enabled: false } }),
      source('raw', 'gone', { config: { enabled: false } }),
      { ...genericTest('t', 'unique', ['model.shop.on']), config: { enabled: false } },
    ]);
    assert.deepEqual([...graph.nodes.keys()], ['model.shop.on']);
    assert.deepEqual([...graph.disabled.keys()].sort(), [
      'model.shop.off',
      'source.shop.raw.gone',
      'test.shop.t.abc123',
    ]);
  });
});

describe('ancestors and descendants', () => {
  const graph = shopGraph();

  test('ancestors, all and by depth', () => {
    assert.deepEqual([...ancestors(graph, 'model.shop.customers')].sort(), [
      'model.shop.orders',
      'model.shop.stg_customers',
      'model.shop.stg_orders',
      'model.shop.stg_payments',
      'seed.shop.raw_customers',
      'source.shop.raw.orders',
      'source.shop.raw.payments',
    ]);
    assert.deepEqual([...ancestors(graph, 'model.shop.customers', 1)].sort(), [
      'model.shop.orders',
      'model.shop.stg_customers',
    ]);
    assert.equal(ancestors(graph, 'model.shop.customers', 0).size, 0);
    assert.equal(ancestors(graph, 'seed.shop.raw_customers').size, 0);
  });

  test('descendants, all and by depth', () => {
    assert.deepEqual([...descendants(graph, 'model.shop.stg_orders', 1)].sort(), ['model.shop.orders']);
    const all = descendants(graph, 'model.shop.stg_orders');
    assert.ok(all.has('exposure.shop.weekly_report'));
    assert.ok(all.has('test.shop.relationships_orders_customer_id.abc123'));
    assert.ok(!all.has('model.shop.stg_orders'));
  });

  test('sortTopologically orders any subset', () => {
    assert.deepEqual(graph.sortTopologically(['model.shop.customers', 'seed.shop.raw_customers', 'nope']), [
      'seed.shop.raw_customers',
      'model.shop.customers',
    ]);
  });
});

describe('selectedDependencies', () => {
  test('keeps dependencies that pass through unselected nodes', () => {
    const graph = shopGraph();
    const selected = new Set(['seed.shop.raw_customers', 'model.shop.stg_orders', 'model.shop.customers']);
    const deps = selectedDependencies(graph, selected);
    assert.deepEqual([...deps.keys()], graph.sortTopologically(selected));
    // customers reads stg_customers (unselected, fed by the seed) and orders (fed by stg_orders).
    assert.deepEqual(deps.get('model.shop.customers'), ['seed.shop.raw_customers', 'model.shop.stg_orders']);
    assert.deepEqual(deps.get('model.shop.stg_orders'), []);
  });
});
