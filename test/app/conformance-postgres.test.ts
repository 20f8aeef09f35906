// Whole-project conformance on PostgreSQL: the shared scenarios (conformance-suite.ts) on the same
// fixture projects, each built into its own schema of the test server and read back through pg;
// then behaviour only PostgreSQL has (constraints enforced, grants).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { postgresUrl, queryPostgres, uniqueName } from '../helpers/postgres.js';
import { postgresSchemaFor, projectCopy, tessera } from '../helpers/projects.js';
import { conformanceSuite } from './conformance-suite.js';

before(async () => {
  await postgresUrl();
});

const copy = (fixture: string) => projectCopy(fixture, 'tessera_test', { adapter: 'postgres' });

/** Runs `sql` with the project's schema first on the search path; rows as objects. */
async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: process.env.TESSERA_PG_URL });
  await client.connect();
  try {
    await client.query(`set search_path to "${postgresSchemaFor(dir)}"`);
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

conformanceSuite({
  name: 'postgres',
  copy,
  query,
  seedTypes: ['id:integer', 'name:text', 'score:integer', 'created_on:date'],
});

describe('postgres-only behaviour, end to end', () => {
  test('contracts, grants, hooks and on_schema_change on PostgreSQL', async () => {
    const dir = copy('empty_project');
    const schema = postgresSchemaFor(dir);
    const reader = uniqueName('reader');
    await queryPostgres(process.env.TESSERA_PG_URL!, `create role ${reader}`);
    mkdirSync(join(dir, 'seeds'));
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'seeds', 'people.csv'), 'id,name,score\n1,a,10\n2,b,7\n3,c,4\n');
    writeFileSync(
      join(dir, 'models', 'contracted.sql'),
      "{{ config(materialized='table', post_hook='create table if not exists {{ this.schema }}.hooked as select 1 as ran') }}\nselect id, name, score / 2 as half from {{ ref('people') }}\n",
    );
    writeFileSync(
      join(dir, 'models', 'schema.yml'),
      [
        'version: 2',
        'models:',
        '  - name: contracted',
        '    config:',
        '      contract: {enforced: true}',
        `      grants: {select: [${reader}]}`,
        '    columns:',
        '      - name: id',
        '        data_type: integer',
        '        constraints: [{type: not_null}, {type: primary_key}]',
        '      - name: name',
        '        data_type: text',
        '      - name: half',
        '        data_type: integer',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'models', 'growing.sql'),
      "{{ config(materialized='incremental', unique_key='id', on_schema_change='sync_all_columns') }}\n" +
        "select id, {{ var('score_expr', 'score') }} as score from {{ ref('people') }}\n",
    );
    const build = await tessera(dir, 'build');
    assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
    // Integer division, as PostgreSQL does it (DuckDB's / would give 3.5).
    assert.deepEqual(
      (await query(dir, 'select id, half from contracted order by id')).map((r) => [r.id, r.half]),
      [
        [1, 5],
        [2, 3],
        [3, 2],
      ],
    );
    const keys = await query(
      dir,
      `select count(*) as n from information_schema.table_constraints
       where table_schema = current_schema() and table_name = 'contracted' and constraint_type = 'PRIMARY KEY'`,
    );
    assert.equal(Number(keys[0]!.n), 1);
    const grants = await query(
      dir,
      `select privilege_type from information_schema.role_table_grants
       where table_schema = current_schema() and table_name = 'contracted' and grantee = '${reader}'`,
    );
    assert.deepEqual(grants, [{ privilege_type: 'SELECT' }]);
    assert.deepEqual(await query(dir, 'select ran from hooked'), [{ ran: 1 }]);

    const retyped = await tessera(dir, 'run', {
      select: ['growing'],
      vars: { score_expr: "score::text || '!'" },
    });
    assert.equal(retyped.exitCode, 0, JSON.stringify(retyped.results.map((r) => r.message)));
    const columns = await query(
      dir,
      `select data_type from information_schema.columns
       where table_schema = '${schema}' and table_name = 'growing' and column_name = 'score'`,
    );
    assert.deepEqual(columns, [{ data_type: 'text' }]);
    assert.deepEqual(
      (await query(dir, 'select score from growing order by id')).map((r) => r.score),
      ['10!', '7!', '4!'],
    );
  });
});
