// Consumer-driven expectations on the example mesh, real DuckDB: finance declares tests on
// orders' fct_orders; they travel in finance's publication; orders runs them before publishing
// (a broken one blocks the publication and names finance) and `mesh diff` fails on them.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { meshDiff, openMesh, runMesh } from '../../src/app/index.js';
import { loadPackagesSpec } from '../../src/config/index.js';
import {
  expectationsFromDependencies,
  formatPublicationDiff,
  type Publication,
} from '../../src/mesh/index.js';
import { parsePublication } from '../../src/registry/publication-schema.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

let mesh: string;
const fctOrders = () => join(mesh, 'orders', 'models', 'fct_orders.sql');
const publication = (project: string) =>
  JSON.parse(readFileSync(join(mesh, 'target', 'publications', `${project}.json`), 'utf8')) as Publication;

async function build(projects?: string[]) {
  const { workspace, order } = await openMesh(mesh);
  return runMesh(workspace, order, { command: 'build', projects, events: () => new EventBus() });
}

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-expect-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !/[\\/]target$/.test(p) });
  const built = await build();
  assert.deepEqual(
    built.projects.map((p) => p.status),
    ['success', 'success', 'success', 'success'],
  );
});

test('dependencies.yml expectations are read into one entry per data test', async () => {
  const dir = join(EXAMPLES, 'jaffle_mesh', 'finance');
  const spec = await loadPackagesSpec(dir);
  assert.ok(spec.ok);
  const found = expectationsFromDependencies(spec.value.projects, dir);
  assert.deepEqual(
    found.map((e) => [e.project, e.product, e.column_name, e.test_name, e.kwargs, e.file]),
    [
      ['orders', 'fct_orders', 'ordered_at', 'not_null', {}, 'dependencies.yml'],
      [
        'orders',
        'fct_orders',
        'status',
        'accepted_values',
        { values: ['placed', 'shipped', 'completed', 'returned'] },
        'dependencies.yml',
      ],
    ],
  );
  assert.ok(found.every((e) => e.line > 1));
});

test('a malformed expectation is a located config error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-expect-bad-'));
  writeFileSync(
    join(dir, 'dependencies.yml'),
    'projects:\n  - name: orders\n    expectations:\n      - columns: [{name: status}]\n',
  );
  const spec = await loadPackagesSpec(dir);
  assert.equal(spec.ok, false);
  const error = spec.ok ? undefined : spec.errors[0];
  assert.match(error?.message ?? '', /an expectation needs 'product:'/);
  assert.equal(error?.line, 4);
});

test("expectations travel in the consumer's publication, which the registry schema accepts", () => {
  const finance = publication('finance');
  assert.deepEqual(
    finance.expectations?.map((e) => `${e.project}.${e.product}.${e.column_name}:${e.test_name}`),
    ['orders.fct_orders.ordered_at:not_null', 'orders.fct_orders.status:accepted_values'],
  );
  assert.equal(publication('orders').expectations, undefined);
  const parsed = parsePublication(finance);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const bad = parsePublication({ ...finance, expectations: [{ project: 'orders' }] });
  assert.equal(bad.ok, false);
});

test("the producer runs its consumers' expectations before publishing; passing ones publish", async () => {
  const outcome = await build(['orders']);
  const orders = outcome.projects[0]!;
  assert.equal(orders.status, 'success');
  assert.equal(orders.publish?.published, true);
  assert.deepEqual(
    orders.publish?.expectations?.map((r) => `${r.consumer}:${r.expectation.test_name}:${r.status}`),
    ['finance:not_null:pass', 'finance:accepted_values:pass'],
  );
});

test('a broken expectation blocks the publication, names the consumer, and fails mesh diff', async () => {
  const original = readFileSync(fctOrders(), 'utf8');
  const before = publication('orders').published_at;
  // Orders' own tests still pass: it does not promise a date on every order, finance relies on it.
  writeFileSync(
    fctOrders(),
    original.replace(
      '  o.ordered_at,',
      '  case when o.order_id % 10 = 0 then null else o.ordered_at end as ordered_at,',
    ),
  );
  try {
    const outcome = await build(['orders']);
    const orders = outcome.projects[0]!;
    assert.equal(orders.status, 'failed');
    assert.equal(outcome.exitCode, 1);
    assert.equal(orders.publish?.published, false);
    assert.match(orders.publish?.reason ?? '', /finance expects not_null on fct_orders\.ordered_at/);
    assert.ok(orders.results.every((r) => r.status === 'success' || r.status === 'pass'));
    const broken = orders.publish?.expectations?.filter((r) => r.status === 'fail') ?? [];
    assert.equal(broken.length, 1);
    assert.ok(broken[0]!.failures > 0);
    assert.equal(publication('orders').published_at, before, 'consumers keep the last good version');

    const { workspace } = await openMesh(mesh);
    const diff = await meshDiff(workspace, 'orders');
    assert.equal(diff.ok, false);
    assert.deepEqual(diff.unversioned, []);
    const text = formatPublicationDiff(diff);
    assert.match(text, /BROKEN finance expects not_null on fct_orders\.ordered_at \(dependencies\.yml:\d+\)/);
    assert.match(text, /FAIL: 1 consumer expectation would break/);
    assert.match(formatPublicationDiff(diff, 'markdown'), /`finance`/);
  } finally {
    writeFileSync(fctOrders(), original);
  }
  const fixed = await build(['orders']);
  assert.equal(fixed.projects[0]!.publish?.published, true);
  const { workspace } = await openMesh(mesh);
  assert.equal((await meshDiff(workspace, 'orders')).ok, true);
});
