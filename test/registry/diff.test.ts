import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffPublications } from '../../src/mesh/index.js';
import { comparePublications, issueToken, parseToken } from '../../src/registry/index.js';
import { secretMatches } from '../../src/registry/tokens.js';
import { fixture } from './api-suite.js';

test('the first publication has nothing to compare with', () => {
  assert.deepEqual(comparePublications(undefined, fixture('platform')), { breaking: [], non_breaking: [] });
  assert.deepEqual(comparePublications(fixture('platform'), fixture('platform')), {
    breaking: [],
    non_breaking: [],
  });
});

test('removed, hidden and added products; a column type change ignores case and spaces', () => {
  const before = fixture('platform');
  const after = fixture('platform');
  after.products = after.products.filter((p) => p.name !== 'src_payments' && p.name !== 'src_customers');
  after.restricted.push({ name: 'src_customers', version: null, access: 'protected', group: null });
  const extra = { ...fixture('finance').products[0]!, name: 'src_refunds' };
  after.products.push(extra);
  after.products[0]!.contract.columns[0]!.data_type =
    after.products[0]!.contract.columns[0]!.data_type?.toUpperCase() ?? null;
  const report = comparePublications(before, after);
  assert.deepEqual(report.breaking.map((c) => `${c.kind} ${c.product}`).sort(), [
    'made_non_public platform.src_customers',
    'model_removed platform.src_payments',
  ]);
  assert.deepEqual(
    report.non_breaking.map((c) => `${c.kind} ${c.product}`),
    ['model_added platform.src_refunds'],
  );
});

test('versions are separate products: dropping v1 while adding v2 breaks v1 consumers', () => {
  const before = fixture('orders');
  before.products[0] = { ...before.products[0]!, version: 1, latest_version: 1 };
  const after = fixture('orders');
  after.products[0] = { ...after.products[0]!, version: 2, latest_version: 2 };
  const report = comparePublications(before, after);
  assert.deepEqual(
    report.breaking.map((c) => `${c.kind} ${c.product}`),
    ['version_removed_early orders.fct_orders.v1'],
  );
  assert.deepEqual(
    report.non_breaking.map((c) => `${c.kind} ${c.product}`),
    ['version_added orders.fct_orders.v2'],
  );
});

test('the kinds are the mesh diff kinds; a type change carries both types', () => {
  const before = fixture('orders');
  const after = fixture('orders');
  const column = after.products[0]!.contract.columns[0]!;
  const oldType = column.data_type;
  column.data_type = 'hugeint';
  const report = comparePublications(before, after);
  const meshKinds = diffPublications(before, after, []).changes.map((c) => c.kind);
  assert.deepEqual(
    [...report.breaking, ...report.non_breaking].map((c) => c.kind),
    meshKinds,
  );
  assert.deepEqual(report.breaking[0], {
    kind: 'column_type_changed',
    product: 'orders.fct_orders',
    column: column.name,
    from: oldType,
    to: 'hugeint',
    message: `orders.fct_orders: column ${column.name} changed type from ${oldType} to hugeint`,
  });
});

test('a version removed after its deprecation date (at publication time) is a plain removal', () => {
  const before = fixture('orders');
  const fct = before.products[0]!;
  before.products = [
    { ...fct, version: 1, latest_version: 2, deprecation_date: '2020-01-01' },
    { ...fct, version: 2, latest_version: 2 },
  ];
  const after = fixture('orders');
  after.products = [{ ...fct, version: 2, latest_version: 2 }];
  after.published_at = '2021-06-01T00:00:00Z';
  assert.deepEqual(
    comparePublications(before, after).breaking.map((c) => `${c.kind} ${c.product}`),
    ['model_removed orders.fct_orders.v1'],
  );
  after.published_at = '2019-06-01T00:00:00Z';
  assert.deepEqual(
    comparePublications(before, after).breaking.map((c) => c.kind),
    ['version_removed_early'],
  );
});

test('tokens: only the salted hash is kept, and a changed secret does not match', () => {
  const { token, record } = issueToken('sales');
  const parsed = parseToken(token);
  assert.ok(parsed);
  assert.equal(parsed.id, record.id);
  assert.ok(!record.hash.includes(parsed.secret));
  assert.equal(secretMatches(record, parsed.secret), true);
  const flipped = `${parsed.secret.slice(0, -1)}${parsed.secret.endsWith('A') ? 'B' : 'A'}`;
  assert.equal(secretMatches(record, flipped), false);
  assert.notEqual(issueToken('sales').record.salt, record.salt);
  assert.equal(parseToken('tsr_nothex_x'), undefined);
});
