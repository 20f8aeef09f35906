// In build, a node waits for the tests of its parents only when everything such a test reads is
// upstream of the node (dbt's rule): a failing relationships test on `b` that reads `a` does not
// hold back `c`, a child of `a` alone. Checked against dbt-core 1.11.16 on the same project.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, tessera } from '../helpers/projects.js';

test('a multi-parent test gates only the nodes downstream of all its parents', async () => {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'a.sql'), 'select 1 as id\n');
  writeFileSync(join(dir, 'models', 'b.sql'), 'select 2 as id\n');
  writeFileSync(join(dir, 'models', 'c.sql'), "select * from {{ ref('a') }}\n");
  writeFileSync(
    join(dir, 'models', 'd.sql'),
    "select * from {{ ref('a') }} union all select * from {{ ref('b') }}\n",
  );
  writeFileSync(
    join(dir, 'models', 's.yml'),
    "version: 2\nmodels:\n  - name: b\n    columns:\n      - name: id\n        data_tests:\n          - relationships:\n              arguments:\n                to: ref('a')\n                field: id\n",
  );
  const build = await tessera(dir, 'build');
  const status = (name: string) =>
    build.results.find((r) => r.unique_id === `model.empty_project.${name}`)?.status;
  assert.equal(
    build.results.find((r) => r.unique_id.startsWith('test.empty_project.relationships_b_id'))?.status,
    'fail',
  );
  assert.equal(status('c'), 'success', 'c reads only a: the test on b does not gate it');
  assert.equal(status('d'), 'skipped', 'd reads a and b: the failing test gates it');
});
