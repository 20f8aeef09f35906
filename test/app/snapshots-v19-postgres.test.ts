// The dbt 1.9 snapshot scenario of snapshots-v19.test.ts on PostgreSQL: same rows as on DuckDB
// (and as dbt-core holds, see test/fixtures/projects/snapshots_v19/EXPECTED.md).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { postgresUrl, queryPostgres } from '../helpers/postgres.js';
import { postgresSchemaFor, projectCopy, tessera } from '../helpers/projects.js';

let url = '';
before(async () => {
  url = await postgresUrl();
});

test('new_record, check_cols all, a YAML snapshot and a new column on PostgreSQL', async () => {
  const dir = projectCopy('snapshots_v19', 'tessera_test', { adapter: 'postgres' });
  const schema = postgresSchemaFor(dir);
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  for (const seed of ['items', 'items_v2', 'items_v3', 'items_v2', 'items_v2', 'items_v4']) {
    const run = await tessera(dir, 'snapshot', { vars: { items_seed: seed } });
    assert.equal(run.exitCode, 0, JSON.stringify(run.results.map((r) => r.message)));
  }
  const versions = async (table: string, current: string, deleted: string) =>
    (
      await queryPostgres(
        url,
        `select store || sku || ':' || qty || ':' || coalesce(color, '-') || ':' || (${current}) || ':' || ${deleted} as v
         from ${table}`,
      )
    )
      .map((r) => String(r.v))
      .sort();
  // Versions as `<store><sku>:<qty>:<color>:<current>:<deleted>`, sorted.
  assert.deepEqual(await versions(`${schema}.items_sql`, 'dbt_valid_to is null', 'dbt_is_deleted'), [
    'a1:10:-:true:False',
    'a2:5:-:false:False',
    'a2:6:-:false:False',
    'a2:6:blue:true:False',
    'b1:7:-:false:False',
    'b1:7:-:false:True',
    'b1:8:-:false:False',
    'b1:8:-:true:True',
    'b2:3:-:true:False',
    'c1:1:-:true:False',
  ]);
  assert.deepEqual(await versions(`${schema}_snaps.items_yaml`, 'dbt_valid_to is null', "'-'"), [
    'a1:10:-:true:-',
    'a2:5:-:false:-',
    'a2:6:-:false:-',
    'a2:6:blue:true:-',
    'b1:7:-:false:-',
    'b1:8:-:false:-',
    'b2:3:-:true:-',
    'c1:1:-:true:-',
  ]);
  assert.deepEqual(
    await versions(`${schema}.items_check_all`, "valid_to = timestamp '9999-12-31'", 'is_deleted'),
    [
      'a1:10:-:false:False',
      'a1:10:red:true:False',
      'a2:5:-:false:False',
      'a2:6:-:false:False',
      'a2:6:blue:true:False',
      'b1:7:-:false:False',
      'b1:7:-:false:True',
      'b1:8:-:false:False',
      'b1:8:-:true:True',
      'b2:3:-:false:False',
      'b2:3:-:true:False',
      'c1:1:-:false:False',
      'c1:1:-:true:False',
    ],
  );
});
