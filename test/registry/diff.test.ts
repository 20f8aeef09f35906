import assert from 'node:assert/strict';
import { test } from 'node:test';
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
    'model_not_public platform.src_customers',
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
    report.breaking.map((c) => c.product),
    ['orders.fct_orders.v1'],
  );
  assert.deepEqual(
    report.non_breaking.map((c) => c.product),
    ['orders.fct_orders.v2'],
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
