// `depends_on.macros` of a model: the macros its own SQL and hooks call at parse time, in call
// order (arguments before the call), not those called from inside a macro nor under
// `{% if execute %}`. dbt-core 1.11.16 on this project: `calls` → type_int, outer_m,
// type_boolean, plain_text, in_hook; `static_only` → plain_text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { openInvocation } from '../../src/app/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-macro-deps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

test('a model depends on the macros its SQL and hooks call directly', async () => {
  write('dbt_project.yml', "name: macro_deps\nversion: '1.0.0'\nconfig-version: 2\nprofile: tessera_test\n");
  write(
    'macros/m.sql',
    [
      '{% macro outer_m(x) %}{{ inner_m() }} + {{ x }}{% endmacro %}',
      '{% macro inner_m() %}1{% endmacro %}',
      '{% macro only_at_run() %}2{% endmacro %}',
      '{% macro in_hook() %}select 1{% endmacro %}',
      '{% macro plain_text() %}3{% endmacro %}',
    ].join('\n'),
  );
  write(
    'models/calls.sql',
    '{{ config(post_hook="{{ in_hook() }}") }}\n' +
      'select {{ outer_m(dbt.type_int()) }} as a, cast(1 as {{ dbt.type_boolean() }}) as b, {{ plain_text() }} as c\n' +
      '{% if execute %}, {{ only_at_run() }} as d{% endif %}\n',
  );
  write('models/static_only.sql', 'select {{ plain_text() }} as c\n');
  write(
    'profiles.yml',
    `tessera_test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'test.duckdb')}\n      schema: main\n`,
  );
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'ls',
    partialParse: false,
    env: { ...process.env },
  });
  assert.deepEqual(inv.project.nodes['model.macro_deps.calls']?.depends_on.macros, [
    'macro.dbt.type_int',
    'macro.macro_deps.outer_m',
    'macro.dbt.type_boolean',
    'macro.macro_deps.plain_text',
    'macro.macro_deps.in_hook',
  ]);
  assert.deepEqual(inv.project.nodes['model.macro_deps.static_only']?.depends_on.macros, [
    'macro.macro_deps.plain_text',
  ]);
});
