// Jinja in YAML as dbt renders it: project configs that read `target`, test configs rendered at
// parse time (booleans stay booleans), test arguments left for compile; and the `set`/`zip`
// helpers with their `_strict` forms. Expected values: test/fixtures/projects/yaml_rendering/EXPECTED.md.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openInvocation } from '../../src/app/index.js';
import { projectCopy, query, tessera } from '../helpers/projects.js';

const open = (dir: string, vars: Record<string, unknown> = {}) =>
  openInvocation({ projectDir: dir, profilesDir: dir, command: 'ls', vars, env: { ...process.env } });

test('dbt_project.yml configs read target: a folder disabled, a model made a table', async () => {
  const dir = projectCopy('yaml_rendering');
  const inv = await open(dir);
  const nodes = inv.project.nodes;
  assert.equal(nodes['model.yaml_rendering.gone'], undefined, 'disabled by `{{ false if target.type … }}`');
  assert.equal(nodes['model.yaml_rendering.numbers']?.config.materialized, 'table');
});

test('test configs render at parse time; arguments wait for compile', async () => {
  const dir = projectCopy('yaml_rendering');
  const tests = (await open(dir)).project.nodes;
  const unique = tests['test.yaml_rendering.unique_numbers_id.321196779d'];
  assert.equal(unique?.config.severity, 'warn');
  assert.equal(unique?.config.where, 'id > 0');
  assert.equal(unique?.config.enabled, true);
  assert.ok(
    !Object.keys(tests).some((id) => id.startsWith('test.yaml_rendering.not_null_numbers_id')),
    '`enabled: "{{ var(…, false) }}"` disables the test',
  );
  assert.ok(
    tests['test.yaml_rendering.accepted_values_numbers_id___1_.c4e7aed757'],
    'named from the raw argument',
  );

  const flipped = (await open(dir, { skip_unique: true })).project.nodes;
  assert.ok(Object.keys(flipped).some((id) => id.startsWith('test.yaml_rendering.not_null_numbers_id')));
  assert.ok(!Object.keys(flipped).some((id) => id.startsWith('test.yaml_rendering.unique_numbers_id')));
});

test('build passes and set/zip give what dbt gives', async () => {
  const dir = projectCopy('yaml_rendering');
  const build = await tessera(dir, 'build');
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
  assert.equal(build.results.length, 3);
  assert.deepEqual(await query(dir, 'select * from numbers'), [
    { n_a: 1, n_b: 2, distinct_count: 2, not_iterable: 'none', zip_fallback: 'none', id: 1 },
  ]);
});

test('a model-level test naming its column as an argument is a column test, as dbt makes it', async () => {
  const dir = projectCopy('yaml_rendering');
  writeFileSync(
    join(dir, 'models', 'more.yml'),
    'version: 2\nmodels:\n  - name: numbers\n    data_tests:\n      - not_null:\n          column_name: n_a\n',
  );
  const inv = await open(dir);
  const test = Object.values(inv.project.nodes).find((n) => n.name === 'not_null_numbers_n_a');
  assert.ok(test, Object.keys(inv.project.nodes).join(', '));
  assert.equal((test as { column_name?: string }).column_name, 'n_a');
  const build = await tessera(dir, 'build', { select: ['not_null_numbers_n_a', 'numbers'] });
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
  const result = build.results.find((r) => r.unique_id === test!.unique_id);
  assert.match(String(result?.compiled_code), /n_a is null/);
});
