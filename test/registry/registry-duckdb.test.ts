import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createRegistryServer, openDuckdbStore, openStore } from '../../src/registry/index.js';
import { ADMIN, registryApiSuite } from './api-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-registry-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

registryApiSuite('DuckDB', () => openDuckdbStore(join(dir, `registry-${n++}.duckdb`)));

test('DuckDB store: migrations are applied once across reopenings', async () => {
  const file = join(dir, 'reopen.duckdb');
  const first = await openStore(`duckdb:${file}`);
  const applied = await first.migrations();
  await first.close();
  const second = await openStore(`duckdb:${file}`);
  assert.deepEqual(await second.migrations(), applied);
  await second.close();
});

test('the web marketplace is served at / with a fallback to index.html; /api stays JSON', async () => {
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>marketplace</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  const store = await openStore('duckdb::memory:');
  const app = await createRegistryServer({ store, adminToken: ADMIN, readAccess: 'open', webRoot: web });
  try {
    const asset = await app.inject({ url: '/assets/app.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.body, 'console.log(1)');
    const page = await app.inject({ url: '/products/orders/fct_orders' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /marketplace/);
    const api = await app.inject({ url: '/api/v1/nope' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  } finally {
    await app.close();
    await store.close();
  }
});
