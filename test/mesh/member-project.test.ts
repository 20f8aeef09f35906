// A consumer project inside a mesh builds on its own: its upstream data products come from the
// mesh's publications, so `tessera build` in `finance/` works like `tessera mesh build -p finance`.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openMesh, openProject, runCommand, runMesh } from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { EXAMPLES } from '../helpers/projects.js';

test('a mesh member opened as a single project sees its upstream products', async () => {
  const mesh = mkdtempSync(join(tmpdir(), 'tessera-member-'));
  cpSync(join(EXAMPLES, 'jaffle_mesh'), mesh, { recursive: true, filter: (p) => !p.endsWith('/target') });
  rmSync(join(mesh, 'target'), { recursive: true, force: true });
  const { workspace, order } = await openMesh(mesh);
  const first = await runMesh(workspace, order, { command: 'build', events: () => new EventBus() });
  assert.deepEqual(
    first.projects.map((p) => p.status),
    ['success', 'success', 'success', 'success'],
  );

  const inv = await openProject({ projectDir: join(mesh, 'finance'), command: 'build' });
  const upstream = Object.values(inv.project.nodes).filter((n) => n.package_name !== 'finance');
  assert.ok(upstream.length > 0, 'upstream products are present as external nodes');
  const outcome = await runCommand(inv, { command: 'build', events: new EventBus() });
  assert.equal(outcome.exitCode, 0, JSON.stringify(outcome.results.map((r) => r.message)));
  assert.ok(
    outcome.results.every((r) => inv.project.nodes[r.unique_id]?.package_name === 'finance'),
    'only finance nodes are built',
  );
});
