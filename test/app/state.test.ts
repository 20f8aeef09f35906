// State-based selection for CI: compare with an earlier run's artifacts and build only what changed.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listNodes, openInvocation } from '../../src/app/index.js';
import { projectCopy, tessera } from '../helpers/projects.js';

test('state:modified+ selects changed models and their children; result: from run_results', async () => {
  const dir = projectCopy('ephemeral_chain');
  const first = await tessera(dir, 'build');
  assert.equal(first.exitCode, 0);
  const stateDir = `${dir}-state`;
  cpSync(join(dir, 'target'), stateDir, { recursive: true });

  const inv0 = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'ls' });
  assert.deepEqual(listNodes(inv0, { select: ['state:modified'], state: stateDir }, 'name'), []);

  const file = join(dir, 'models', 'ephemeral_middle.sql');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- changed\n`);
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'ls' });
  assert.deepEqual(listNodes(inv, { select: ['state:modified'], state: stateDir }, 'name'), [
    'ephemeral_middle',
  ]);
  assert.deepEqual(
    listNodes(inv, { select: ['state:modified+'], state: stateDir, resourceTypes: ['model'] }, 'name').sort(),
    ['ephemeral_middle', 'final_table'],
  );
  assert.deepEqual(
    listNodes(inv, { select: ['result:success'], state: stateDir, resourceTypes: ['model'] }, 'name'),
    ['final_table'],
  );
});
