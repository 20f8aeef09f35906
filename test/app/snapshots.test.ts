// Snapshots against what dbt-core + dbt-duckdb produced on the same project (EXPECTED.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectCopy, query, tessera } from '../helpers/projects.js';

test('timestamp and check snapshots hold exactly the rows dbt holds after a change', async () => {
  const dir = projectCopy('snapshots');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  const first = await tessera(dir, 'snapshot');
  assert.equal(first.exitCode, 0, JSON.stringify(first.results.map((r) => r.message)));
  const second = await tessera(dir, 'build', {
    select: ['resource_type:snapshot'],
    vars: { people_seed: 'people_v2' },
  });
  assert.equal(second.exitCode, 0, JSON.stringify(second.results.map((r) => r.message)));

  const rows = await query(
    dir,
    `select id, name, updated_at::varchar as u, dbt_valid_from::varchar as f, dbt_valid_to::varchar as t, dbt_scd_id as s, dbt_updated_at::varchar as du
     from snapshots.people_by_timestamp order by id, dbt_valid_from`,
  );
  assert.equal(rows.length, 23);
  const byKey = (id: number, name: string) => rows.find((r) => r.id === id && r.name === name)!;
  assert.deepEqual(byKey(1, 'person_1'), {
    id: 1,
    name: 'person_1',
    u: '2024-01-01 10:00:00',
    f: '2024-01-01 10:00:00',
    t: null,
    s: '4f5746d2de2c81b300d78040e8c6008e',
    du: '2024-01-01 10:00:00',
  });
  assert.deepEqual(byKey(2, 'person_2'), {
    id: 2,
    name: 'person_2',
    u: '2024-01-02 10:00:00',
    f: '2024-01-02 10:00:00',
    t: '2024-02-02 12:00:00',
    s: '2b452441f297c0e2ac69f2b55000033b',
    du: '2024-01-02 10:00:00',
  });
  assert.deepEqual(byKey(2, 'person_2_renamed'), {
    id: 2,
    name: 'person_2_renamed',
    u: '2024-02-02 12:00:00',
    f: '2024-02-02 12:00:00',
    t: null,
    s: '5e656f39ec52523805ccb8ec307d1891',
    du: '2024-02-02 12:00:00',
  });
  assert.notEqual(byKey(9, 'person_9').t, null, 'a hard-deleted row is closed');
  assert.equal(byKey(20, 'person_20').s, 'e7001553c6ba698bd067795aafe0c471');
  assert.equal(rows.filter((r) => r.t === null).length, 19);

  const types = await query(
    dir,
    `select column_name, data_type from information_schema.columns where table_name = 'people_by_timestamp' order by ordinal_position`,
  );
  assert.deepEqual(
    types.map((t) => `${t.column_name}:${t.data_type}`),
    [
      'id:INTEGER',
      'name:VARCHAR',
      'updated_at:TIMESTAMP',
      'dbt_scd_id:VARCHAR',
      'dbt_updated_at:TIMESTAMP',
      'dbt_valid_from:TIMESTAMP',
      'dbt_valid_to:TIMESTAMP',
    ],
  );

  const check = await query(
    dir,
    `select id, name, dbt_valid_to is null as current from snapshots.people_by_check order by id, dbt_valid_from`,
  );
  assert.equal(check.length, 23);
  assert.deepEqual(
    check.filter((r) => !r.current).map((r) => `${r.id}:${r.name}`),
    ['2:person_2', '5:person_5', '7:person_7'],
  );
  assert.ok(
    check.some((r) => r.id === 9 && r.current),
    'check snapshot ignores hard deletes by default',
  );
});
