import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProductSummary } from '../../web/src/api.js';
import { rankProducts } from '../../web/src/search.js';

function product(project: string, name: string, description: string, columns: string[] = []): ProductSummary {
  return {
    id: `${project}.${name}`,
    project,
    domain: project,
    name,
    description,
    owner: null,
    group: null,
    latest_version: null,
    versions: [],
    tags: [],
    status: 'passing',
    tests: { passed: 1, failed: 0 },
    freshness: null,
    updated_at: '2026-01-01T00:00:00Z',
    score: 90,
    columns: columns.map((name) => ({ name })),
  };
}

const products = [
  product('finance', 'revenue_by_month', 'Revenue per month.', ['month', 'revenue']),
  product('orders', 'fct_orders', 'One row per order.', ['order_id', 'amount']),
  product('customers', 'dim_customers', 'Customers and their orders history.', [
    'customer_id',
    'lifetime_value',
  ]),
  product('platform', 'src_payments', 'Payments.', ['payment_id', 'order_id']),
];

test('a name match ranks above a description match, which ranks above a column match', () => {
  const hits = rankProducts(products, 'order');
  assert.deepEqual(
    hits.map((h) => [h.product.name, h.matchedIn]),
    [
      ['fct_orders', 'name'],
      ['dim_customers', 'description'],
      ['src_payments', 'column'],
    ],
  );
  assert.equal(hits[2]!.column, 'order_id');
});

test('every word of the query must match somewhere', () => {
  assert.deepEqual(
    rankProducts(products, 'customers lifetime').map((h) => h.product.name),
    ['dim_customers'],
  );
  assert.deepEqual(rankProducts(products, 'customers nothing-like-this'), []);
});

test('an exact name beats a prefix, and an empty query lists everything', () => {
  const exact = [product('a', 'orders', ''), product('b', 'orders_daily', '')];
  assert.deepEqual(
    rankProducts(exact, 'orders').map((h) => h.product.name),
    ['orders', 'orders_daily'],
  );
  assert.equal(rankProducts(products, '  ').length, products.length);
});
