// Selection across the projects of a mesh: scoped selectors, whole projects with their upstream
// or downstream projects, and a trailing `+` that crosses into the projects reading a product.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { meshSelectedNodes, openMesh, runMesh } from '../../src/app/index.js';
import { type MeshWorkspace, parseMeshSelection } from '../../src/mesh/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

let mesh: string;

async function selected(...select: string[]): Promise<Record<string, string[]>> {
  const { workspace, order } = await openMesh(mesh);
  const picked = await meshSelectedNodes(workspace, order, select, { command: 'list' });
  return Object.fromEntries(
    picked.map((p) => [p.project, p.nodes.filter((id) => id.startsWith('model.')).sort()]),
  );
}

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-select-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !/[\\/]target$/.test(p) });
  const { workspace, order } = await openMesh(mesh);
  const built = await runMesh(workspace, order, { command: 'build', events: () => new EventBus() });
  assert.equal(built.exitCode, 0);
});

test('project terms and scoped terms are told apart from dbt methods', async () => {
  const { workspace } = await openMesh(mesh);
  const parsed = parseMeshSelection(['orders:fct_orders+ tag:nightly', '+project:customers'], workspace);
  assert.ok(parsed.ok);
  assert.deepEqual([...parsed.value.whole].sort(), ['customers', 'orders', 'platform']);
  assert.deepEqual(parsed.value.scoped.get('orders'), ['fct_orders+']);
  assert.deepEqual(parsed.value.crossing.get('orders'), ['fct_orders+']);
  assert.deepEqual(parsed.value.everywhere, ['tag:nightly']);
  const bad = parseMeshSelection(['project:nope'], workspace as MeshWorkspace);
  assert.equal(bad.ok, false);
  assert.match(
    bad.ok ? '' : bad.errors[0]!.message,
    /no project named 'nope'.*platform, orders, customers, finance/,
  );
});

test('a scoped selector without + stays in its project', async () => {
  assert.deepEqual(await selected('orders:stg_orders'), { orders: ['model.orders.stg_orders'] });
});

test('a trailing + crosses into every project that reads what it selected, transitively', async () => {
  const picked = await selected('orders:fct_orders+');
  assert.deepEqual(picked, {
    orders: ['model.orders.fct_orders'],
    customers: ['model.customers.customer_orders', 'model.customers.dim_customers'],
    finance: [
      'model.finance.customer_value_tiers.v1',
      'model.finance.customer_value_tiers.v2',
      'model.finance.revenue_by_month',
    ],
  });
});

test('project:NAME+ selects the project and every project downstream of it', async () => {
  assert.deepEqual(Object.keys(await selected('project:customers+')), ['customers', 'finance']);
  assert.deepEqual(Object.keys(await selected('+project:orders')), ['platform', 'orders']);
});

test('mesh build runs only the selected nodes of the selected projects', async () => {
  const { workspace, order } = await openMesh(mesh);
  const outcome = await runMesh(workspace, order, {
    command: 'build',
    select: ['finance:revenue_by_month'],
    events: () => new EventBus(),
  });
  assert.deepEqual(
    outcome.projects.map((p) => p.project),
    ['finance'],
  );
  assert.deepEqual(
    outcome.projects[0]!.results.map((r) => r.unique_id).filter((id) => id.startsWith('model.')),
    ['model.finance.revenue_by_month'],
  );
  // A partial build never publishes.
  assert.equal(outcome.projects[0]!.publish?.published, false);
});

test('a mesh never built yet lists across projects from what each would publish', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'tessera-select-fresh-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), fresh, { recursive: true, filter: (p) => !/[\\/]target$/.test(p) });
  const { workspace, order } = await openMesh(fresh);
  const picked = await meshSelectedNodes(workspace, order, ['orders:fct_orders+'], { command: 'list' });
  const projects = picked.map((p) => p.project);
  assert.ok(projects.includes('orders') && projects.includes('finance'), projects.join(','));
  const finance = picked.find((p) => p.project === 'finance')!;
  assert.ok(finance.nodes.some((id) => id.startsWith('model.finance.')));
});
