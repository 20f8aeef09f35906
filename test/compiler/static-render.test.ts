// The compile fast path (splicing templates without tags) must print exactly what the engine prints.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileNodes, connect, openInvocation } from '../../src/app/index.js';
import type { CompilableNode } from '../../src/compiler/index.js';
import { liftStringLiterals, splitStatic } from '../../src/compiler/static-render.js';
import { projectCopy } from '../helpers/projects.js';

test('templates without tags split into text, refs, sources and expressions', () => {
  const parts = splitStatic("select {{ ref('a') }}, {{ source('s', 't') }}, {{ m('x', 1) }}\n", false);
  assert.deepEqual(parts, [
    { kind: 'text', text: 'select ' },
    { kind: 'ref', call: { name: 'a' } },
    { kind: 'text', text: ', ' },
    { kind: 'source', sourceName: 's', tableName: 't' },
    { kind: 'text', text: ', ' },
    { kind: 'expression', expression: 'm(__tessera_lit_0, 1)', literals: { __tessera_lit_0: 'x' } },
  ]);
  assert.deepEqual(splitStatic("{{ ref('p', 'm', v=2) }}", false), [
    { kind: 'ref', call: { package: 'p', name: 'm', version: 2 } },
  ]);
  assert.deepEqual(splitStatic('a\r\nb\n', true), [{ kind: 'text', text: 'a\nb\n' }]);
});

test('tags, comments, whitespace control and stray braces are left to the engine', () => {
  assert.equal(splitStatic('{% if x %}1{% endif %}', false), undefined);
  assert.equal(splitStatic('{# note #} select 1', false), undefined);
  assert.equal(splitStatic("select {{- ref('a') }}", false), undefined);
  assert.equal(splitStatic("select {{ ref('a') -}}", false), undefined);
  assert.equal(splitStatic('select {{ 1 }} {{', false), undefined);
});

test('string literals lift into names unless escaped, adjacent or glued to a name', () => {
  assert.deepEqual(liftStringLiterals(`f(ref('a'), "b")`), {
    text: 'f(ref(__tessera_lit_0), __tessera_lit_1)',
    values: ['a', 'b'],
  });
  assert.equal(liftStringLiterals(`'a' 'b'`), undefined);
  assert.equal(liftStringLiterals(`'a\\'b'`), undefined);
  assert.equal(liftStringLiterals(`x'a'`), undefined);
  assert.equal(liftStringLiterals(`'unterminated`), undefined);
});

const MODELS: Record<string, string> = {
  base: "{{ config(materialized='table', tags=['t']) }}\nselect 1 as id, 'A ' as category\n",
  plain: "select * from {{ ref('base') }}\n\n",
  with_macro:
    "select {{ shout('category') }} as c, {{ add_one(ref('base').identifier ~ '.id') }} as n from {{ ref('base') }}",
  with_var: "select {{ var('v', 'fallback') }} as v, '{{ \"quoted\" }}' as q from {{ ref('base') }}",
  with_source: "select * from {{ source('raw', 'events') }}",
  crlf: "select *\r\nfrom {{ ref('base') }}\r\n",
  ephemeral_user: "select * from {{ ref('eph') }}",
  eph: "{{ config(materialized='ephemeral') }}select 2 as id",
};

test('compile prints what the engine prints for every model, tests included', async () => {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'macros'));
  for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
  writeFileSync(
    join(dir, 'macros', 'helpers.sql'),
    '{% macro shout(c) %}upper({{ c }}){% endmacro %}\n{% macro add_one(x) %}({{ x }} + 1){% endmacro %}\n',
  );
  writeFileSync(
    join(dir, 'models', 'schema.yml'),
    'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: events\nmodels:\n  - name: plain\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n',
  );
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'compile',
    env: { ...process.env },
  });
  const compiled = new Map((await compileNodes(inv, {})).map((c) => [c.uniqueId, c.sql]));
  const { adapter, compiler } = await connect(inv);
  try {
    let checked = 0;
    for (const [id, sql] of compiled) {
      const node = inv.project.nodes[id] as unknown as CompilableNode;
      if (id.endsWith('ephemeral_user') || node.test_metadata) continue;
      const byEngine = await compiler.renderString(node, node.raw_code ?? '', node.original_file_path);
      assert.equal(sql, byEngine, id);
      checked++;
    }
    assert.equal(checked, 7);
    assert.match(compiled.get('model.empty_project.ephemeral_user')!, /^with __dbt__cte__eph as \(/);
    assert.equal(
      compiled.get('model.empty_project.with_macro'),
      `select upper(category) as c, (base.id + 1) as n from "test"."main"."base"`,
    );
    const tests = [...compiled].filter(([id]) => id.startsWith('test.')).map(([, sql]) => sql);
    assert.equal(tests.length, 2);
    for (const sql of tests) assert.match(sql, /"test"\."main"\."plain"/);
  } finally {
    await adapter.close();
  }
});
