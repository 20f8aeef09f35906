// `tessera docs serve` / `docs generate --static` for one project of the example mesh: its
// publication (test statuses from run_results.json) in an in-memory registry serving the API and
// the marketplace, and one self-contained HTML page that renders in Debian's chromium from file://.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type DocsSite,
  docsGenerate,
  openMesh,
  openProject,
  projectDocsSite,
  runMesh,
  staticDocsHtml,
} from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';
import { ARTIFACTS, type Browser, launchChromium } from '../web/browser.js';
import { ensureWebBuilt } from '../web/registry-fixture.js';

let mesh: string;
let site: DocsSite;
let browser: Browser | undefined;

before(async () => {
  mesh = mkdtempSync(join(tmpdir(), 'tessera-docs-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !/[\\/]target$/.test(p) });
  const { workspace, order } = await openMesh(mesh);
  const built = await runMesh(workspace, order, {
    command: 'build',
    projects: ['platform', 'orders'],
    events: () => new EventBus(),
  });
  assert.equal(built.exitCode, 0);
  await ensureWebBuilt();
  const inv = await openProject({ projectDir: join(mesh, 'orders'), command: 'generate' });
  await docsGenerate(inv);
  site = await projectDocsSite(inv);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("the project's products are served from its own artifacts, with their test statuses", async () => {
  assert.deepEqual(
    site.publication.products.map((p) => p.name),
    ['fct_orders'],
  );
  const tests = site.publication.products[0]!.tests;
  assert.ok(tests.length >= 4);
  assert.ok(tests.every((t) => t.status === 'pass'));
  await site.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(site.app.server.address() as AddressInfo).port}`;
  const products = (await (await fetch(`${base}/api/v1/products`)).json()) as {
    name: string;
    status: string;
  }[];
  assert.deepEqual(
    products.map((p) => `${p.name}:${p.status}`),
    ['fct_orders:passing'],
  );
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Tessera marketplace/);
});

test('docs generate --static writes one page with the assets inlined that renders offline', async () => {
  const html = await staticDocsHtml(site);
  assert.match(html, /<script type="importmap">/);
  assert.doesNotMatch(html, /src="\.\/assets\//);
  assert.doesNotMatch(html, /"\.\/[\w.-]+\.js"/, 'no chunk is loaded from a relative URL');
  assert.match(html, /"\/products\/orders\/fct_orders":/);
  const file = join(mesh, 'orders', 'target', 'static_index.html');
  writeFileSync(file, html);

  browser = await launchChromium();
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pathToFileURL(file).href}#/products/orders/fct_orders`);
  await page.getByRole('heading', { name: 'fct_orders' }).first().waitFor({ timeout: 10_000 });
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
  const text = await page.locator('main').innerText();
  assert.match(text, /customer_id/);
  assert.match(text, /Orders team/);
  await page.screenshot({ path: join(ARTIFACTS, 'docs-static-product.png') });
  await page.goto(`${pathToFileURL(file).href}#/`);
  await page.getByRole('searchbox').first().fill('amount');
  await page.getByText('fct_orders').first().waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
});
