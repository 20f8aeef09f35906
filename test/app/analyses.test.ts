// Analyses: compiled by `compile` into target/compiled, never run by `run` or `build` (as dbt-core
// 1.11 does on test/fixtures/projects/snapshots_v19, see its EXPECTED.md).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileNodes, openInvocation } from '../../src/app/index.js';
import { projectCopy, query, tessera } from '../helpers/projects.js';

const ANALYSIS = 'analysis.snapshots_v19.item_counts';
const COMPILED = join('target', 'compiled', 'snapshots_v19', 'analyses', 'item_counts.sql');

test('run and build never execute an analysis', async () => {
  const dir = projectCopy('snapshots_v19');
  // The snapshots read the seed through a source, which orders nothing: seed first.
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  const build = await tessera(dir, 'build');
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
  const ids = build.results.map((r) => r.unique_id);
  assert.ok(ids.includes('snapshot.snapshots_v19.items_sql'), 'build ran the snapshots');
  assert.ok(!ids.includes(ANALYSIS));
  const run = await tessera(dir, 'run', { select: ['item_counts'] });
  assert.equal(run.exitCode, 0);
  assert.deepEqual(run.results, []);
  const relations = await query(
    dir,
    `select table_name from information_schema.tables where table_name = 'item_counts'`,
  );
  assert.deepEqual(relations, [], 'no relation is built for an analysis');
  assert.equal(existsSync(join(dir, COMPILED)), false, 'build does not compile analyses either');
});

test('compile renders an analysis into target/compiled', async () => {
  const dir = projectCopy('snapshots_v19');
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'compile',
    env: { ...process.env },
  });
  const compiled = await compileNodes(inv, {});
  const analysis = compiled.find((c) => c.uniqueId === ANALYSIS);
  const expected = 'select store, count(*) as n from "test"."main"."items" group by store';
  assert.equal(analysis?.sql, expected);
  assert.equal(readFileSync(join(dir, COMPILED), 'utf8'), expected);
});
