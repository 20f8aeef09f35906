// Rebuilding a layered project on PostgreSQL with several threads: table swaps that share dependent
// views must not deadlock (each swap recreates the views that read its table).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateProject, writeProject } from '../../bench/gen-project.js';
import { postgresUrl } from '../helpers/postgres.js';
import { projectCopy, tessera } from '../helpers/projects.js';

test('a 120-model layered project builds twice with 4 threads without deadlocks', async () => {
  await postgresUrl();
  const dir = projectCopy('empty_project', 'tessera_test', { adapter: 'postgres' });
  const profile = readFileSync(join(dir, 'profiles.yml'), 'utf8');
  writeProject(dir, generateProject({ models: 120, chain: false, seed: 7 }), true);
  // The generator's profile name differs; keep the test profile, and round a numeric (PostgreSQL has no round(float, int)).
  writeFileSync(join(dir, 'profiles.yml'), profile.replace(/^tessera_test:/m, 'tessera_bench:'));
  for (const f of readdirSync(join(dir, 'macros'))) {
    const file = join(dir, 'macros', f);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'round({{ expression }}, {{ digits }})',
        'round(cast({{ expression }} as numeric), {{ digits }})',
      ),
    );
  }
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  for (const round of [1, 2]) {
    const run = await tessera(dir, 'run', { threads: 4 });
    const errors = run.results.filter((r) => r.status === 'error').map((r) => r.message);
    assert.deepEqual(errors, [], `run ${round}`);
  }
});
