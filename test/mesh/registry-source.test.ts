// The registry as the source of upstream publications: a mesh whose publications folder is gone
// builds a consumer, diffs a producer (with consumers' expectations) and opens a single project
// from what a real registry server (in-memory DuckDB store) holds, and publishes back to it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { meshDiff, openMesh, openProject, runMesh } from '../../src/app/index.js';
import { readAllPublications } from '../../src/mesh/index.js';
import {
  createRegistryServer,
  openStore,
  RegistryClient,
  type RegistryStore,
} from '../../src/registry/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

const ADMIN = 'admin-token-for-mesh-source-tests';
let mesh: string;
let url: string;
let app: FastifyInstance;
let store: RegistryStore;

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-regsrc-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !/[\\/]target$/.test(p) });
  const { workspace, order } = await openMesh(mesh);
  assert.equal(
    (await runMesh(workspace, order, { command: 'build', events: () => new EventBus() })).exitCode,
    0,
  );
  store = await openStore('duckdb::memory:');
  app = await createRegistryServer({ store, adminToken: ADMIN, readAccess: 'open' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const admin = new RegistryClient(url, ADMIN);
  for (const publication of await readAllPublications(workspace.publicationsDir)) {
    await admin.createDomain({ name: publication.project, owner: 'team', description: '' });
    await admin.publish(publication, publication.project);
  }
  // From here on, only the registry knows the mesh's products.
  renameSync(workspace.publicationsDir, `${workspace.publicationsDir}.gone`);
});

after(async () => {
  delete process.env.TESSERA_REGISTRY_URL;
  delete process.env.TESSERA_REGISTRY_TOKEN;
  await app?.close();
  await store?.close();
});

test('without the registry, a consumer cannot find its upstream publications', async () => {
  const { workspace, order } = await openMesh(mesh);
  const outcome = await runMesh(workspace, order, {
    command: 'build',
    projects: ['customers'],
    publish: false,
    events: () => new EventBus(),
  });
  assert.equal(outcome.projects[0]!.status, 'error');
  assert.equal(outcome.projects[0]!.problems?.[0]?.code, 'E_NO_PUBLICATION');
});

test('mesh build --registry reads upstreams from the registry and publishes there', async () => {
  process.env.TESSERA_REGISTRY_TOKEN = ADMIN;
  try {
    const { workspace, order } = await openMesh(mesh);
    const outcome = await runMesh(workspace, order, {
      command: 'build',
      projects: ['customers'],
      registry: url,
      events: () => new EventBus(),
    });
    const customers = outcome.projects[0]!;
    assert.equal(customers.status, 'success', JSON.stringify(customers.problems));
    assert.equal(customers.publish?.published, true);
    const compiled = customers.results.find((r) => r.unique_id === 'model.customers.customer_orders');
    assert.match(compiled?.compiled_code ?? '', /"orders"\."fct_orders"/);
    assert.equal((await store.history('customers')).length, 2);
  } finally {
    delete process.env.TESSERA_REGISTRY_TOKEN;
  }
});

test("mesh diff --registry compares with the registry and runs consumers' expectations from it", async () => {
  const { workspace } = await openMesh(mesh);
  const diff = await meshDiff(workspace, 'orders', { registry: url });
  assert.equal(diff.ok, true);
  assert.deepEqual(
    diff.expectations?.map((r) => `${r.consumer}:${r.expectation.test_name}:${r.status}`),
    ['finance:not_null:pass', 'finance:accepted_values:pass'],
  );
});

test('a single-project command inside the mesh reads upstreams from TESSERA_REGISTRY_URL', async () => {
  process.env.TESSERA_REGISTRY_URL = url;
  try {
    const inv = await openProject({ projectDir: join(mesh, 'finance'), command: 'compile' });
    assert.ok(inv.project.nodes['model.orders.fct_orders'], 'the upstream product is injected');
  } finally {
    delete process.env.TESSERA_REGISTRY_URL;
  }
});
