// dbt unit tests: fixture rows replace the model's inputs, cast to the inputs' real types; the
// output is compared with the expected rows on the columns the test names.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, tessera } from '../helpers/projects.js';

function project(expectRows: string): string {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'seeds'));
  mkdirSync(join(dir, 'tests', 'fixtures'), { recursive: true });
  writeFileSync(join(dir, 'seeds', 'raw_orders.csv'), 'id,customer_id,amount,status\n1,1,10.5,paid\n');
  writeFileSync(join(dir, 'seeds', 'raw_customers.csv'), 'id,name\n1,ann\n');
  writeFileSync(join(dir, 'tests', 'fixtures', 'customers_fixture.csv'), 'id,name\n1,ann\n2,bob\n3,cid\n');
  writeFileSync(
    join(dir, 'models', 'customer_totals.sql'),
    `select c.id, c.name, coalesce(sum(o.amount), 0) as total, count(o.id) as n_orders
from {{ ref('raw_customers') }} c
left join {{ ref('raw_orders') }} o on o.customer_id = c.id and o.status = '{{ var("paid_status", "paid") }}'
group by 1, 2
`,
  );
  writeFileSync(
    join(dir, 'models', 'unit.yml'),
    `version: 2
unit_tests:
  - name: totals_per_customer
    model: customer_totals
    given:
      - input: ref('raw_customers')
        format: csv
        fixture: customers_fixture
      - input: ref('raw_orders')
        rows:
          - {id: 1, customer_id: 1, amount: 10, status: paid}
          - {id: 2, customer_id: 1, amount: 5.5, status: paid}
          - {id: 3, customer_id: 2, amount: 7, status: refunded}
    expect:
      rows:
${expectRows}
  - name: status_from_overridden_var
    model: customer_totals
    overrides:
      vars: {paid_status: refunded}
    given:
      - input: ref('raw_customers')
        rows: [{id: 2, name: bob}]
      - input: ref('raw_orders')
        rows: [{id: 3, customer_id: 2, amount: 7, status: refunded}]
    expect:
      rows: [{id: 2, total: 7}]
`,
  );
  return dir;
}

test('a passing unit test and one using overrides, run before the model in build', async () => {
  const dir = project(`        - {id: 1, name: ann, total: 15.5, n_orders: 2}
        - {id: 2, name: bob, total: 0, n_orders: 0}
        - {id: 3, name: cid, total: 0, n_orders: 0}`);
  const build = await tessera(dir, 'build');
  const byName = Object.fromEntries(build.results.map((r) => [r.unique_id, r.status]));
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
  assert.equal(byName['unit_test.empty_project.customer_totals.totals_per_customer'], 'pass');
  assert.equal(byName['unit_test.empty_project.customer_totals.status_from_overridden_var'], 'pass');
  const order = build.events.flatMap((e) => (e.type === 'node-started' ? [e.node.unique_id] : []));
  assert.ok(
    order.indexOf('unit_test.empty_project.customer_totals.totals_per_customer') <
      order.indexOf('model.empty_project.customer_totals'),
  );
});

test('a failing unit test shows a diff and skips its model in build', async () => {
  const dir = project(`        - {id: 1, name: ann, total: 99, n_orders: 2}
        - {id: 2, name: bob, total: 0, n_orders: 0}
        - {id: 3, name: cid, total: 0, n_orders: 0}`);
  const build = await tessera(dir, 'build');
  assert.equal(build.exitCode, 1);
  const failed = build.results.find((r) => r.unique_id.endsWith('totals_per_customer'))!;
  assert.equal(failed.status, 'fail');
  assert.match(failed.message ?? '', /\| - +\| 1 +\| ann +\| 99/);
  assert.match(failed.message ?? '', /\| \+ +\| 1 +\| ann +\| 15\.5/);
  assert.equal(
    build.results.find((r) => r.unique_id === 'model.empty_project.customer_totals')!.status,
    'skipped',
  );
});
