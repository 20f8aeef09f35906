// A mesh that mixes a dbt-core project (read from its manifest.json, never built) with a Tessera
// project that references its public model. The fixture manifest was made by dbt-core 1.11.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openMesh, runMesh } from '../../src/app/index.js';
import { publicationFromManifest } from '../../src/mesh/index.js';
import { EventBus } from '../../src/runner/index.js';

const MANIFEST = fileURLToPath(new URL('./fixtures/dbt_marketing/manifest.json', import.meta.url));
let mesh: string;

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-mesh-'));
  writeFileSync(
    join(mesh, 'mesh.yml'),
    `profiles-dir: "./"\npublications: target/publications\nprojects:\n  - growth\n  - name: marketing\n    manifest: ${JSON.stringify(MANIFEST)}\n`,
  );
  writeFileSync(
    join(mesh, 'profiles.yml'),
    'growth:\n  target: prod\n  outputs:\n    prod:\n      type: duckdb\n      path: "{{ env_var(\'TESSERA_MESH_ROOT\') }}/target/mesh.duckdb"\n      schema: growth\n',
  );
  mkdirSync(join(mesh, 'growth', 'models'), { recursive: true });
  writeFileSync(join(mesh, 'growth', 'dbt_project.yml'), 'name: growth\nprofile: growth\n');
  writeFileSync(join(mesh, 'growth', 'dependencies.yml'), 'projects:\n  - name: marketing\n');
  writeFileSync(
    join(mesh, 'growth', 'models', 'campaign_report.sql'),
    "select campaign_id, name from {{ ref('marketing', 'campaigns') }}\n",
  );
  // What dbt-core built for the marketing project, in the same mesh database.
  mkdirSync(join(mesh, 'target'));
  const db = await DuckDBInstance.create(join(mesh, 'target', 'mesh.duckdb'));
  const con = await db.connect();
  await con.run(
    "create schema marketing; create table marketing.campaigns as select 1 as campaign_id, 'spring' as name, date '2024-03-01' as starts_on",
  );
  con.closeSync();
  db.closeSync();
});

async function build() {
  const { workspace, order } = await openMesh(mesh);
  return runMesh(workspace, order, { command: 'build', events: () => new EventBus() });
}

test("a dbt-core manifest's public models become products, with owner and test statuses", async () => {
  const { workspace } = await openMesh(mesh);
  assert.deepEqual(
    workspace.projects.map((p) => p.name),
    ['growth'],
  );
  const r = await publicationFromManifest(workspace.manifests[0]!);
  assert.ok(r.ok);
  const [campaigns] = r.publication.products;
  assert.equal(r.publication.products.length, 1);
  assert.equal(campaigns?.name, 'campaigns');
  assert.deepEqual(campaigns?.owner, { email: 'growth@example.com', name: 'Growth team' });
  assert.equal(campaigns?.relations.prod?.relation_name, '"mesh"."marketing"."campaigns"');
  assert.deepEqual(
    campaigns?.contract.columns.map((c) => `${c.name}:${c.data_type}`),
    ['campaign_id:integer', 'name:varchar', 'starts_on:date'],
  );
  assert.deepEqual(
    campaigns?.tests.map((t) => `${t.test_name}:${t.status}`),
    ['unique:pass'],
  );
  assert.deepEqual(r.publication.restricted, [
    { name: 'campaign_spend', version: null, access: 'protected', group: null },
  ]);
});

test('a Tessera project reads the dbt-core project through the mesh; only public models', async () => {
  const outcome = await build();
  assert.deepEqual(
    outcome.projects.map((p) => `${p.project}:${p.status}`),
    ['growth:success'],
    JSON.stringify(outcome.projects[0]?.problems),
  );
  const report = outcome.projects[0]!.results.find((r) => r.unique_id === 'model.growth.campaign_report');
  assert.match(report?.compiled_code ?? '', /"mesh"\."marketing"\."campaigns"/);

  const spend = join(mesh, 'growth', 'models', 'spend.sql');
  writeFileSync(spend, "select * from {{ ref('marketing', 'campaign_spend') }}\n");
  try {
    const forbidden = await build();
    assert.equal(forbidden.projects[0]?.status, 'error');
    assert.match(
      forbidden.projects[0]?.problems?.[0]?.message ?? '',
      /model\.growth\.spend may not reference model\.marketing\.campaign_spend \(access: protected/,
    );
  } finally {
    rmSync(spend);
  }
});
