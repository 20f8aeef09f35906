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
