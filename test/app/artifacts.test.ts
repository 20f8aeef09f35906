// Artifacts of a real parse and build (not hand-made nodes) validate against dbt's published schemas.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listNodes, openInvocation, writeArtifacts } from '../../src/app/index.js';
import { describeErrors, loadSchemaValidator } from '../artifacts/fixtures/dbt-schemas.js';
import { EXAMPLES, projectCopy, query, tessera } from '../helpers/projects.js';

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

test('on-run-start/end hooks are operation nodes of the manifest, as dbt lists them, and ls skips them', async () => {
  const dir = projectCopy('yaml_rendering');
  const project = join(dir, 'dbt_project.yml');
  writeFileSync(
    project,
    `${readFileSync(project, 'utf8')}on-run-start: "select 1"\non-run-end:\n  - "select 2"\n  - "{{ log('done') }}"\n`,
  );
  writeFileSync(
    join(dir, 'models', 'hook_count.sql'),
    "select {{ graph.nodes.values() | selectattr('resource_type', 'equalto', 'operation') | list | length }} as n\n",
  );
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 0);
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  const validManifest = loadSchemaValidator('manifest-v12');
  assert.ok(validManifest(manifest), describeErrors(validManifest));
  const ids = Object.keys(manifest.nodes).filter((id) => id.startsWith('operation.'));
  assert.deepEqual(ids.sort(), [
    'operation.yaml_rendering.yaml_rendering-on-run-end-0',
    'operation.yaml_rendering.yaml_rendering-on-run-end-1',
    'operation.yaml_rendering.yaml_rendering-on-run-start-0',
  ]);
  const end = manifest.nodes['operation.yaml_rendering.yaml_rendering-on-run-end-1'];
  assert.equal(end.raw_code, "{{ log('done') }}", 'kept unrendered');
  assert.deepEqual(end.tags, ['on-run-end']);
  assert.deepEqual(end.fqn, ['yaml_rendering', 'hooks', 'yaml_rendering-on-run-end-1']);
  assert.equal(end.original_file_path, './dbt_project.yml');
  assert.equal(end.config.materialized, 'table', "like dbt, a hook takes the project's `models:` configs");
  assert.deepEqual(manifest.parent_map['operation.yaml_rendering.yaml_rendering-on-run-start-0'], []);
  assert.deepEqual(await query(dir, 'select n from hook_count'), [{ n: 3 }], 'graph.nodes holds them too');
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'ls' });
  const listed = listNodes(inv, { resourceTypes: ['all'] }, 'name');
  assert.ok(!JSON.stringify(listed).includes('on-run-end'), 'ls does not list hooks');
});
