// Hooks as dbt runs them: on-run-start before any node, model pre-/post-hooks around the build,
// on-run-end after everything with the run's results in its context.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, query, tessera } from '../helpers/projects.js';

test('on-run-start, pre-hook, post-hook and on-run-end run in order with their context', async () => {
  const dir = projectCopy('empty_project');
  writeFileSync(
    join(dir, 'dbt_project.yml'),
    [
      'name: hooks_project',
      "version: '1.0'",
      'profile: tessera_test',
      'on-run-start:',
      '  - "create table if not exists {{ target.schema }}.audit (step varchar, n integer)"',
      '  - "insert into {{ target.schema }}.audit values (\'start\', 0)"',
      'on-run-end:',
      '  - "insert into {{ target.schema }}.audit values (\'end\', {{ results | length }})"',
      'models:',
      '  hooks_project:',
      '    +post-hook: "insert into {{ target.schema }}.audit values (\'post {{ this.identifier }}\', (select count(*) from {{ this }}))"',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'models'));
  writeFileSync(
    join(dir, 'models', 'numbers.sql'),
    "{{ config(materialized='table', pre_hook=\"insert into {{ target.schema }}.audit values ('pre', 0)\") }}\nselect * from range(3) t(n)\n",
  );
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 0, JSON.stringify(run.results));
  const rows = await query(dir, 'select step, n from main.audit order by rowid');
  assert.deepEqual(
    rows.map((r) => `${r.step}:${r.n}`),
    ['start:0', 'pre:0', 'post numbers:3', 'end:1'],
  );
});
