// The example mesh on real DuckDB: every project builds (one DAG across projects) and publishes;
// cross-project refs read the producer's published relation (prod, also from a dev consumer);
// a ref to a non-public upstream model is an error naming it; a failed build or test keeps the
// last publication; the publication and its ODCS contracts carry the contract, owner and tests.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { type MeshRunOutcome, openMesh, runMesh } from '../../src/app/index.js';
import type { Publication } from '../../src/mesh/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

let mesh: string;

async function build(projects?: string[], target?: string): Promise<MeshRunOutcome> {
  const { workspace, order } = await openMesh(mesh);
  return runMesh(workspace, order, { command: 'build', projects, target, events: () => new EventBus() });
}

function statusOf(outcome: MeshRunOutcome): Record<string, string> {
  return Object.fromEntries(outcome.projects.map((p) => [p.project, p.status]));
}

const publicationText = (project: string) =>
  readFileSync(join(mesh, 'target', 'publications', `${project}.json`), 'utf8');
const publication = (project: string) => JSON.parse(publicationText(project)) as Publication;

async function query(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(join(mesh, 'target', 'mesh.duckdb'), { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(sql)).getRows();
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-mesh-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, {
    recursive: true,
    filter: (p) => !/[\\/]target$/.test(p),
  });
});

test('mesh build builds every project in dependency order and publishes each', async () => {
  const outcome = await build();
  assert.deepEqual(
    outcome.projects.map((p) => `${p.project}:${p.status}:${p.publish?.published}`),
    ['platform:success:true', 'orders:success:true', 'customers:success:true', 'finance:success:true'],
    JSON.stringify(
      outcome.projects.map(
        (p) => p.problems ?? p.results.filter((r) => r.status !== 'success' && r.status !== 'pass'),
      ),
    ),
  );
  assert.equal(outcome.exitCode, 0);
  // Each domain wrote to its own schema of the shared mesh database.
  const schemas = await query(
    "select table_schema, count(*) from information_schema.tables where table_catalog = 'mesh' group by 1 order by 1",
  );
  assert.deepEqual(
    schemas.map((r) => r[0]),
    ['customers', 'finance', 'orders', 'platform'],
  );
  const [[tiers]] = (await query('select count(*) from finance.customer_value_tiers')) as [[bigint]];
  assert.equal(Number(tiers), 30);
});

test("a cross-project ref compiles to the producer's published relation", async () => {
  const outcome = await build(['customers']);
  assert.deepEqual(statusOf(outcome), { customers: 'success' });
  const compiled = outcome.projects[0]!.results.find(
    (r) => r.unique_id === 'model.customers.customer_orders',
  );
  assert.match(compiled?.compiled_code ?? '', /from "mesh"\."orders"\."fct_orders"/);
  // The upstream is neither parsed again nor built by the consumer.
  assert.ok(outcome.projects[0]!.results.every((r) => r.unique_id.split('.')[1] === 'customers'));
});

test('the publication records contract, owner, tests with their status, and what it consumes', async () => {
  const pub = publication('orders');
  assert.equal(pub.project, 'orders');
  assert.deepEqual(
    pub.products.map((p) => p.name),
    ['fct_orders'],
  );
  const fct = pub.products[0]!;
  assert.deepEqual(fct.owner, { name: 'Orders team', email: 'orders@jaffle.example' });
  assert.equal(fct.group, 'order_management');
  assert.equal(fct.relations.prod?.relation_name, '"mesh"."orders"."fct_orders"');
  assert.deepEqual(
    fct.contract.columns.map((c) => `${c.name}:${c.data_type}`),
    [
      'order_id:integer',
      'customer_id:integer',
      'ordered_at:date',
      'status:varchar',
      'payment_count:integer',
      'amount:decimal(12,2)',
    ],
  );
  assert.deepEqual(
    fct.contract.columns[0]?.constraints.map((c) => c.type),
    ['not_null', 'primary_key'],
  );
  assert.deepEqual(fct.tests.map((t) => `${t.test_name}:${t.column_name}:${t.status}`).sort(), [
    'accepted_values:status:pass',
    'not_null:customer_id:pass',
    'not_null:order_id:pass',
    'unique:order_id:pass',
  ]);
  assert.deepEqual(fct.freshness, {
    warn_after: { count: 12, period: 'hour' },
    error_after: { count: 1, period: 'day' },
  });
  assert.deepEqual(pub.restricted.map((r) => `${r.name}:${r.access}`).sort(), [
    'order_payments:private',
    'stg_orders:protected',
  ]);
  assert.deepEqual(
    pub.consumes.map((c) => `${c.project}.${c.name}<-${c.consumers.join(',')}`),
    ['platform.src_orders<-model.orders.stg_orders', 'platform.src_payments<-model.orders.order_payments'],
  );
});

test('each product is exported as an ODCS v3.1 data contract', () => {
  const doc = parseYaml(
    readFileSync(join(mesh, 'target', 'publications', 'orders', 'fct_orders.odcs.yaml'), 'utf8'),
  );
  assert.equal(doc.apiVersion, 'v3.1.0');
  assert.equal(doc.kind, 'DataContract');
  assert.equal(doc.id, 'urn:tessera:orders:fct_orders');
  assert.equal(doc.status, 'active');
  assert.equal(doc.domain, 'orders');
  assert.deepEqual(doc.team, {
    name: 'order_management',
    members: [{ username: 'orders@jaffle.example', name: 'Orders team', role: 'owner' }],
  });
  const [schema] = doc.schema;
  assert.equal(schema.physicalName, 'fct_orders');
  const orderId = schema.properties.find((p: { name: string }) => p.name === 'order_id');
  assert.deepEqual(
    [orderId.logicalType, orderId.physicalType, orderId.required, orderId.unique, orderId.primaryKey],
    ['integer', 'integer', true, true, true],
  );
  const amount = schema.properties.find((p: { name: string }) => p.name === 'amount');
  assert.equal(amount.logicalType, 'number');
  const status = schema.properties.find((p: { name: string }) => p.name === 'status');
  assert.deepEqual(status.quality, [
    {
      name: 'test.orders.accepted_values_fct_orders_status__placed__shipped__completed__returned.7d365032e1',
      type: 'library',
      metric: 'invalidValues',
      arguments: { validValues: ['placed', 'shipped', 'completed', 'returned'] },
      mustBe: 0,
    },
  ]);
  assert.deepEqual(
    orderId.quality.map((q: { metric: string }) => q.metric),
    ['nullValues', 'duplicateValues'],
  );
  // A DuckDB server is named by its file.
  assert.deepEqual(doc.servers, [
    { server: 'prod', type: 'duckdb', database: join(mesh, 'target', 'mesh.duckdb'), schema: 'orders' },
  ]);
  assert.deepEqual(doc.slaProperties, [{ property: 'latency', value: 1, unit: 'd' }]);
});

test("a consumer in dev builds into its dev schema and reads the producer's prod relation", async () => {
  const outcome = await build(['customers'], 'dev');
  assert.deepEqual(statusOf(outcome), { customers: 'success' });
  const results = outcome.projects[0]!.results;
  assert.match(
    results.find((r) => r.unique_id === 'model.customers.customer_orders')?.compiled_code ?? '',
    /"mesh"\."orders"\."fct_orders"/,
  );
  assert.match(
    results.find((r) => r.unique_id === 'model.customers.dim_customers')?.relation_name ?? '',
    /"customers_dev"\."dim_customers"/,
  );
  const [[rows]] = (await query('select count(*) from customers_dev.dim_customers')) as [[bigint]];
  assert.equal(Number(rows), 30);
  // Publishing from dev adds a dev relation and keeps the prod one.
  const relations = publication('customers').products[0]!.relations;
  assert.deepEqual(Object.keys(relations).sort(), ['dev', 'prod']);
  assert.equal(relations.prod?.schema, 'customers');
  assert.equal(relations.dev?.schema, 'customers_dev');
});

test('a ref to a non-public model of another project is an error naming model, access and consumer', async () => {
  const file = join(mesh, 'finance', 'models', 'payments_check.sql');
  writeFileSync(file, "select * from {{ ref('orders', 'order_payments') }}\n");
  try {
    const outcome = await build(['finance']);
    assert.deepEqual(statusOf(outcome), { finance: 'error' });
    const messages = (outcome.projects[0]!.problems ?? []).map((p) => p.message).join('\n');
    assert.match(
      messages,
      /model\.finance\.payments_check may not reference model\.orders\.order_payments \(access: private, group: order_management\): only public models of project 'orders'/,
    );
    assert.equal(outcome.exitCode, 1);
  } finally {
    rmSync(file);
  }
});

test('a ref to a missing product or version names what the upstream publishes', async () => {
  const file = join(mesh, 'finance', 'models', 'typo.sql');
  writeFileSync(
    file,
    "select * from {{ ref('orders', 'fct_order') }} union all select * from {{ ref('orders', 'fct_orders', v=2) }}\n",
  );
  try {
    const outcome = await build(['finance']);
    const messages = (outcome.projects[0]!.problems ?? []).map((p) => p.message);
    assert.ok(
      messages.some((m) =>
        /'orders\.fct_order' which was not found: 'orders' publishes fct_orders \(published /.test(m),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) =>
        /'orders\.fct_orders' \(version 2\) which was not found: 'orders' publishes fct_orders without versions: drop v=2/.test(
          m,
        ),
      ),
      messages.join('\n'),
    );
  } finally {
    rmSync(file);
  }
});

test('a failed test does not publish: the last publication stays and downstream projects are skipped', async () => {
  const before = publicationText('orders');
  // A singular test that fails: it returns every order.
  mkdirSync(join(mesh, 'orders', 'tests'));
  writeFileSync(
    join(mesh, 'orders', 'tests', 'no_orders.sql'),
    "select * from {{ ref('fct_orders') }} where order_id > 0\n",
  );
  const outcome = await build(['orders', 'customers', 'finance']);
  assert.deepEqual(statusOf(outcome), { orders: 'failed', customers: 'skipped', finance: 'skipped' });
  // One schedule: only the nodes reading the failed product are skipped, naming the failure.
  const customers = new Map(outcome.projects[1]!.results.map((r) => [r.unique_id, r]));
  assert.equal(customers.get('model.customers.stg_customers')?.status, 'success');
  assert.equal(customers.get('model.customers.customer_orders')?.status, 'skipped');
  assert.match(
    customers.get('model.customers.customer_orders')?.message ?? '',
    /upstream model\.orders\.fct_orders \(project 'orders'\): test\.orders\.no_orders fail/,
  );
  assert.equal(customers.get('model.customers.dim_customers')?.status, 'skipped');
  assert.match(outcome.projects[2]!.reason ?? '', /skipped: upstream model\.(orders|customers)\./);
  assert.match(outcome.projects[0]!.publish?.reason ?? '', /did not pass .*no_orders fail/);
  assert.equal(publicationText('orders'), before);
  assert.equal(outcome.exitCode, 1);
});
