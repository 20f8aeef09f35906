// Breaking-change detection: a change to a published contract is classified; an unversioned
// breaking change fails and names every downstream consumer, with the fix.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { meshCheck, meshDiff, openMesh, runMesh } from '../../src/app/index.js';
import { formatPublicationDiff } from '../../src/mesh/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

let mesh: string;
const ordersYml = () => join(mesh, 'orders', 'models', 'orders.yml');
let original: string;

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-diff-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !p.endsWith('/target') });
  rmSync(join(mesh, 'target'), { recursive: true, force: true });
  const { workspace, order } = await openMesh(mesh);
  const built = await runMesh(workspace, order, { command: 'build', events: () => new EventBus() });
  assert.deepEqual(
    built.projects.map((p) => p.status),
    ['success', 'success', 'success', 'success'],
  );
  original = readFileSync(ordersYml(), 'utf8');
});

async function diffWith(yml: string) {
  writeFileSync(ordersYml(), yml);
  const { workspace } = await openMesh(mesh);
  try {
    return await meshDiff(workspace, 'orders');
  } finally {
    writeFileSync(ordersYml(), original);
  }
}

test('an unchanged project has no changes', async () => {
  const diff = await diffWith(original);
  assert.deepEqual(diff.changes, []);
  assert.equal(diff.ok, true);
});

test('removing a column and changing a type are breaking and name the consumers', async () => {
  const yml = original
    .replace(/ {6}- name: payment_count\n {8}data_type: integer\n/, '')
    .replace('data_type: decimal(12,2)', 'data_type: double');
  const diff = await diffWith(yml);
  const kinds = diff.changes.map((c) => `${c.kind}:${c.column}`).sort();
  assert.deepEqual(kinds, ['column_removed:payment_count', 'column_type_changed:amount']);
  assert.equal(diff.ok, false);
  const breaking = diff.unversioned[0]!;
  assert.equal(breaking.product, 'fct_orders');
  assert.deepEqual(
    breaking.consumers.map((c) => c.project),
    ['customers', 'finance'],
  );
  assert.ok(
    breaking.consumers
      .find((c) => c.project === 'finance')!
      .models.includes('model.finance.revenue_by_month'),
  );
  assert.match(breaking.fix, /add version 2/);
  const md = formatPublicationDiff(diff, 'markdown');
  assert.match(
    md,
    /\| fct_orders \| column payment_count \(integer\) was removed or renamed \| \*\*yes\*\* \|/,
  );
  assert.match(md, /`finance`: `model.finance.revenue_by_month`/);
});

test('adding a column or a constraint is not breaking', async () => {
  const yml = original.replace(
    '      - name: ordered_at\n        data_type: date\n',
    '      - name: ordered_at\n        data_type: date\n        constraints: [{ type: not_null }]\n      - name: channel\n        data_type: varchar\n',
  );
  const diff = await diffWith(yml);
  assert.deepEqual(diff.changes.map((c) => `${c.kind}:${c.column}:${c.breaking}`).sort(), [
    'column_added:channel:false',
    'constraint_added:ordered_at:false',
  ]);
  assert.equal(diff.ok, true);
});

test('making a product non-public is breaking', async () => {
  const diff = await diffWith(original.replace(/(name: fct_orders[\s\S]*?access: )public/, '$1protected'));
  assert.deepEqual(
    diff.changes.map((c) => c.kind),
    ['made_non_public'],
  );
  assert.equal(diff.ok, false);
});

test('the coupling report counts refs between domains and finds select *, unused products and gaps', async () => {
  const { workspace } = await openMesh(mesh);
  const report = await meshCheck(workspace);
  assert.deepEqual(
    report.edges.find((e) => e.from === 'finance' && e.to === 'orders'),
    { from: 'finance', to: 'orders', refs: 1 },
  );
  assert.deepEqual(
    report.consumersPerProduct.find((c) => c.product === 'orders.fct_orders'),
    { product: 'orders.fct_orders', consumers: 2 },
  );
  assert.ok(
    report.selectStar.some((s) => s.consumer === 'model.orders.stg_orders' && s.product === 'src_orders'),
  );
  assert.ok(report.unusedProducts.includes('finance.revenue_by_month'));
  assert.ok(
    report.gaps.some((g) => g.product === 'finance.revenue_by_month' && g.missing.includes('primary key')),
  );
});
