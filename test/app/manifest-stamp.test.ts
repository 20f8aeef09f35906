// A warm `parse` that changed nothing leaves manifest.json alone; anything else writes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openInvocation, writeArtifacts } from '../../src/app/index.js';
import { projectCopy } from '../helpers/projects.js';

test('parse skips rewriting an unchanged manifest, and only then', async () => {
  const dir = projectCopy('ephemeral_chain');
  const env = { ...process.env };
  const parse = async (environment = env) => {
    const inv = await openInvocation({
      projectDir: dir,
      profilesDir: dir,
      command: 'parse',
      env: environment,
    });
    await writeArtifacts(inv, undefined, 0, 'parse');
    return inv;
  };
  const writtenBy = () =>
    (
      JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as {
        metadata: { invocation_id: string };
      }
    ).metadata.invocation_id;

  const cold = await parse();
  assert.equal(cold.project.fromCache, false);
  assert.equal(writtenBy(), cold.invocationId);

  const warm = await parse();
  assert.equal(warm.project.fromCache, true);
  assert.equal(writtenBy(), cold.invocationId, 'the warm parse kept the manifest');

  // Another command rewrites the manifest: the next parse writes its own again.
  await writeArtifacts(warm, undefined, 0, 'compile');
  assert.equal(writtenBy(), warm.invocationId);
  const afterCompile = await parse();
  assert.equal(writtenBy(), afterCompile.invocationId);

  // Artifact metadata reads DBT_ENV_* variables: a change there writes the manifest.
  const changedEnv = await parse({ ...env, DBT_ENV_CUSTOM_ENV_RUN: 'x' });
  assert.equal(changedEnv.project.fromCache, true);
  assert.equal(writtenBy(), changedEnv.invocationId);
});
