// `var()` as dbt-core 1.11.16 gives it: a project var holding Jinja is rendered when read, in the
// reader's context (`"{{ 1 + 1 }}"` → '2', `"{{ target.type }}"` → 'duckdb'), and a missing var
// takes `default=` given by keyword.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { openInvocation } from '../../src/app/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-var-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

test('project vars holding Jinja render when read; default= is a fallback', async () => {
  write(
    'dbt_project.yml',
    `name: vars_proj\nversion: '1.0.0'\nconfig-version: 2\nprofile: tessera_test\nvars:\n  x: "{{ 1 + 1 }}"\n  y: "{{ target.type }}"\n`,
  );
  write(
    'models/probe.sql',
    `select '{{ var("x") }}' as x, '{{ var("y") }}' as y, {{ var('x') | int + 1 }} as z, '{{ var("missing", default="fallback") }}' as m`,
  );
  write(
    'profiles.yml',
    `tessera_test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'test.duckdb')}\n      schema: main\n`,
  );
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'compile',
    partialParse: false,
  });
  const node = inv.project.nodes['model.vars_proj.probe'];
  assert.ok(node);
  const { sql } = await inv.project.compiler.compile(node as never);
  assert.equal(sql, "select '2' as x, 'duckdb' as y, 3 as z, 'fallback' as m");
});
