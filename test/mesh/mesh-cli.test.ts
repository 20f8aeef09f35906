// `tessera mesh` and `tessera publish` as a user runs them: a project cycle exits 2 printing
// the cycle; build without publishing, then publish; `mesh ls` shows the publication.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXAMPLES } from '../helpers/projects.js';

const entry = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), entry, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('mesh graph on projects that depend on each other exits 2 and prints the cycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mesh-'));
  for (const [name, upstream] of [
    ['orders', 'customers'],
    ['customers', 'orders'],
  ] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'dbt_project.yml'), `name: ${name}\n`);
    writeFileSync(join(dir, name, 'dependencies.yml'), `projects:\n  - name: ${upstream}\n`);
  }
  writeFileSync(join(dir, 'mesh.yml'), 'projects: [orders, customers]\n');
  const r = cli(dir, 'mesh', 'graph');
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, /cycle: orders -> customers -> orders/);
});

test('mesh build --no-publish, then tessera publish in the project, then mesh ls', () => {
  const mesh = mkdtempSync(join(tmpdir(), 'tessera-mesh-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, {
    recursive: true,
    filter: (p) => !/[\\/]target$/.test(p),
  });
  const built = cli(mesh, 'mesh', 'build', '-p', 'platform', '--no-publish', '--threads', '2');
  assert.equal(built.code, 0, built.out + built.err);
  assert.match(built.out, /== platform \(platform\) ==/);
  // Projects run at once, so every node line names its project.
  assert.match(built.out, /^\d\d:\d\d:\d\d {2}platform +\| \d+ of \d+ START /m);
  assert.match(built.out, /^\d\d:\d\d:\d\d {2}platform +\| Done\. PASS=/m);
  assert.match(built.out, /Mesh build: 1 projects: 1 passed, 0 failed, 0 skipped/);
  assert.ok(!existsSync(join(mesh, 'target', 'publications', 'platform.json')));

  // A consumer whose upstream was never published cannot be opened.
  const orphan = cli(mesh, 'mesh', 'build', '-p', 'orders');
  assert.equal(orphan.code, 1);
  assert.match(
    orphan.err,
    /orders depends on project 'platform': project 'platform' has not been published yet/,
  );

  const published = cli(join(mesh, 'platform'), 'publish');
  assert.equal(published.code, 0, published.out + published.err);
  assert.match(published.out, /src_orders {2}"mesh"\."platform"\."src_orders"/);
  assert.ok(existsSync(join(mesh, 'target', 'publications', 'platform', 'src_orders.odcs.yaml')));

  const ls = cli(mesh, 'mesh', 'ls');
  assert.equal(ls.code, 0, ls.err);
  assert.match(ls.out, /platform .* published \S+: src_customers, src_orders, src_payments/);
  assert.match(ls.out, /orders .* upstream: platform; not published/);
});
