import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment, Kwargs } from '../../../src/jinja/index.js';

const DBT_TAGS = {
  test: 'signature',
  materialization: 'name-and-args',
  snapshot: 'name-and-args',
  docs: 'name-and-args',
} as const;

const SOURCE = `before
{% test not_null(model, column_name) %}
select * from {{ model }} where {{ column_name }} is null{{ suffix() }}
{% endtest %}
{% macro suffix() %};{% endmacro %}
{% materialization table, default %}create table {{ this }}{% endmaterialization %}
{% materialization incremental, adapter='duckdb', supported_languages=['sql', 'python'] %}inc{% endmaterialization %}
{% snapshot orders_snapshot %}{{ config(strategy='check') }}select 1{% endsnapshot %}
{% docs orders %}The **orders** table.{% enddocs %}
after`;

test('custom definition tags output nothing where they stand and are listed as definitions', async () => {
  const env = new Environment({ blockTags: DBT_TAGS });
  const tpl = env.fromString(SOURCE, 'macros/all.sql');
  assert.equal(await tpl.render({}), 'before\n\n\n\n\n\n\nafter');
  const summary = tpl.definitions.map((d) => [d.tag, d.name, d.params, d.headerArgs, d.headerKwargs, d.line]);
  assert.deepEqual(summary, [
    ['test', 'not_null', ['model', 'column_name'], [], {}, 2],
    ['macro', 'suffix', [], [], {}, 5],
    ['materialization', 'table', [], ['default'], {}, 6],
    [
      'materialization',
      'incremental',
      [],
      [],
      { adapter: 'duckdb', supported_languages: ['sql', 'python'] },
      7,
    ],
    ['snapshot', 'orders_snapshot', [], [], {}, 8],
    ['docs', 'orders', [], [], {}, 9],
  ]);
});

test('bind() makes a definition callable against globals; siblings resolve in the module first', async () => {
  const env = new Environment({ blockTags: DBT_TAGS });
  const tpl = env.fromString(SOURCE, 'macros/all.sql');
  const notNull = tpl.bind('not_null', { suffix: () => 'host suffix loses' });
  assert.equal(
    await notNull('orders', new Kwargs({ column_name: 'id' })),
    '\nselect * from orders where id is null;\n',
  );
  const table = tpl.definitions.find((d) => d.name === 'table')!;
  assert.equal(await tpl.bind(table, { this: 'main.t' })(), 'create table main.t');
  const configs: unknown[] = [];
  const config = (kw: Kwargs) => {
    configs.push(kw.values);
    return '';
  };
  const snap = tpl.bind('orders_snapshot', { config });
  assert.equal(await snap(), 'select 1');
  assert.deepEqual(configs, [{ strategy: 'check' }]);
  assert.equal(await tpl.bind('orders', {})(), 'The **orders** table.');
});

test('binding is cached per globals object and does not re-parse', async () => {
  const env = new Environment({ blockTags: DBT_TAGS });
  const tpl = env.fromString(SOURCE, 'macros/all.sql');
  const g = {};
  assert.equal(tpl.bind('suffix', g), tpl.bind('suffix', g));
  assert.notEqual(tpl.bind('suffix', g), tpl.bind('suffix', {}));
  assert.equal(env.fromString(SOURCE, 'macros/all.sql'), tpl);
  assert.notEqual(env.fromString(SOURCE, 'other.sql'), tpl);
  assert.throws(() => tpl.bind('nope', g), /no definition named 'nope'/);
});

test('a macro sees its module and the globals, never the caller’s locals', async () => {
  const env = new Environment();
  const lib = env.fromString(
    '{% set greeting = "hi" %}{% macro greet(n) %}{{ greeting }} {{ n }}{{ secret }}{% endmacro %}',
    'lib.sql',
  );
  const mod = await lib.module({ secret: '!' });
  assert.deepEqual(Object.keys(mod).sort(), ['greet', 'greeting']);
  assert.equal(await (mod.greet as (n: string) => Promise<string>)('bob'), 'hi bob!');
  const out = await env.renderString(
    '{% macro show() %}[{{ local_only }}]{% endmacro %}{% for i in [1] %}{% set local_only = 1 %}{{ show() }}{% endfor %}',
  );
  assert.equal(out, '[]');
});

test('import and from-import between templates of one loader; underscore names stay private', async () => {
  const files: Record<string, string> = {
    'lib.sql': '{% set _hidden = 1 %}{% set shown = 2 %}{% macro m(x) %}<{{ x }}>{% endmacro %}',
  };
  const env = new Environment({ loader: (n) => files[n] });
  const out = await env.renderString(
    '{% import "lib.sql" as lib %}{% from "lib.sql" import m as mm, shown %}' +
      '{{ lib.m(1) }}{{ mm(2) }}{{ shown }}{{ lib._hidden is defined }}',
  );
  assert.equal(out, '<1><2>2False');
});

test('an async loader is awaited and its templates are cached', async () => {
  let loads = 0;
  const env = new Environment({
    loader: async (n) => {
      loads++;
      return n === 'part.sql' ? 'part({{ x }})' : undefined;
    },
  });
  const src = '{% include "part.sql" %}{% include "part.sql" %}';
  assert.equal(await env.renderString(src, { x: 1 }), 'part(1)part(1)');
  assert.equal(await env.getTemplate('part.sql'), await env.getTemplate('part.sql'));
  assert.equal(loads, 1);
  await assert.rejects(env.getTemplate('missing.sql'), /template not found: missing.sql/);
});

test('include passes the current locals with context, none without', async () => {
  const env = new Environment({ loader: (n) => (n === 'p' ? '{{ a }}{{ b }}' : undefined) });
  const src =
    '{% set a = 1 %}{% for b in [2] %}{% include "p" %}|{% include "p" without context %}{% endfor %}';
  assert.equal(await env.renderString(src, {}), '12|');
});

test('bound macros see top-level sets: the top level runs once per globals object', async () => {
  const env = new Environment();
  let runs = 0;
  const tpl = env.fromString(
    '{% set prefix = tick() %}{% macro m(x) %}{{ prefix }}{{ x }}{% endmacro %}{% macro n() %}{{ m("n") }}{% endmacro %}',
  );
  const globals = { tick: () => `p${++runs}_` };
  assert.equal(await tpl.bind('m', globals)('a'), 'p1_a');
  assert.equal(await tpl.bind('n', globals)(), 'p1_n');
  assert.equal(runs, 1);
  assert.equal(await tpl.bind('m', { tick: () => 'other_' })('b'), 'other_b');
});
