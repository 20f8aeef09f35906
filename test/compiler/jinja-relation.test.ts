// `relation.information_schema(view)` renders the catalog view of the relation's database as dbt
// does (dbt-audit-helper reads `{{ relation.information_schema('columns') }}`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Relation } from '../../src/adapters/index.js';
import { JinjaRelation } from '../../src/compiler/jinja-relation.js';

test('information_schema keeps the database quoted and leaves schema and view bare', () => {
  const r = new JinjaRelation(
    Relation.create({ database: 'analytics', schema: 'main', identifier: 'orders' }),
  );
  assert.equal(String(r.information_schema('columns')), '"analytics".INFORMATION_SCHEMA.columns');
  assert.equal(String(r.information_schema()), '"analytics".INFORMATION_SCHEMA');
  assert.equal(String(r), '"analytics"."main"."orders"', 'the relation itself is unchanged');
});
