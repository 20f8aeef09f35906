// Artifacts of a real parse and build (not hand-made nodes) validate against dbt's published schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listNodes, openInvocation, writeArtifacts } from '../../src/app/index.js';
import { describeErrors, loadSchemaValidator } from '../artifacts/fixtures/dbt-schemas.js';
import { EXAMPLES, projectCopy, tessera } from '../helpers/projects.js';

test('manifest.json and run_results.json of the example build validate against dbt schemas', async () => {
  const dir = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
  const run = await tessera(dir, 'build');
  assert.equal(run.exitCode, 0);
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  const validManifest = loadSchemaValidator('manifest-v12');
  assert.ok(validManifest(manifest), describeErrors(validManifest));
  const model = manifest.nodes['model.jaffle_shop.customers'];
  assert.equal(model.resource_type, 'model');
  assert.ok(model.depends_on.nodes.length > 0);
  assert.equal(model.relation_name, '"test"."main"."customers"');
  assert.deepEqual(
    manifest.parent_map['model.jaffle_shop.customers'].slice().sort(),
    model.depends_on.nodes.slice().sort(),
  );

  const runResults = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8'));
  const validResults = loadSchemaValidator('run-results-v6');
  assert.ok(validResults(runResults), describeErrors(validResults));
  assert.equal(runResults.results.length, run.results.length);
});

test('exposures and groups are in the manifest and the graph; exposure: selects with graph operators', async () => {
  const dir = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'ls' });
  const exposure = Object.values(inv.exposures)[0]!;
  assert.ok(exposure, 'the example declares an exposure');
  assert.ok(exposure.depends_on.nodes.length > 0);
  assert.ok(Object.keys(inv.groups).length > 0);
  const listed = listNodes(
    inv,
    { select: [`+exposure:${exposure.name}`], resourceTypes: ['model', 'exposure'] },
    'name',
  );
  assert.ok(listed.includes(exposure.name));
  assert.ok(
    listed.some((n) => n.startsWith('stg_')),
    listed.join(','),
  );
  await writeArtifacts(inv, undefined, 0, 'parse');
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  assert.ok(manifest.exposures[exposure.unique_id]);
  assert.deepEqual(
    manifest.parent_map[exposure.unique_id].slice().sort(),
    exposure.depends_on.nodes.slice().sort(),
  );
  assert.ok(Object.keys(manifest.groups).length > 0);
  const valid = loadSchemaValidator('manifest-v12');
  assert.ok(valid(manifest), describeErrors(valid));
});
