// Builders for small manifest-shaped graphs used by the graph tests.

import assert from 'node:assert/strict';
import {
  buildGraph,
  type Graph,
  type GraphNode,
  type SelectOptions,
  selectNodes,
} from '../../src/graph/index.js';

type Extra = Partial<GraphNode> & { deps?: string[]; dir?: string };

function base(uniqueId: string, resourceType: string, name: string, extra: Extra): GraphNode {
  const { deps, dir, ...rest } = extra;
  const pkg = uniqueId.split('.')[1]!;
  return {
    unique_id: uniqueId,
    resource_type: resourceType,
    name,
    package_name: pkg,
    fqn: [pkg, ...(dir ? dir.split('/') : []), name],
    original_file_path: `${dir ?? ''}/${name}`,
    tags: [],
    config: { enabled: true },
    depends_on: { nodes: deps ?? [], macros: [] },
    ...rest,
  };
}

/** `model.<pkg>.<name>` in `models/<dir>/<name>.sql`. */
export function model(name: string, extra: Extra = {}, pkg = 'shop'): GraphNode {
  const dir = extra.dir ?? '';
  const versioned = extra.version !== undefined && extra.version !== null;
  const uniqueId = `model.${pkg}.${name}${versioned ? `.v${extra.version}` : ''}`;
  const node = base(uniqueId, 'model', name, extra);
  node.fqn = [pkg, ...(dir ? dir.split('/') : []), name, ...(versioned ? [`v${extra.version}`] : [])];
  node.path = `${dir ? `${dir}/` : ''}${name}.sql`;
  node.original_file_path = extra.original_file_path ?? `models/${node.path}`;
  node.config = { enabled: true, materialized: 'view', tags: node.tags, meta: {}, ...extra.config };
  return node;
}

export function seed(name: string, extra: Extra = {}): GraphNode {
  const node = base(`seed.shop.${name}`, 'seed', name, extra);
  node.original_file_path = `seeds/${name}.csv`;
  node.config = { enabled: true, materialized: 'seed', ...extra.config };
  return node;
}

/** `source.shop.<source>.<table>` declared in `models/<dir>/sources.yml`. */
export function source(sourceName: string, table: string, extra: Extra = {}, pkg = 'shop'): GraphNode {
  const dir = extra.dir ?? 'staging';
  const node = base(`source.${pkg}.${sourceName}.${table}`, 'source', table, extra);
  node.source_name = sourceName;
  node.fqn = [pkg, ...dir.split('/'), sourceName, table];
  node.original_file_path = `models/${dir}/sources.yml`;
  return node;
}

/** A generic test (`test_metadata` set) on the given parents. */
export function genericTest(name: string, testName: string, parents: string[], extra: Extra = {}): GraphNode {
  const node = base(`test.shop.${name}.abc123`, 'test', name, { ...extra, deps: parents });
  node.test_metadata = { name: testName, kwargs: {}, namespace: null };
  node.attached_node = parents[0] ?? null;
  node.original_file_path = extra.original_file_path ?? 'models/schema.yml';
  node.config = { enabled: true, materialized: 'test', severity: 'ERROR', ...extra.config };
  return node;
}

/** A singular test: a `.sql` file under `tests/`. */
export function singularTest(name: string, parents: string[], extra: Extra = {}): GraphNode {
  const node = base(`test.shop.${name}`, 'test', name, { ...extra, deps: parents });
  node.original_file_path = `tests/${name}.sql`;
  node.config = { enabled: true, materialized: 'test', severity: 'ERROR', ...extra.config };
  return node;
}

export function unitTest(modelName: string, name: string, extra: Extra = {}): GraphNode {
  const node = base(`unit_test.shop.${modelName}.${name}`, 'unit_test', name, {
    deps: [`model.shop.${modelName}`],
    ...extra,
  });
  node.fqn = ['shop', ...(extra.dir ?? 'marts').split('/'), modelName, name];
  node.original_file_path = 'models/schema.yml';
  return node;
}

export function exposure(name: string, deps: string[]): GraphNode {
  const node = base(`exposure.shop.${name}`, 'exposure', name, { deps });
  node.original_file_path = 'models/exposures.yml';
  return node;
}

export function graphOf(nodes: GraphNode[], projectName = 'shop'): Graph {
  const built = buildGraph(nodes, { projectName });
  assert.ok(built.ok, built.ok ? '' : built.errors.map((e) => e.message).join('\n'));
  return built.value;
}

/** Selected unique_ids, sorted; fails the test on a selection error. */
export function pick(graph: Graph, options: SelectOptions): string[] {
  const result = selectNodes(graph, options);
  assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => e.message).join('\n'));
  return [...result.value.selected].sort();
}

/** Selected unique_ids for one `--select` value. */
export function sel(graph: Graph, select: string, options: SelectOptions = {}): string[] {
  return pick(graph, { ...options, select });
}

/** A small shop: seed → staging → marts, a source, tests with one and two parents, an exposure. */
export function shopGraph(): Graph {
  return graphOf(shopNodes());
}

export function shopNodes(): GraphNode[] {
  return [
    seed('raw_customers'),
    source('raw', 'orders', { tags: ['raw'] }),
    source('raw', 'payments'),
    model('stg_customers', { dir: 'staging', deps: ['seed.shop.raw_customers'], tags: ['staging'] }),
    model('stg_orders', { dir: 'staging', deps: ['source.shop.raw.orders'], tags: ['staging', 'nightly'] }),
    model('stg_payments', { dir: 'staging', deps: ['source.shop.raw.payments'], tags: ['staging'] }),
    model('orders', {
      dir: 'marts',
      deps: ['model.shop.stg_orders', 'model.shop.stg_payments'],
      access: 'public',
      config: {
        materialized: 'table',
        group: 'finance',
        meta: { owner: 'alice' },
        tags: ['daily', 'finance'],
      },
    }),
    model('customers', {
      dir: 'marts',
      deps: ['model.shop.stg_customers', 'model.shop.orders'],
      tags: ['nightly'],
      config: { materialized: 'table' },
    }),
    genericTest('not_null_orders_id', 'not_null', ['model.shop.orders']),
    genericTest(
      'relationships_orders_customer_id',
      'relationships',
      ['model.shop.orders', 'model.shop.customers'],
      {
        config: { severity: 'warn' },
      },
    ),
    genericTest('source_unique_raw_orders_id', 'unique', ['source.shop.raw.orders']),
    singularTest('assert_orders_positive', ['model.shop.orders']),
    unitTest('orders', 'test_orders_sum'),
    exposure('weekly_report', ['model.shop.customers']),
  ];
}
