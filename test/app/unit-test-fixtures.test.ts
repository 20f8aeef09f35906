// SQL fixture files of unit tests live in `tests/fixtures/`: they feed unit tests and are not
// singular tests themselves (dbt-audit-helper's integration project relies on this).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openInvocation } from '../../src/app/index.js';
import { projectCopy, tessera } from '../helpers/projects.js';

test('a SQL fixture under tests/fixtures feeds a unit test and is not a singular test', async () => {
  const dir = projectCopy('yaml_rendering');
  writeFileSync(join(dir, 'models', 'doubled.sql'), "select id * 2 as id2 from {{ ref('numbers') }}\n");
  mkdirSync(join(dir, 'tests', 'fixtures'), { recursive: true });
  writeFileSync(join(dir, 'tests', 'fixtures', 'three_ids.sql'), 'select 1 as id union all select 3 as id\n');
  writeFileSync(
    join(dir, 'models', 'doubled.yml'),
    [
      'unit_tests:',
      '  - name: doubles_ids',
      '    model: doubled',
      '    given:',
      "      - input: ref('numbers')",
      '        format: sql',
      '        fixture: three_ids',
      '    expect:',
      '      rows:',
      '        - {id2: 2}',
      '        - {id2: 6}',
      '',
    ].join('\n'),
  );
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'build' });
  assert.ok(
    !Object.values(inv.project.nodes).some((n) => n.name === 'three_ids'),
    'the fixture is not a test node',
  );
  const build = await tessera(dir, 'build', { select: ['+doubled'] });
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => [r.unique_id, r.message])));
  assert.ok(build.results.some((r) => r.unique_id.includes('doubles_ids') && r.status === 'pass'));
});

test("build runs a model's unit tests one by one and skips the rest after a failure, as dbt does", async () => {
  const dir = projectCopy('yaml_rendering');
  writeFileSync(join(dir, 'models', 'doubled.sql'), "select id * 2 as id2 from {{ ref('numbers') }}\n");
  const unit = (name: string, id: number, id2: number) =>
    `  - name: ${name}\n    model: doubled\n    given:\n      - input: ref('numbers')\n        rows: [{id: ${id}}]\n    expect:\n      rows: [{id2: ${id2}}]\n`;
  writeFileSync(
    join(dir, 'models', 'doubled.yml'),
    `unit_tests:\n${unit('a_fails', 1, 5)}${unit('b_passes', 1, 2)}${unit('c_passes', 2, 4)}`,
  );
  const build = await tessera(dir, 'build', { threads: 4 });
  assert.equal(build.exitCode, 1);
  const status = (suffix: string) => build.results.find((r) => r.unique_id.endsWith(suffix))?.status;
  assert.equal(status('doubled.a_fails'), 'fail');
  assert.equal(status('doubled.b_passes'), 'skipped');
  assert.equal(status('doubled.c_passes'), 'skipped');
  assert.equal(status('model.yaml_rendering.doubled'), 'skipped');
  assert.equal(status('model.yaml_rendering.numbers'), 'success');
});

test('`expect: rows: []` expects no output, and a namespaced macro override replaces the macro', async () => {
  const dir = projectCopy('yaml_rendering');
  mkdirSync(join(dir, 'macros'), { recursive: true });
  writeFileSync(
    join(dir, 'macros', 'bounds.sql'),
    '{% macro lower_bound() %}{{ return(0) }}{% endmacro %}\n',
  );
  writeFileSync(
    join(dir, 'models', 'above.sql'),
    "select id from {{ ref('numbers') }} where id > {{ yaml_rendering.lower_bound() }}\n",
  );
  writeFileSync(
    join(dir, 'models', 'above.yml'),
    [
      'unit_tests:',
      '  - name: nothing_above_the_overridden_bound',
      '    model: above',
      '    overrides:',
      '      macros:',
      '        yaml_rendering.lower_bound: 10',
      '    given:',
      "      - input: ref('numbers')",
      '        rows: [{id: 1}, {id: 5}]',
      '    expect:',
      '      rows: []',
      '',
    ].join('\n'),
  );
  const build = await tessera(dir, 'build', { select: ['+above'] });
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => [r.unique_id, r.message])));
  const unit = build.results.find((r) => r.unique_id.endsWith('nothing_above_the_overridden_bound'));
  assert.equal(unit?.status, 'pass');
});
