// Publications as data: which environment a consumer reads, upstream products as external
// nodes (versions included), the cross-project access rule, the publish gate and ODCS types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefIndex } from '../../src/compiler/index.js';
import {
  checkAccess,
  type DataProduct,
  externalNodesFrom,
  logicalType,
  PUBLICATION_FORMAT,
  type Publication,
  pickRelation,
  publishBlocker,
} from '../../src/mesh/index.js';
import { type ManifestNode, makeModelNode } from '../../src/parser/index.js';

function product(name: string, over: Partial<DataProduct> = {}): DataProduct {
  return {
    unique_id: `model.orders.${name}`,
    name,
    version: null,
    latest_version: null,
    deprecation_date: null,
    access: 'public',
    group: 'sales',
    owner: { name: 'Orders team' },
    description: '',
    materialized: 'table',
    relations: {
      prod: {
        database: 'mesh',
        schema: 'orders',
        identifier: name,
        relation_name: `"mesh"."orders"."${name}"`,
      },
    },
    contract: { enforced: true, columns: [], constraints: [], primary_key: [] },
    tests: [],
    freshness: null,
    tags: [],
    meta: {},
    ...over,
  };
}

function publication(products: DataProduct[], restricted: Publication['restricted'] = []): Publication {
  return {
    format: PUBLICATION_FORMAT,
    project: 'orders',
    target_name: 'prod',
    adapter_type: 'duckdb',
    published_at: '2025-01-01T00:00:00.000Z',
    invocation_id: 'x',
    tessera_version: '0',
    products,
    restricted,
    consumes: [],
  };
}

const rel = (schema: string) => ({ database: 'mesh', schema, identifier: 'o', relation_name: `${schema}.o` });

test('a consumer reads its own target if published, else prod, else the only one', () => {
  const both = product('o', { relations: { prod: rel('orders'), dev: rel('orders_dev') } });
  const pick = (p: DataProduct, target: string) => {
    const r = pickRelation('orders', p, target);
    return 'code' in r ? r.code : `${r.target}:${r.relation.schema}`;
  };
  assert.equal(pick(both, 'dev'), 'dev:orders_dev');
  assert.equal(pick(both, 'ci'), 'prod:orders');
  assert.equal(
    pick(product('o', { relations: { staging: rel('orders_stg') } }), 'dev'),
    'staging:orders_stg',
  );
  assert.equal(pick(product('o', { relations: { a: rel('a'), b: rel('b') } }), 'dev'), 'E_NO_RELATION');
});

test('published products become external nodes that refs resolve to, versions included', () => {
  const pub = publication(
    [
      product('fct_orders'),
      product('dim_orders', { unique_id: 'model.orders.dim_orders.v1', version: 1, latest_version: 2 }),
      product('dim_orders', {
        unique_id: 'model.orders.dim_orders.v2',
        version: 2,
        latest_version: 2,
        relations: {
          prod: { database: 'mesh', schema: 'orders', identifier: 'dim_orders_v2', relation_name: 'x' },
        },
      }),
    ],
    [{ name: 'stg_orders', version: null, access: 'protected', group: null }],
  );
  const { nodes, problems } = externalNodesFrom([pub], 'dev');
  assert.deepEqual(problems, []);
  const index = new RefIndex(nodes as never[], []);
  const ref = (name: string, version?: number) =>
    (index.ref('finance', { name, package: 'orders', version }) as ManifestNode | undefined)?.unique_id;
  assert.equal(ref('fct_orders'), 'model.orders.fct_orders');
  assert.equal(ref('dim_orders'), 'model.orders.dim_orders.v2');
  assert.equal(ref('dim_orders', 1), 'model.orders.dim_orders.v1');
  assert.equal(ref('dim_orders', 3), undefined);
  assert.equal(ref('fct_orders', 2), undefined, 'a version the publication does not have is not found');
  const fct = nodes.find((n) => n.unique_id === 'model.orders.fct_orders')!;
  assert.equal(fct.relation_name, '"mesh"."orders"."fct_orders"');
  assert.equal(fct.schema, 'orders');
  assert.equal(fct.config.access, 'public');
  assert.equal(nodes.find((n) => n.name === 'stg_orders')?.config.access, 'protected');
});

test('only public models may be referenced across projects; upstream groups are not checked here', () => {
  const { nodes } = externalNodesFrom(
    [
      publication(
        [product('fct_orders')],
        [{ name: 'order_payments', version: null, access: 'private', group: 'sales' }],
      ),
    ],
    'prod',
  );
  const consumer = makeModelNode({
    name: 'revenue',
    package_name: 'finance',
    original_file_path: 'models/revenue.sql',
    schema: 'finance',
  });
  consumer.depends_on.nodes = nodes.map((n) => n.unique_id);
  const all = Object.fromEntries([...nodes, consumer].map((n) => [n.unique_id, n]));
  const violations = checkAccess({
    nodes: all,
    groups: new Set(),
    restrictedPackages: new Set(),
    externalProjects: new Set(['orders']),
  });
  assert.equal(violations.length, 1, JSON.stringify(violations));
  assert.equal(violations[0]?.code, 'E_ACCESS');
  assert.match(
    violations[0]!.message,
    /model\.finance\.revenue may not reference model\.orders\.order_payments \(access: private, group: sales\): only public models of project 'orders'/,
  );
});

test('a build with a failure, a skip, or without a public model does not publish', () => {
  const model = makeModelNode({
    name: 'fct',
    package_name: 'orders',
    original_file_path: 'models/fct.sql',
    schema: 'orders',
    config: { access: 'public' },
  });
  const nodes = { [model.unique_id]: model };
  const ok = [
    { unique_id: model.unique_id, status: 'success' },
    { unique_id: 'test.orders.t', status: 'warn' },
  ];
  assert.equal(publishBlocker('orders', nodes, ok), undefined);
  assert.match(
    publishBlocker('orders', nodes, [...ok, { unique_id: 'test.orders.u', status: 'fail' }]) ?? '',
    /did not pass .*test\.orders\.u fail.*last publication stays/,
  );
  assert.match(publishBlocker('orders', nodes, [{ unique_id: 'x', status: 'skipped' }]) ?? '', /skipped/);
  assert.match(publishBlocker('orders', nodes, []) ?? '', /model\.orders\.fct was not built/);
});

test('warehouse types map to ODCS logical types', () => {
  const cases: [string, string][] = [
    ['integer', 'integer'],
    ['BIGINT', 'integer'],
    ['decimal(12,2)', 'number'],
    ['double', 'number'],
    ['varchar', 'string'],
    ['date', 'date'],
    ['timestamp with time zone', 'date'],
    ['boolean', 'boolean'],
    ['integer[]', 'array'],
    ['struct(a int)', 'object'],
  ];
  for (const [type, logical] of cases) assert.equal(logicalType(type), logical, type);
});
