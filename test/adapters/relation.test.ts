import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteIdentifier, Relation } from '../../src/adapters/index.js';

test('render quotes every part like dbt', () => {
  const r = Relation.create({ database: 'db', schema: 'main', identifier: 'orders', type: 'table' });
  assert.equal(r.render(), '"db"."main"."orders"');
  assert.equal(String(r), '"db"."main"."orders"');
  assert.equal(r.isTable, true);
  assert.equal(r.name, 'orders');
});

test('include drops parts from rendering without changing the path', () => {
  const r = Relation.create({ database: 'db', schema: 'main', identifier: 'orders' });
  assert.equal(r.include({ database: false }).render(), '"main"."orders"');
  assert.equal(r.include({ database: false, schema: false }).render(), '"orders"');
  assert.equal(r.include({ database: false }).database, 'db');
  assert.equal(r.render(), '"db"."main"."orders"');
});

test('incorporate changes path and type; quote policy can be relaxed', () => {
  const r = Relation.create({ database: 'db', schema: 'main', identifier: 'orders' });
  const moved = r.incorporate({ path: { schema: 'staging' }, type: 'view' });
  assert.equal(moved.render(), '"db"."staging"."orders"');
  assert.equal(moved.isView, true);
  assert.equal(r.type, undefined);
  assert.equal(r.quote({ identifier: false }).render(), '"db"."main".orders');
  assert.equal(r.withIdentifier('orders__tmp').render(), '"db"."main"."orders__tmp"');
});

test('identifiers with quotes are escaped; matching ignores case', () => {
  assert.equal(quoteIdentifier('we"ird'), '"we""ird"');
  const r = Relation.create({ schema: 'Main', identifier: 'Orders' });
  assert.equal(r.render(), '"Main"."Orders"');
  assert.equal(r.matches({ schema: 'main', identifier: 'ORDERS' }), true);
  assert.equal(r.matches({ identifier: 'other' }), false);
});
