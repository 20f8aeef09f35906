// The newer features on PostgreSQL: the shared scenarios (features-suite.ts), each project built
// into its own schema of the test server and read back through pg; then behaviour only PostgreSQL
// has (63-byte identifiers). Expected values are what dbt-core 1.11.16 + dbt-postgres 1.11.0
// produce on the same projects (snapshots checked side by side on the throwaway server).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { postgresUrl } from '../helpers/postgres.js';
import { postgresSchemaFor, projectCopy, tessera } from '../helpers/projects.js';
import { featureSuite } from './features-suite.js';

before(async () => {
  await postgresUrl();
});

const copy = (source: string, profile = 'tessera_test') =>
  projectCopy(source, profile, { adapter: 'postgres' });

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

const messages = (run: { results: { message: string | null }[] }) =>
  JSON.stringify(run.results.map((r) => r.message));

featureSuite({
  name: 'postgres',
  copy,
  query,
  schemaOf: postgresSchemaFor,
  ownSchema: (dir, name) => `${postgresSchemaFor(dir)}_${name}`,
  // The example's days_between uses DuckDB's date_diff; PostgreSQL subtracts dates.
  adaptJaffleShop: (dir) =>
    writeFileSync(
      join(dir, 'macros', 'days_between.sql'),
      '{% macro days_between(earlier, later) %}(cast({{ later }} as date) - cast({{ earlier }} as date)){% endmacro %}\n',
    ),
  contract: {
    amountType: 'numeric(10,2)',
    columns: [
      { column_name: 'id', data_type: 'integer', numeric_precision: 32, is_nullable: 'NO' },
      { column_name: 'amount', data_type: 'numeric', numeric_precision: 10, is_nullable: 'YES' },
    ],
    textType: 'text',
    integerType: 'integer',
  },
  snapshotTypes: [
    'id:integer',
    'name:text',
    'updated_at:timestamp without time zone',
    'dbt_scd_id:text',
    'dbt_updated_at:timestamp without time zone',
    'dbt_valid_from:timestamp without time zone',
    'dbt_valid_to:timestamp without time zone',
  ],
  audit: { columns: 'seq serial, step varchar, n integer', orderBy: 'seq' },
  // As dbt-postgres reports them: the server's command tag.
  tableResponse: { _message: 'SELECT 3', code: 'SELECT', rows_affected: 3 },
  viewResponse: { _message: 'CREATE VIEW', code: 'CREATE VIEW', rows_affected: -1 },
});

describe('incremental models with long names (postgres)', () => {
  test('the temp relation name is shortened to fit 63 bytes; the response is the server tag', async () => {
    const dir = copy('empty_project');
    mkdirSync(join(dir, 'models'));
    // 56 characters: `<name>__dbt_tmp` would be 65 bytes, which the server would truncate.
    const name = `events_${'x'.repeat(49)}`;
    writeFileSync(
      join(dir, 'models', `${name}.sql`),
      `{{ config(materialized='incremental', unique_key='id') }}
select n as id, n * 10 as v from generate_series(1, {{ var('upto', 3) }}) t(n)
{% if is_incremental() %}where n > (select max(id) - 1 from {{ this }}){% endif %}
`,
    );
    const first = await tessera(dir, 'run');
    assert.equal(first.exitCode, 0, messages(first));
    assert.equal(first.results[0]!.adapter_response._message, 'SELECT 3');
    const second = await tessera(dir, 'run', { vars: { upto: 5 } });
    assert.equal(second.exitCode, 0, messages(second));
    // dbt-postgres' default with a unique_key is delete+insert: rows 3, 4, 5 go in (checked on dbt).
    assert.deepEqual(second.results[0]!.adapter_response, {
      _message: 'INSERT 0 3',
      code: 'INSERT',
      rows_affected: 3,
    });
    assert.deepEqual(await query(dir, `select count(*)::int as n, sum(v)::int as v from ${name}`), [
      { n: 5, v: 150 },
    ]);
    const leftovers = await query(
      dir,
      "select tablename from pg_tables where schemaname = current_schema() and tablename like '%dbt_tmp%'",
    );
    assert.deepEqual(leftovers, []);
  });
});
