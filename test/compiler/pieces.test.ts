// Small pieces of compilation: the static fast path, CTE injection, dispatch order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectCtes, type MacroEntry, MacroRegistry } from '../../src/compiler/index.js';
import { staticExtract } from '../../src/parser/index.js';

test('static extraction reads ref, source and literal config without rendering', () => {
  const r = staticExtract(
    "{{ config(materialized='table', tags=['a', 'b'], meta={'owner': 'x'}, enabled=true) }}\nselect * from {{ ref('orders') }} join {{ ref('pkg', 'm', v=2) }} join {{ source('raw', 'events') }}",
  );
  assert.deepEqual(r, {
    refs: [{ name: 'orders' }, { package: 'pkg', name: 'm', version: 2 }],
    sources: [['raw', 'events']],
    config: { materialized: 'table', tags: ['a', 'b'], meta: { owner: 'x' }, enabled: true },
  });
});

test('anything beyond ref/source/literal config falls back to rendering', () => {
  assert.equal(staticExtract('{% if x %}select 1{% endif %}'), undefined);
  assert.equal(staticExtract('select {{ my_macro() }}'), undefined);
  assert.equal(staticExtract("{{ config(materialized=var('m')) }}"), undefined);
});

test('ephemeral CTEs go after a leading with, or in a new with clause', () => {
  assert.equal(
    injectCtes('select 1', ['__dbt__cte__a as (\nselect 2\n)']),
    'with __dbt__cte__a as (\nselect 2\n)\nselect 1',
  );
  assert.equal(
    injectCtes('-- comment\nWITH x as (select 1) select * from x', ['__dbt__cte__a as (select 2)']),
    '-- comment\nWITH __dbt__cte__a as (select 2), x as (select 1) select * from x',
  );
});

test('dispatch tries the adapter then default, root project before the namespace', () => {
  const entry = (packageName: string, name: string) =>
    ({ name, packageName, uniqueId: `macro.${packageName}.${name}` }) as MacroEntry;
  const reg = new MacroRegistry('proj');
  reg.add(entry('dbt', 'default__concat'));
  reg.add(entry('dbt', 'duckdb__concat'));
  assert.equal(reg.dispatch('concat', 'dbt', ['duckdb'], 'proj')?.uniqueId, 'macro.dbt.duckdb__concat');
  assert.equal(reg.dispatch('concat', 'dbt', ['postgres'], 'proj')?.uniqueId, 'macro.dbt.default__concat');
  reg.add(entry('proj', 'default__concat'));
  assert.equal(reg.dispatch('concat', 'dbt', ['postgres'], 'proj')?.uniqueId, 'macro.proj.default__concat');
  const ordered = new MacroRegistry('proj', new Map([['dbt', ['dbt']]]));
  ordered.add(entry('dbt', 'default__concat'));
  ordered.add(entry('proj', 'default__concat'));
  assert.equal(
    ordered.dispatch('concat', 'dbt', ['postgres'], 'proj')?.uniqueId,
    'macro.dbt.default__concat',
  );
  assert.equal(reg.dispatch('missing', 'dbt', ['duckdb'], 'proj'), undefined);
});
