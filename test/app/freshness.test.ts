// Source freshness: the age of the newest loaded_at_field against warn_after / error_after,
// written to sources.json in dbt's v3 shape.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openInvocation, sourceFreshness } from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { describeErrors, loadSchemaValidator } from '../artifacts/fixtures/dbt-schemas.js';
import { projectCopy, tessera } from '../helpers/projects.js';

test('fresh, stale and very stale sources pass, warn and error; sources.json validates', async () => {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'seeds'));
  mkdirSync(join(dir, 'models'));
  const hoursAgo = (h: number) =>
    new Date(Date.now() - h * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  writeFileSync(join(dir, 'seeds', 'fresh_events.csv'), `id,loaded_at\n1,${hoursAgo(1)}\n`);
  writeFileSync(join(dir, 'seeds', 'stale_events.csv'), `id,loaded_at\n1,${hoursAgo(30)}\n`);
  writeFileSync(join(dir, 'seeds', 'old_events.csv'), `id,loaded_at\n1,${hoursAgo(24 * 10)}\n`);
  writeFileSync(
    join(dir, 'models', 'sources.yml'),
    `version: 2
sources:
  - name: raw
    schema: main
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 12, period: hour}
      error_after: {count: 5, period: day}
    tables:
      - name: fresh_events
      - name: stale_events
      - name: old_events
      - name: unchecked
        freshness: null
`,
  );
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'freshness' });
  const outcome = await sourceFreshness(inv, {}, new EventBus());
  const byName = Object.fromEntries(outcome.results.map((r) => [r.unique_id.split('.').pop(), r.status]));
  assert.deepEqual(byName, { fresh_events: 'pass', stale_events: 'warn', old_events: 'error' });
  assert.equal(outcome.exitCode, 1);
  const artifact = JSON.parse(readFileSync(join(dir, 'target', 'sources.json'), 'utf8'));
  const valid = loadSchemaValidator('sources-v3');
  assert.ok(valid(artifact), describeErrors(valid));
  const stale = artifact.results.find((r: { unique_id: string }) => r.unique_id.endsWith('stale_events'));
  assert.ok(stale.max_loaded_at_time_ago_in_s > 29 * 3600 && stale.max_loaded_at_time_ago_in_s < 31 * 3600);
});
