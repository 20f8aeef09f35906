// --fail-fast stopping at the first failing data test, and run-operation. Severity, thresholds,
// fail_calc, limit and store_failures are in the shared feature suite (features-suite.ts).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openInvocation, runCommand, runOperation } from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { writeGapsProject } from '../helpers/gaps-project.js';
import { projectCopy, query } from '../helpers/projects.js';

function project(): string {
  const dir = projectCopy('empty_project');
  writeGapsProject(dir);
  mkdirSync(join(dir, 'macros'));
  writeFileSync(
    join(dir, 'macros', 'ops.sql'),
    "{% macro make_marker(name, n=1) %}{% do run_query('create table ' ~ target.schema ~ '.' ~ name ~ ' as select ' ~ n ~ ' as n') %}{% endmacro %}\n",
  );
  return dir;
}

test('--fail-fast stops starting nodes after the first failure', async () => {
  const dir = project();
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'build', threads: 1 });
  const outcome = await runCommand(inv, { command: 'build', events: new EventBus(), failFast: true });
  const statuses = outcome.results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 'fail').length, 1);
  assert.ok(statuses.includes('skipped'));
});

test('run-operation calls a macro with keyword arguments', async () => {
  const dir = project();
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'run-operation' });
  await runOperation(inv, 'make_marker', { name: 'marker', n: 7 });
  assert.deepEqual(await query(dir, 'select n from main.marker'), [{ n: 7 }]);
});
