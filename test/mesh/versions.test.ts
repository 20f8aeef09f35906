// Model versions: one node per version (`<model>_v<v>` files), relations named `<model>_v<v>`,
// ref() to the latest, ref(v=) pinned, per-version columns and tests, deprecation warnings, and
// the opt-in latest-version pointer view.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listNodes, openInvocation, runCommand } from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { projectCopy, query } from '../helpers/projects.js';

function project(): string {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  writeFileSync(
    join(dir, 'models', 'dim_customers_v1.sql'),
    "select 1 as customer_id, 'Ann Lee' as full_name\n",
  );
  writeFileSync(
    join(dir, 'models', 'dim_customers_v2.sql'),
    "select 1 as customer_id, 'Ann' as first_name, 'Lee' as last_name\n",
  );
  writeFileSync(join(dir, 'models', 'latest_reader.sql'), "select * from {{ ref('dim_customers') }}\n");
  writeFileSync(join(dir, 'models', 'pinned_reader.sql'), "select * from {{ ref('dim_customers', v=1) }}\n");
  writeFileSync(
    join(dir, 'models', 'schema.yml'),
    `version: 2
models:
  - name: dim_customers
    latest_version: 2
    config:
      materialized: table
      latest_version_pointer: {enabled: true}
    columns:
      - name: customer_id
        data_tests: [unique]
      - name: first_name
      - name: last_name
    versions:
      - v: 1
        deprecation_date: 2020-01-01
        columns:
          - include: all
            exclude: [first_name, last_name]
          - name: full_name
            data_tests: [not_null]
      - v: 2
`,
  );
  return dir;
}

test('versions become nodes, refs pick the latest or the pinned one, each version has its tests', async () => {
  const dir = project();
  const warnings: string[] = [];
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'build',
    log: (level, m) => level === 'warn' && warnings.push(m),
  });
  const v1 = inv.project.nodes['model.empty_project.dim_customers.v1']!;
  const v2 = inv.project.nodes['model.empty_project.dim_customers.v2']!;
  assert.ok(v1 && v2, Object.keys(inv.project.nodes).join(', '));
  assert.equal(v2.alias, 'dim_customers_v2');
  assert.deepEqual(Object.keys(v1.columns), ['customer_id', 'full_name']);
  assert.deepEqual(Object.keys(v2.columns), ['customer_id', 'first_name', 'last_name']);
  assert.deepEqual(
    (inv.project.nodes['model.empty_project.latest_reader'] as { depends_on: { nodes: string[] } }).depends_on
      .nodes,
    ['model.empty_project.dim_customers.v2'],
  );
  assert.deepEqual(
    (inv.project.nodes['model.empty_project.pinned_reader'] as { depends_on: { nodes: string[] } }).depends_on
      .nodes,
    ['model.empty_project.dim_customers.v1'],
  );
  assert.ok(
    warnings.some((w) => /pinned_reader references dim_customers v1, deprecated since 2020-01-01/.test(w)),
    warnings.join('\n'),
  );
  const tests = listNodes(inv, { resourceTypes: ['test'] }, 'name').sort();
  assert.deepEqual(tests, [
    'not_null_dim_customers_v1_full_name',
    'unique_dim_customers_v1_customer_id',
    'unique_dim_customers_v2_customer_id',
  ]);
  assert.deepEqual(
    listNodes(inv, { select: ['dim_customers,version:latest'], resourceTypes: ['model'] }, 'json', [
      'unique_id',
    ]),
    ['{"unique_id":"model.empty_project.dim_customers.v2"}'],
  );

  const outcome = await runCommand(inv, { command: 'build', events: new EventBus() });
  assert.equal(outcome.exitCode, 0, JSON.stringify(outcome.results.map((r) => r.message)));
  assert.deepEqual(await query(dir, 'select first_name from main.latest_reader'), [{ first_name: 'Ann' }]);
  assert.deepEqual(await query(dir, 'select full_name from main.pinned_reader'), [{ full_name: 'Ann Lee' }]);
  const pointer = await query(
    dir,
    `select table_type from information_schema.tables where table_name = 'dim_customers'`,
  );
  assert.deepEqual(pointer, [{ table_type: 'VIEW' }]);
  assert.deepEqual(await query(dir, 'select last_name from main.dim_customers'), [{ last_name: 'Lee' }]);
});
