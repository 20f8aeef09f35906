/**
 * The web marketplace in a real browser (Debian's chromium) against the real registry with the
 * example mesh published: search, the product page and the lineage explorer. Screenshots go to
 * test-results/web/.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type Browser, launchChromium, screenshotPath } from './browser.js';
import { ensureWebBuilt, type RunningRegistry, startRegistryWithMesh } from './registry-fixture.js';

let registry: RunningRegistry | undefined;
let browser: Browser | undefined;

before(async () => {
  browser = await launchChromium();
  await ensureWebBuilt();
  registry = await startRegistryWithMesh();
});

after(async () => {
  await browser?.close();
  await registry?.close();
});

/** The text as rendered for a reader (Playwright's innerText, not the DOM's). */
function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
  return locator.innerText();
}

/** A fresh page that fails the test on any script error in the app. */
async function openPage(hash = '#/'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${registry!.url}/${hash}`);
  return { page, errors };
}

test('the home page loads in under a second and lists domains and products', async (t) => {
  const page = await browser!.context.newPage();
  const started = Date.now();
  await page.goto(`${registry!.url}/`);
  await page.locator('#results .result').first().waitFor();
  const elapsed = Date.now() - started;
  t.diagnostic(`first load: ${elapsed} ms`);
  assert.ok(elapsed < 1000, `first load took ${elapsed} ms`);
  // Seven data products; the versioned customer_value_tiers is one product with two versions.
  assert.equal(await page.locator('#results .result').count(), 7);
  const domains = await shown(page.locator('#domains-title + ul'));
  for (const d of ['platform', 'orders', 'customers', 'finance']) assert.match(domains, new RegExp(d));
  assert.match(domains, /Orders team/);
  assert.match(await shown(page.locator('#recent-title + ul')), /orders\.fct_orders/);
  await page.screenshot({ path: screenshotPath('home'), fullPage: true });
  await page.close();
});

test('search finds a product by a column name, and the keyboard reaches it', async () => {
  const { page, errors } = await openPage();
  await page.locator('#results .result').first().waitFor();
  await page.locator('body').press('/');
  assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'search');
  await page.keyboard.type('signed_up_on');
  // Only a column of platform.src_customers has that name: the registry's search finds it.
  const hit = page.locator('#results a.result-link', { hasText: 'src_customers' });
  await hit.waitFor();
  assert.equal(await page.locator('#results .result').count(), 1);
  assert.match(await shown(page.locator('#results')), /matches a column/);
  await page.screenshot({ path: screenshotPath('search-by-column'), fullPage: true });
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.evaluate('document.activeElement && document.activeElement.textContent'),
    'src_customers',
  );
  await page.keyboard.press('Enter');
  await page.locator('#product-title', { hasText: 'src_customers' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('name matches rank above description and column matches', async () => {
  const { page } = await openPage('#/?q=orders');
  await page.locator('#results .result').first().waitFor();
  const names = await page.locator('#results a.result-link').allInnerTexts();
  // fct_orders and src_orders match by name; orders-related descriptions and columns come after.
  assert.deepEqual(names.slice(0, 2).sort(), ['fct_orders', 'src_orders']);
  assert.ok(names.length > 2, names.join(', '));
  await page.close();
});

test('the product page shows contract, versions, lineage and the history with breaking changes', async () => {
  const { page, errors } = await openPage('#/products/orders/fct_orders');
  await page.locator('#contract-table').waitFor();
  const contract = await shown(page.locator('#contract-table'));
  assert.match(contract, /order_id\s+integer\s+not null\s+primary key\s+The order\./);
  assert.match(contract, /amount\s+decimal\(12,2\)/);
  assert.doesNotMatch(contract, /payment_count/, 'the latest publication dropped it');
  assert.match(await shown(page.locator('#versions')), /unversioned\s+current/);
  const lineage = await shown(page.locator('section[aria-labelledby="lineage-h"]'));
  assert.match(lineage, /Upstream/);
  assert.match(lineage, /revenue_by_month/);
  assert.ok(
    await page
      .locator('section[aria-labelledby="lineage-h"] a', { hasText: 'finance.revenue_by_month' })
      .count(),
  );
  assert.match(await shown(page.locator('#consumers')), /finance: revenue_by_month/);
  assert.match(
    await shown(page.locator('section[aria-labelledby="relations-h"]')),
    /"mesh"\."orders"\."fct_orders"/,
  );
  assert.match(
    await shown(page.locator('section[aria-labelledby="example-h"]')),
    /select \* from .*fct_orders.* limit 10/,
  );
  const history = await shown(page.locator('section[aria-labelledby="history-h"]'));
  assert.match(history, /Breaking change/);
  assert.match(history, /payment_count/);
  assert.match(await shown(page.locator('.product-header')), /Tests passing/);
  const odcs = await page.locator('a', { hasText: 'Download ODCS contract' }).getAttribute('href');
  const yaml = await page.request.get(new URL(odcs!, registry!.url).href);
  assert.equal(yaml.status(), 200);
  assert.match(await yaml.text(), /fct_orders/);
  await page.screenshot({ path: screenshotPath('product-fct_orders'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lineage graph renders across domains and focuses a node on click', async () => {
  const { page, errors } = await openPage('#/lineage');
  await page.locator('#lineage-graph[data-ready="true"]').waitFor();
  const total = (await page.evaluate('window.tesseraLineage.nodes().length')) as number;
  assert.ok(total >= 7, `${total} nodes`);
  assert.equal(await page.locator('.legend li').count(), 4, 'one colour per domain');
  await page.screenshot({ path: screenshotPath('lineage'), fullPage: true });

  const box = await page.locator('#lineage-graph').boundingBox();
  const at = (await page.evaluate(
    "window.tesseraLineage.getElementById('platform.src_payments').renderedPosition()",
  )) as { x: number; y: number };
  await page.mouse.click(box!.x + at.x, box!.y + at.y);
  await page.locator('#lineage-graph[data-focus="platform.src_payments"][data-ready="true"]').waitFor();
  assert.match(await shown(page.locator('#lineage-status')), /Focused on src_payments/);
  const focused = (await page.evaluate(
    'window.tesseraLineage.nodes().map((n) => n.id()).sort()',
  )) as string[];
  assert.ok(focused.length < total, `focus keeps the neighbourhood only (${focused.join(', ')})`);
  assert.ok(focused.includes('orders.order_payments'), focused.join(', '));
  await page.screenshot({ path: screenshotPath('lineage-focused'), fullPage: true });

  await page.locator('#level-toggle').click();
  await page.locator('#lineage-graph[data-level="project"][data-ready="true"]').waitFor();
  const projects = (await page.evaluate(
    'window.tesseraLineage.nodes().map((n) => n.id()).sort()',
  )) as string[];
  assert.deepEqual(projects, ['customers', 'finance', 'orders', 'platform']);
  await page.screenshot({ path: screenshotPath('lineage-projects'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the screenshots were saved as artifacts', () => {
  for (const name of ['home', 'search-by-column', 'product-fct_orders', 'lineage', 'lineage-focused'])
    assert.ok(existsSync(screenshotPath(name)), name);
});
