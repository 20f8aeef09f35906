#!/usr/bin/env node
// `npm run demo`: builds the example project on embedded DuckDB with the tessera CLI, then shows
// what it made (every relation with its row count); then builds the example mesh of four domain
// projects with `tessera mesh build`, which publishes each one, and prints the data products.
// Needs only `npm ci` before it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'tessera.js');
if (!existsSync(join(root, 'dist', 'cli', 'index.js'))) {
  console.log('Building Tessera (npm run build)…');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const project = join(root, 'examples', 'jaffle_shop');
const dbFile = join(project, 'target', 'demo.duckdb');
rmSync(dbFile, { force: true });
mkdirSync(dirname(dbFile), { recursive: true });
const env = { ...process.env, JAFFLE_SHOP_DUCKDB_PATH: dbFile };

console.log(`\n$ tessera build   (in examples/jaffle_shop, DuckDB file ${dbFile})\n`);
const build = spawnSync(process.execPath, [cli, 'build'], { cwd: project, stdio: 'inherit', env });
if (build.status !== 0) {
  console.error(`\ntessera build exited with ${build.status}`);
  process.exit(build.status ?? 1);
}

const db = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY' });
const con = await db.connect();
const rels = await con.runAndReadAll(
  `select table_schema, table_name, table_type from information_schema.tables where table_catalog = current_database() order by 1, 2`,
);
console.log('\nWhat the build made:\n');
console.log(`${'relation'.padEnd(40)} ${'type'.padEnd(6)} rows`);
for (const [schema, name, type] of rels.getRows()) {
  const n = await con.runAndReadAll(`select count(*) from "${schema}"."${name}"`);
  const kind = type === 'VIEW' ? 'view' : 'table';
  console.log(`${`${schema}.${name}`.padEnd(40)} ${kind.padEnd(6)} ${String(n.getRows()[0][0])}`);
}
con.closeSync?.();
console.log(
  `\nTry: cd examples/jaffle_shop && JAFFLE_SHOP_DUCKDB_PATH=${dbFile} npx tessera show --select customers`,
);

// The mesh: platform → orders → customers → finance, one schema per domain in one DuckDB file.
const mesh = join(root, 'examples', 'jaffle_mesh');
rmSync(join(mesh, 'target'), { recursive: true, force: true });
console.log('\n$ tessera mesh build   (in examples/jaffle_mesh)\n');
const meshBuild = spawnSync(process.execPath, [cli, 'mesh', 'build', '--quiet'], {
  cwd: mesh,
  stdio: 'inherit',
});
const graph = spawnSync(process.execPath, [cli, 'mesh', 'graph'], { cwd: mesh, encoding: 'utf8' });
console.log(`\nProject graph:\n${graph.stdout.replace(/^/gm, '  ')}`);
console.log('Data products (from examples/jaffle_mesh/target/publications/*.json):\n');
const columns = ['product', 'domain', 'owner', 'version', 'tests', 'relation (prod)'];
const widths = [22, 10, 26, 8, 14];
const row = (cells) => cells.map((c, i) => (i < widths.length ? String(c).padEnd(widths[i]) : c)).join(' ');
console.log(row(columns));
for (const project of ['platform', 'orders', 'customers', 'finance']) {
  const file = join(mesh, 'target', 'publications', `${project}.json`);
  if (!existsSync(file)) {
    console.log(row(['(not published)', project, '', '', '', '']));
    continue;
  }
  const publication = JSON.parse(readFileSync(file, 'utf8'));
  for (const p of publication.products) {
    const passed = p.tests.filter((t) => t.status === 'pass').length;
    const failed = p.tests.length - passed;
    const owner = p.owner?.email ?? p.owner?.name ?? '-';
    const version = p.version === null ? '-' : `v${p.version}`;
    const tests = `${passed} passed${failed ? `, ${failed} failed` : ''}`;
    console.log(row([p.name, project, owner, version, tests, p.relations.prod?.relation_name ?? '-']));
  }
}
console.log(
  '\nEach product also has an ODCS v3.1 data contract: examples/jaffle_mesh/target/publications/<domain>/<model>.odcs.yaml',
);
if (meshBuild.status !== 0) {
  console.error(`\ntessera mesh build exited with ${meshBuild.status}`);
  process.exit(meshBuild.status ?? 1);
}

// The registry: the example's domains and publications, in an embedded (DuckDB) store, through
// the registry's own API, ready for `tessera registry serve`.
const { createRegistryServer, openStore } = await import('../dist/registry/index.js');
const registryFile = join(mesh, 'target', 'registry.duckdb');
const adminToken = 'demo-admin-token-0123456789';
const store = await openStore(`duckdb:${registryFile}`);
const app = await createRegistryServer({ store, adminToken, readAccess: 'open' });
const admin = { authorization: `Bearer ${adminToken}` };
let published = 0;
for (const project of ['platform', 'orders', 'customers', 'finance']) {
  const file = join(mesh, 'target', 'publications', `${project}.json`);
  if (!existsSync(file)) continue;
  const publication = JSON.parse(readFileSync(file, 'utf8'));
  const owner = publication.products[0]?.owner?.name ?? `${project} team`;
  await app.inject({
    method: 'POST',
    url: '/api/v1/domains',
    headers: admin,
    payload: { name: project, owner, description: `The ${project} domain` },
  });
  const r = await app.inject({
    method: 'POST',
    url: `/api/v1/publications?domain=${project}`,
    headers: admin,
    payload: publication,
  });
  if (r.statusCode === 201) published++;
  else console.error(`registry refused ${project}: ${r.statusCode} ${r.body}`);
}
await app.close();
await store.close();
console.log(
  `\nPublished ${published} projects to the registry store ${registryFile}. Browse the marketplace with:`,
);
console.log(
  `\n  TESSERA_ADMIN_TOKEN=${adminToken} node bin/tessera.js registry serve --store duckdb:${registryFile} --read open`,
);
console.log('  then open http://127.0.0.1:8484/\n');
