// mesh.yml and the project graph: projects are read with their upstreams, ordered upstream
// first, and a cycle between projects is an error that prints it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findMeshRoot, loadMeshWorkspace, orderProjects, projectEdges } from '../../src/mesh/index.js';

/** A mesh folder with one project per entry: name → its upstream project names. */
function meshOf(projects: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mesh-'));
  for (const [name, upstream] of Object.entries(projects)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'dbt_project.yml'), `name: ${name}\nprofile: ${name}\n`);
    if (upstream.length)
      writeFileSync(
        join(dir, name, 'dependencies.yml'),
        `projects:\n${upstream.map((u) => `  - name: ${u}\n`).join('')}`,
      );
  }
  writeFileSync(
    join(dir, 'mesh.yml'),
    `name: test_mesh\nprojects:\n${Object.keys(projects)
      .map((p) => `  - ${p}\n`)
      .join('')}`,
  );
  return dir;
}

test('mesh.yml lists projects with their upstreams; they are ordered upstream first', async () => {
  const dir = meshOf({ finance: ['orders', 'customers'], customers: ['orders'], orders: [] });
  const ws = await loadMeshWorkspace(dir);
  assert.ok(ws.ok, JSON.stringify(!ws.ok && ws.errors));
  assert.equal(ws.value.name, 'test_mesh');
  assert.equal(ws.value.publicationsDir, join(dir, 'publications'));
  assert.deepEqual(
    ws.value.projects.map((p) => [p.name, p.upstream.map((u) => u.name)]),
    [
      ['finance', ['orders', 'customers']],
      ['customers', ['orders']],
      ['orders', []],
    ],
  );
  const order = orderProjects(ws.value);
  assert.ok(order.ok);
  assert.deepEqual(
    order.value.map((p) => p.name),
    ['orders', 'customers', 'finance'],
  );
  assert.deepEqual(
    projectEdges(ws.value).map((e) => `${e.from}->${e.to}`),
    ['orders->finance', 'customers->finance', 'orders->customers'],
  );
  assert.equal(findMeshRoot(join(dir, 'orders')), dir);
});

test('a cycle between projects is an error that prints the cycle', async () => {
  const dir = meshOf({ a: ['c'], b: ['a'], c: ['b'], d: [] });
  const ws = await loadMeshWorkspace(dir);
  assert.ok(ws.ok);
  const order = orderProjects(ws.value);
  assert.ok(!order.ok);
  assert.equal(order.errors[0]?.code, 'E_MESH_CYCLE');
  assert.match(order.errors[0]!.message, /a -> c -> b -> a/);
  assert.match(order.errors[0]!.file ?? '', /dependencies\.yml$/);
});

test('mistakes in mesh.yml are located errors', async () => {
  const dir = meshOf({ orders: [] });
  writeFileSync(
    join(dir, 'mesh.yml'),
    'publicatons: pubs\nprofiles-dir: .\nprojects:\n  - orders\n  - missing\n',
  );
  const ws = await loadMeshWorkspace(dir);
  assert.ok(!ws.ok);
  const messages = ws.errors.map((e) => `${e.line}: ${e.message}`);
  assert.ok(
    messages.some((m) => /^1: unknown key 'publicatons'/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /^2: 'profiles-dir' must be a string/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /^5: project folder 'missing' has no dbt_project\.yml/.test(m)),
    messages.join('\n'),
  );
  const none = await loadMeshWorkspace(join(dir, 'orders'));
  assert.ok(!none.ok);
  assert.match(none.errors[0]!.message, /no mesh\.yml .* --workspace/);
});
