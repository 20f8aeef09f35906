// A project's own `{% materialization %}` drives the build through statement(), adapter and return().
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, query, tessera } from '../helpers/projects.js';

test('a custom materialization from the project builds the model', async () => {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'macros'));
  writeFileSync(
    join(dir, 'macros', 'snapshot_table.sql'),
    `{% materialization stamped_table, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {% call statement('drop_old') -%}
    drop table if exists {{ target_relation }}
  {%- endcall %}
  {% call statement('main') -%}
    create table {{ target_relation }} as
    select *, 'stamped' as stamp from ({{ sql }}) as model_sql
  {%- endcall %}
  {% call statement('count', fetch_result=True) -%}
    select count(*) from {{ target_relation }}
  {%- endcall %}
  {%- set n = load_result('count')['data'][0][0] -%}
  {% do log('stamped ' ~ n ~ ' rows', info=True) %}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
`,
  );
  writeFileSync(
    join(dir, 'models', 'stamped.sql'),
    "{{ config(materialized='stamped_table') }}\nselect 1 as id union all select 2\n",
  );
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 0, JSON.stringify(run.results.map((r) => r.message)));
  const rows = await query(dir, 'select id, stamp from main.stamped order by id');
  assert.deepEqual(rows, [
    { id: 1, stamp: 'stamped' },
    { id: 2, stamp: 'stamped' },
  ]);
});

test('an unknown materialization is a clear error naming it', async () => {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'odd.sql'), "{{ config(materialized='nope') }}\nselect 1 as id\n");
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 1);
  assert.match(run.results[0]!.message ?? '', /No materialization 'nope'/);
});
