/**
 * A real registry for the browser tests: the web marketplace built with Vite's API (when web/dist
 * is missing or older than its sources), the example mesh built in a temp copy, and its
 * publications published into a registry on a DuckDB file, listening on a free local port.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMesh, runMesh } from '../../src/app/index.js';
import type { Publication } from '../../src/mesh/index.js';
import { createRegistryServer, openDuckdbStore } from '../../src/registry/index.js';
import { EventBus } from '../../src/runner/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';

/** Each example project's domain, with an owner team. */
const DOMAINS = [
  { name: 'platform', owner: 'Platform team', description: 'Raw shop data, cleaned.' },
  { name: 'orders', owner: 'Orders team', description: 'Orders and payments.' },
  { name: 'customers', owner: 'Customer team', description: 'Who buys, and how much.' },
  { name: 'finance', owner: 'Finance team', description: 'Revenue and value tiers.' },
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

/** Builds web/dist unless it is newer than every source of the app. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(join(WEB_DIR, 'src')),
    statSync(join(WEB_DIR, 'index.html')).mtimeMs,
    statSync(join(WEB_DIR, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'error' });
}

/** Builds the example mesh in a temp copy and returns its publications, in build order. */
export async function buildExampleMesh(dir: string): Promise<Publication[]> {
  cpSync(join(ROOT, 'examples', 'jaffle_mesh'), dir, {
    recursive: true,
    filter: (p) => !/[\\/]target$/.test(p),
  });
  const { workspace, order } = await openMesh(dir);
  const outcome = await runMesh(workspace, order, { command: 'build', events: () => new EventBus() });
  const failed = outcome.projects.filter((p) => p.status !== 'success');
  if (failed.length)
    throw new Error(
      `example mesh build failed: ${JSON.stringify(failed.map((p) => p.problems ?? p.status))}`,
    );
  return order.map((p) =>
    JSON.parse(readFileSync(join(workspace.publicationsDir, `${p.name}.json`), 'utf8')),
  );
}

export interface RunningRegistry {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the registry with the example mesh published, then `orders` published again without
 * `fct_orders.payment_count` (a breaking change the product page's history must mark).
 */
export async function startRegistryWithMesh(): Promise<RunningRegistry> {
  const work = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  const publications = await buildExampleMesh(join(work, 'mesh'));
  const store = await openDuckdbStore(join(work, 'registry.duckdb'));
  const app = await createRegistryServer({
    store,
    adminToken: ADMIN_TOKEN,
    readAccess: 'open',
    webRoot: WEB_DIST,
  });
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const send = async (method: 'POST', url: string, payload: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: admin,
      payload: payload as Record<string, unknown>,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  };
  for (const domain of DOMAINS) await send('POST', '/api/v1/domains', domain);
  for (const pub of publications) await send('POST', `/api/v1/publications?domain=${pub.project}`, pub);
  const orders = structuredClone(publications.find((p) => p.project === 'orders')!);
  const fct = orders.products.find((p) => p.name === 'fct_orders')!;
  fct.contract.columns = fct.contract.columns.filter((c) => c.name !== 'payment_count');
  orders.published_at = new Date().toISOString();
  await send('POST', '/api/v1/publications?domain=orders', orders);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async close() {
      await app.close();
      await store.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
