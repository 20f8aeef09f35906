/**
 * The registry API suite, run once per store (registry-duckdb.test.ts, registry-postgres.test.ts):
 * the example mesh's real publications (fixtures/) are published through the HTTP API and read
 * back. Tests run in order and share one server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Publication } from '../../src/mesh/index.js';
import { createRegistryServer, type RegistryStore } from '../../src/registry/index.js';

export const ADMIN = 'admin-token-for-tests-0123456789';
const FIXTURES = new URL('./fixtures/', import.meta.url);

/** The jaffle mesh's projects and the domain each belongs to here. */
export const DOMAIN_OF: Record<string, string> = {
  platform: 'platform',
  orders: 'sales',
  customers: 'marketing',
  finance: 'finance',
};

export function fixture(project: string): Publication {
  return JSON.parse(readFileSync(new URL(`${project}.json`, FIXTURES), 'utf8')) as Publication;
}

type Reply = { statusCode: number; json: () => any; body: string };

export function registryApiSuite(label: string, openStore: () => Promise<RegistryStore>): void {
  describe(`registry API on ${label}`, () => {
    let store: RegistryStore;
    let app: FastifyInstance;
    const tokens = new Map<string, { id: string; token: string }>();

    const call = (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      token?: string,
      payload?: unknown,
    ): Promise<Reply> =>
      app.inject({
        method,
        url,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }) as Promise<Reply>;
    const publish = (publication: unknown, token: string, query = '') =>
      call('POST', `/api/v1/publications${query}`, token, publication);
    const domainToken = (domain: string) => tokens.get(domain)!.token;

    before(async () => {
      store = await openStore();
      app = await createRegistryServer({
        store,
        adminToken: ADMIN,
        readAccess: 'open',
        maxBodyBytes: 200_000,
      });
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('health and the OpenAPI document', async () => {
      const health = await call('GET', '/api/v1/health');
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok', store: store.kind });
      const doc = (await call('GET', '/api/v1/openapi.json')).json();
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/products/{project}/{name}']);
    });

    test('migrations were applied once and recorded', async () => {
      const applied = await store.migrations();
      assert.deepEqual(
        applied.map((m) => m.version),
        [1, 2],
      );
    });

    test('the admin creates domains; duplicates are 409, others may not', async () => {
      for (const [name, owner] of [
        ['platform', 'Platform team'],
        ['sales', 'Orders team'],
        ['marketing', 'Customer team'],
        ['finance', 'Finance team'],
      ] as const) {
        const created = await call('POST', '/api/v1/domains', ADMIN, {
          name,
          owner,
          description: `${name} domain`,
        });
        assert.equal(created.statusCode, 201, created.body);
      }
      const duplicate = await call('POST', '/api/v1/domains', ADMIN, {
        name: 'sales',
        owner: 'x',
        description: '',
      });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(duplicate.json().error.code, 'conflict');
      const anonymous = await call('POST', '/api/v1/domains', undefined, { name: 'x', owner: 'x' });
      assert.equal(anonymous.statusCode, 401);
      const badName = await call('POST', '/api/v1/domains', ADMIN, { name: 'Bad Name', owner: 'x' });
      assert.equal(badName.statusCode, 422);
    });

    test('the admin issues one token per domain, shown once', async () => {
      for (const domain of Object.values(DOMAIN_OF)) {
        const reply = await call('POST', `/api/v1/domains/${domain}/tokens`, ADMIN);
        assert.equal(reply.statusCode, 201, reply.body);
        const { id, token } = reply.json();
        assert.match(token, /^tsr_[0-9a-f]{16}_/);
        tokens.set(domain, { id, token });
      }
      assert.equal((await call('POST', '/api/v1/domains/nope/tokens', ADMIN)).statusCode, 404);
      const notAdmin = await call('POST', '/api/v1/domains/sales/tokens', domainToken('sales'));
      assert.equal(notAdmin.statusCode, 403);
      const stored = await store.token(tokens.get('sales')!.id);
      assert.ok(stored);
      assert.ok(!domainToken('sales').includes(stored.hash), 'only a hash is stored');
    });

    test('each domain publishes its project; the first publish registers it', async () => {
      for (const project of ['platform', 'orders', 'customers', 'finance']) {
        const reply = await publish(fixture(project), domainToken(DOMAIN_OF[project]!));
        assert.equal(reply.statusCode, 201, reply.body);
        const body = reply.json();
        assert.equal(body.project, project);
        assert.equal(body.domain, DOMAIN_OF[project]);
        assert.deepEqual(body.breaking, []);
        assert.equal(typeof body.id, 'number');
      }
      const projects = (await call('GET', '/api/v1/projects')).json();
      assert.deepEqual(
        projects.map((p: { name: string; domain: string }) => `${p.name}:${p.domain}`),
        ['customers:marketing', 'finance:finance', 'orders:sales', 'platform:platform'],
      );
      const domains = (await call('GET', '/api/v1/domains')).json();
      const platform = domains.find((d: { name: string }) => d.name === 'platform');
      assert.deepEqual(platform, {
        name: 'platform',
        owner: 'Platform team',
        description: 'platform domain',
        project_count: 1,
        product_count: 3,
      });
    });

    test('auth: wrong domain 403, no token 401, tampered and revoked tokens 401', async () => {
      const wrongDomain = await publish(fixture('orders'), domainToken('finance'));
      assert.equal(wrongDomain.statusCode, 403);
      assert.equal(wrongDomain.json().error.code, 'forbidden');
      assert.equal(
        (await publish(fixture('orders'), domainToken('sales'), '?domain=finance')).statusCode,
        403,
      );
      const none = await publish(fixture('orders'), undefined as unknown as string);
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().error.code, 'unauthorized');
      const good = domainToken('sales');
      const last = good.at(-1) === 'A' ? 'B' : 'A';
      assert.equal((await publish(fixture('orders'), `${good.slice(0, -1)}${last}`)).statusCode, 401);
      assert.equal((await publish(fixture('orders'), 'tsr_garbage')).statusCode, 401);
      // A spare token of the sales domain, revoked: it stops working at once.
      const spare = (await call('POST', '/api/v1/domains/sales/tokens', ADMIN)).json();
      assert.equal((await publish(fixture('orders'), spare.token)).statusCode, 201);
      assert.equal((await call('DELETE', `/api/v1/tokens/${spare.id}`, ADMIN)).statusCode, 200);
      assert.equal((await publish(fixture('orders'), spare.token)).statusCode, 401);
      assert.equal((await call('DELETE', `/api/v1/tokens/${spare.id}`, ADMIN)).statusCode, 404);
      assert.equal((await call('DELETE', `/api/v1/tokens/${spare.id}`, good)).statusCode, 403);
      // The admin publishes for a domain it names; it may not move a project to another domain.
      assert.equal((await publish(fixture('orders'), ADMIN)).statusCode, 422);
      assert.equal((await publish(fixture('orders'), ADMIN, '?domain=finance')).statusCode, 403);
      assert.equal((await publish(fixture('orders'), ADMIN, '?domain=sales')).statusCode, 201);
    });

    test('bad payloads are 422 or 413 and change nothing', async () => {
      const before = (await call('GET', '/api/v1/projects/orders/publications')).json().length;
      const missing: Record<string, unknown> = { ...fixture('orders') };
      delete missing.products;
      const reply = await publish(missing, domainToken('sales'));
      assert.equal(reply.statusCode, 422);
      assert.equal(reply.json().error.code, 'invalid_payload');
      assert.ok(reply.json().error.details.some((d: { path: string }) => d.path === 'products'));
      const badColumn = fixture('orders');
      (badColumn.products[0]!.contract.columns[0] as { data_type: unknown }).data_type = 42;
      assert.equal((await publish(badColumn, domainToken('sales'))).statusCode, 422);
      const newProject = { ...fixture('orders'), project: 'not a name' };
      assert.equal((await publish(newProject, domainToken('sales'))).statusCode, 422);
      const huge = fixture('orders');
      huge.products[0]!.description = 'x'.repeat(250_000);
      const tooLarge = await publish(huge, domainToken('sales'));
      assert.equal(tooLarge.statusCode, 413);
      assert.equal(tooLarge.json().error.code, 'payload_too_large');
      const notJson = await app.inject({
        method: 'POST',
        url: '/api/v1/publications',
        headers: { authorization: `Bearer ${domainToken('sales')}`, 'content-type': 'application/json' },
        payload: '{"format":',
      });
      assert.equal(notJson.statusCode, 422);
      assert.equal((await call('GET', '/api/v1/projects/orders/publications')).json().length, before);
      assert.equal((await store.projects()).length, 4);
    });

    test('products list with status, tests, score and filters', async () => {
      const products = (await call('GET', '/api/v1/products')).json();
      assert.equal(products.length, 7);
      const fct = products.find((p: { id: string }) => p.id === 'orders.fct_orders');
      assert.equal(fct.domain, 'sales');
      assert.equal(fct.status, 'passing');
      assert.deepEqual(fct.tests, { passed: 4, failed: 0 });
      assert.deepEqual(fct.tags, ['finance-critical']);
      assert.ok(fct.score > 50 && fct.score <= 100);
      const byDomain = (await call('GET', '/api/v1/products?domain=finance')).json();
      assert.deepEqual(byDomain.map((p: { name: string }) => p.name).sort(), [
        'customer_value_tiers',
        'revenue_by_month',
      ]);
      const byTag = (await call('GET', '/api/v1/products?tag=finance-critical')).json();
      assert.deepEqual(
        byTag.map((p: { id: string }) => p.id),
        ['orders.fct_orders'],
      );
      const byOwner = (await call('GET', '/api/v1/products?owner=platform@jaffle')).json();
      assert.equal(byOwner.length, 3);
    });

    test('search ranks names over descriptions over column names', async () => {
      const ids = async (q: string) =>
        (await call('GET', `/api/v1/products?q=${encodeURIComponent(q)}`))
          .json()
          .map((p: { id: string }) => p.id);
      assert.deepEqual(await ids('method_kind'), ['platform.src_payments']);
      const customer = await ids('customer');
      assert.equal(customer[0], 'finance.customer_value_tiers');
      assert.ok(customer.indexOf('customers.dim_customers') < customer.indexOf('orders.fct_orders'));
      assert.ok(customer.includes('orders.fct_orders'), 'found by its customer_id column');
      const status = await ids('status');
      assert.deepEqual(status, ['orders.fct_orders', 'platform.src_orders']);
      assert.deepEqual(await ids('no_such_thing'), []);
    });

    test('product detail: contract, relations, consumers, lineage, example SQL, history', async () => {
      const reply = await call('GET', '/api/v1/products/orders/fct_orders');
      assert.equal(reply.statusCode, 200);
      const d = reply.json();
      assert.equal(d.domain, 'sales');
      assert.equal(d.access, 'public');
      assert.equal(d.group, 'order_management');
      assert.deepEqual(d.columns.map((c: { name: string }) => c.name).slice(0, 2), [
        'order_id',
        'customer_id',
      ]);
      assert.equal(d.example_sql, 'select * from "mesh"."orders"."fct_orders" limit 10');
      assert.ok(d.relations.prod);
      assert.deepEqual(d.consumers, [
        { project: 'customers', domain: 'marketing', models: ['customer_orders'] },
        { project: 'finance', domain: 'finance', models: ['revenue_by_month'] },
      ]);
      assert.deepEqual(d.downstream.map((n: { id: string }) => n.id).sort(), [
        'customers.customer_orders',
        'finance.revenue_by_month',
      ]);
      assert.deepEqual(d.upstream.map((n: { id: string }) => n.id).sort(), [
        'platform.src_orders',
        'platform.src_payments',
      ]);
      assert.equal(d.versions.length, 1);
      assert.equal(d.tests.length, 4);
      assert.ok(d.tests.every((t: { status: string }) => t.status === 'pass'));
      assert.equal(d.history.length, 3);
      const revenue = (await call('GET', '/api/v1/products/finance/revenue_by_month')).json();
      assert.deepEqual(revenue.upstream, [
        {
          id: 'orders.fct_orders',
          project: 'orders',
          name: 'fct_orders',
          domain: 'sales',
          kind: 'product',
          direct: true,
        },
      ]);
      assert.equal((await call('GET', '/api/v1/products/orders/nope')).statusCode, 404);
    });

    test('ODCS YAML of a product', async () => {
      const reply = await call('GET', '/api/v1/products/finance/revenue_by_month/odcs');
      assert.equal(reply.statusCode, 200);
      assert.match(reply.body, /^apiVersion: v3\.1\.0$/m);
      assert.match(reply.body, /name: revenue_by_month/);
    });

    test('lineage across domains, project and model level, with focus and depth', async () => {
      const projects = (await call('GET', '/api/v1/lineage?level=project')).json();
      assert.deepEqual(projects.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`).sort(), [
        'customers>finance',
        'orders>customers',
        'orders>finance',
        'platform>customers',
        'platform>orders',
      ]);
      assert.deepEqual(
        projects.nodes.find((n: { id: string }) => n.id === 'orders'),
        {
          id: 'orders',
          label: 'orders',
          domain: 'sales',
          kind: 'project',
          project: 'orders',
        },
      );
      const focused = (await call('GET', '/api/v1/lineage?level=project&focus=finance&depth=1')).json();
      assert.deepEqual(focused.nodes.map((n: { id: string }) => n.id).sort(), [
        'customers',
        'finance',
        'orders',
      ]);
      const models = (
        await call('GET', '/api/v1/lineage?level=model&focus=orders.fct_orders&depth=1')
      ).json();
      assert.deepEqual(models.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`).sort(), [
        'orders.fct_orders>customers.customer_orders',
        'orders.fct_orders>finance.revenue_by_month',
      ]);
      assert.equal((await call('GET', '/api/v1/lineage?level=model&focus=nope.nope')).statusCode, 404);
      assert.equal((await call('GET', '/api/v1/lineage?level=galaxy')).statusCode, 422);
    });

    test('a breaking change is reported, kept in history and shown by diff', async () => {
      const next = fixture('orders');
      const fct = next.products[0]!;
      fct.contract.columns = fct.contract.columns.filter((c) => c.name !== 'payment_count');
      fct.contract.columns.find((c) => c.name === 'amount')!.data_type = 'double';
      fct.contract.columns.push({ name: 'currency', data_type: 'varchar', description: '', constraints: [] });
      next.published_at = new Date().toISOString();
      const reply = await publish(next, domainToken('sales'));
      assert.equal(reply.statusCode, 201);
      const body = reply.json();
      assert.deepEqual(
        body.breaking.map((b: { kind: string; column: string }) => `${b.kind}:${b.column}`).sort(),
        ['column_removed:payment_count', 'column_type_changed:amount'],
      );
      assert.deepEqual(
        body.non_breaking.map((b: { kind: string; column: string }) => `${b.kind}:${b.column}`),
        ['column_added:currency'],
      );
      const history = (await call('GET', '/api/v1/projects/orders/publications')).json();
      assert.equal(history.length, 4);
      assert.equal(history[0].id, body.id);
      assert.equal(history[0].breaking.length, 2);
      assert.equal(history[1].breaking.length, 0);
      const diff = (
        await call('GET', `/api/v1/projects/orders/diff?from=${history[3].id}&to=${body.id}`)
      ).json();
      assert.equal(diff.breaking.length, 2);
      const back = (
        await call('GET', `/api/v1/projects/orders/diff?from=${body.id}&to=${history[3].id}`)
      ).json();
      assert.deepEqual(back.breaking.map((b: { column: string }) => b.column).sort(), ['amount', 'currency']);
      const other = (await call('GET', '/api/v1/projects/finance/publications')).json()[0].id;
      assert.equal((await call('GET', `/api/v1/projects/orders/diff?from=${other}`)).statusCode, 404);
      const detail = (await call('GET', '/api/v1/products/orders/fct_orders')).json();
      assert.equal(detail.history[0].has_breaking, true);
      // Making a product non-public breaks its consumers too.
      const hidden = fixture('finance');
      const gone = hidden.products.pop()!;
      hidden.restricted.push({ name: gone.name, version: null, access: 'protected', group: 'finance' });
      const hiddenReply = (await publish(hidden, domainToken('finance'))).json();
      assert.deepEqual(
        hiddenReply.breaking.map((b: { kind: string }) => b.kind),
        ['made_non_public'],
      );
    });

    test('50 concurrent publishers lose nothing', async () => {
      const domains = ['platform', 'sales', 'marketing', 'finance', 'platform'];
      const jobs: Promise<Reply>[] = [];
      for (let i = 0; i < 50; i++) {
        // Ten new projects in four domains, five publishes each, all at once.
        const project = i % 10;
        const publication = {
          ...fixture('finance'),
          project: `load_${project}`,
          published_at: new Date().toISOString(),
        };
        jobs.push(publish(publication, domainToken(domains[project % 5]!)));
      }
      const replies = await Promise.all(jobs);
      assert.deepEqual(
        replies.filter((r) => r.statusCode !== 201).map((r) => r.body),
        [],
      );
      assert.equal(new Set(replies.map((r) => r.json().id)).size, 50);
      let stored = 0;
      for (let p = 0; p < 10; p++) {
        const history = (await call('GET', `/api/v1/projects/load_${p}/publications`)).json();
        stored += history.length;
        // Each publication was compared with the one before it: one unbroken chain.
        const chain = [...history].reverse();
        for (const [n, h] of chain.entries()) assert.equal(h.previous_id, n === 0 ? null : chain[n - 1].id);
      }
      assert.equal(stored, 50);
      const products = (await call('GET', '/api/v1/products?q=load_')).json();
      assert.equal(products.length, 20);
    });
  });

  describe(`registry on ${label} with reading by token only`, () => {
    test('reads need a token; health stays open', async () => {
      const store = await openStore();
      const app = await createRegistryServer({ store, adminToken: ADMIN, readAccess: 'token' });
      try {
        assert.equal((await app.inject({ url: '/api/v1/health' })).statusCode, 200);
        const anonymous = await app.inject({ url: '/api/v1/products' });
        assert.equal(anonymous.statusCode, 401);
        assert.equal(anonymous.json().error.code, 'unauthorized');
        const admin = await app.inject({
          url: '/api/v1/products',
          headers: { authorization: `Bearer ${ADMIN}` },
        });
        assert.equal(admin.statusCode, 200);
        assert.deepEqual(admin.json(), []);
        assert.equal((await app.inject({ url: '/api/v1/nothing' })).statusCode, 404);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });
}
