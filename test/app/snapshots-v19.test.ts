// dbt 1.9 snapshots (YAML-defined, hard_deletes new_record, meta column names,
// dbt_valid_to_current, composite keys, check_cols all) against what dbt-core + dbt-duckdb produced
// on the same project: test/fixtures/projects/snapshots_v19/EXPECTED.md.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, query, tessera } from '../helpers/projects.js';

type Row = Record<string, unknown>;

async function snapshotWith(dir: string, seed: string): Promise<void> {
  const run = await tessera(dir, 'snapshot', { vars: { items_seed: seed } });
  assert.equal(run.exitCode, 0, JSON.stringify(run.results.map((r) => r.message)));
}

async function columnsOf(dir: string, schema: string, table: string): Promise<string[]> {
  const rows = await query(
    dir,
    `select column_name, data_type from information_schema.columns
     where table_schema = '${schema}' and table_name = '${table}' order by ordinal_position`,
  );
  return rows.map((r) => `${r.column_name}:${r.data_type}`);
}

const SOURCE_COLUMNS = ['store:VARCHAR', 'sku:INTEGER', 'qty:INTEGER', 'updated_at:TIMESTAMP'];

test('dbt 1.9 snapshots hold the rows dbt holds through a change, a deletion and a return', async () => {
  const dir = projectCopy('snapshots_v19');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  await snapshotWith(dir, 'items');
  await snapshotWith(dir, 'items_v2');
  await snapshotWith(dir, 'items_v3');

  // SQL snapshot, composite key, timestamp strategy, hard_deletes: new_record from its YAML entry.
  assert.deepEqual(await columnsOf(dir, 'main', 'items_sql'), [
    ...SOURCE_COLUMNS,
    'dbt_scd_id:VARCHAR',
    'dbt_updated_at:TIMESTAMP',
    'dbt_valid_from:TIMESTAMP',
    'dbt_valid_to:TIMESTAMP',
    'dbt_is_deleted:VARCHAR',
  ]);
  const sql = await query(
    dir,
    `select store, sku, qty, dbt_scd_id as scd, dbt_valid_from::varchar as f, dbt_valid_to::varchar as t,
            dbt_updated_at::varchar as u, dbt_is_deleted as d
     from main.items_sql order by store, sku, dbt_valid_from`,
  );
  const fixed = (r: Row) => `${r.store}${r.sku}:${r.qty}:${r.f}:${r.t}:${r.d}:${r.scd}`;
  assert.deepEqual(sql.filter((r) => !(r.store === 'b' && r.sku === 1)).map(fixed), [
    'a1:10:2024-01-01 00:00:00:null:False:c91a0a4ef5bfb491b11a871c7a081fa1',
    'a2:5:2024-01-01 00:00:00:2024-02-01 00:00:00:False:212c99d2707d58b9ecce2a3d3b056df6',
    'a2:6:2024-02-01 00:00:00:null:False:143198f47e5c9abc757039c3d3a367e2',
    'b2:3:2024-01-01 00:00:00:null:False:940d190e2a681d7303158ae6f905bf71',
    'c1:1:2024-02-01 00:00:00:null:False:252e13ad88844f7f1df3a6b5d5542872',
  ]);
  // b/1: deleted in v2 (old row closed at the snapshot time, a deletion record opened then), back
  // in v3 (the deletion record is closed at the returning row's updated_at, a new row opened).
  // Ordered by dbt_valid_from: the returning row's 2024-03-01 sorts before the deletion's time.
  const [original, back, deletion] = sql.filter((r) => r.store === 'b' && r.sku === 1);
  assert.equal(fixed(back!), 'b1:8:2024-03-01 00:00:00:null:False:b5dc82d5dd69335a7ac23185242d137c');
  assert.equal(original!.scd, 'd9395cebf823c4192e9c7731ba5913c1');
  assert.equal(original!.d, 'False');
  assert.equal(original!.t, deletion!.f, 'the old row closes when the deletion record opens');
  assert.deepEqual(
    { qty: deletion!.qty, d: deletion!.d, t: deletion!.t, u: deletion!.u === deletion!.f },
    { qty: 7, d: 'True', t: '2024-03-01 00:00:00', u: true },
  );
  const [{ scd: expectedScd }] = (await query(
    dir,
    `select md5('d9395cebf823c4192e9c7731ba5913c1|' || '${deletion!.f}'::timestamp::varchar) as scd`,
  )) as [Row];
  assert.equal(deletion!.scd, expectedScd, 'deletion record: md5(old scd id | snapshot time)');

  // YAML-defined snapshot, no target_schema: schema `snaps` through generate_schema_name.
  assert.deepEqual(await columnsOf(dir, 'main_snaps', 'items_yaml'), [
    ...SOURCE_COLUMNS,
    'dbt_scd_id:VARCHAR',
    'dbt_updated_at:TIMESTAMP',
    'dbt_valid_from:TIMESTAMP',
    'dbt_valid_to:TIMESTAMP',
  ]);
  const yaml = await query(
    dir,
    `select store || sku || ':' || qty as k, dbt_valid_to is null as current, dbt_scd_id as scd
     from main_snaps.items_yaml order by store, sku, dbt_valid_from`,
  );
  assert.deepEqual(
    yaml.map((r) => `${r.k}:${r.current}`),
    ['a1:10:true', 'a2:5:false', 'a2:6:true', 'b1:7:false', 'b1:8:true', 'b2:3:true', 'c1:1:true'],
  );
  assert.equal(yaml[0]!.scd, 'c91a0a4ef5bfb491b11a871c7a081fa1');

  // check_cols: all + renamed meta columns + dbt_valid_to_current + new_record.
  assert.deepEqual(await columnsOf(dir, 'main', 'items_check_all'), [
    ...SOURCE_COLUMNS,
    'scd_id:VARCHAR',
    'changed_at:TIMESTAMP',
    'valid_from:TIMESTAMP',
    'valid_to:TIMESTAMP',
    'is_deleted:VARCHAR',
  ]);
  const check = await query(
    dir,
    `select store || sku || ':' || qty as k, valid_to::varchar as t, is_deleted as d,
            scd_id = md5(store || '|' || sku || '|' || valid_from::varchar) as scd_ok
     from main.items_check_all order by store, sku, valid_from`,
  );
  const open = '9999-12-31 00:00:00';
  assert.deepEqual(
    check.map((r) => `${r.k}:${r.t === open ? 'current' : 'closed'}:${r.d}`),
    [
      'a1:10:current:False',
      'a2:5:closed:False',
      'a2:6:current:False',
      'b1:7:closed:False',
      'b1:7:closed:True',
      'b1:8:current:False',
      'b2:3:current:False',
      'c1:1:current:False',
    ],
  );
  assert.ok(
    check.filter((r) => r.d === 'False').every((r) => r.scd_ok),
    'check strategy: md5(keys | snapshot time)',
  );
  assert.equal(
    check.filter((r) => r.t === null).length,
    0,
    'current rows carry dbt_valid_to_current, not null',
  );
});

test('a key deleted again gets one deletion record, not one per run', async () => {
  const dir = projectCopy('snapshots_v19');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  for (const seed of ['items', 'items_v2', 'items_v3', 'items_v2', 'items_v2']) await snapshotWith(dir, seed);
  const counts = await query(
    dir,
    `select (select count(*) from main.items_sql)::int as sql_rows,
            (select count(*) from main_snaps.items_yaml)::int as yaml_rows,
            (select count(*) from main.items_check_all)::int as check_rows`,
  );
  assert.deepEqual(counts, [{ sql_rows: 9, yaml_rows: 7, check_rows: 9 }]);
  const b1 = await query(
    dir,
    `select qty, dbt_valid_to is null as current, dbt_is_deleted as d
     from main.items_sql where store = 'b' and sku = 1 order by dbt_valid_from`,
  );
  assert.deepEqual(
    b1.filter((r) => r.current),
    [{ qty: 8, current: true, d: 'True' }],
  );
});

test('YAML-defined snapshots are nodes shaped as dbt shapes them', async () => {
  const dir = projectCopy('snapshots_v19');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  await snapshotWith(dir, 'items');
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  const yaml = manifest.nodes['snapshot.snapshots_v19.items_yaml'];
  assert.deepEqual(
    {
      raw_code: yaml.raw_code,
      original_file_path: yaml.original_file_path,
      path: yaml.path,
      fqn: yaml.fqn,
      description: yaml.description,
      schema: yaml.schema,
      depends_on: yaml.depends_on.nodes,
      strategy: yaml.config.strategy,
      unique_key: yaml.config.unique_key,
      hard_deletes: yaml.config.hard_deletes,
    },
    {
      raw_code: "select * from {{ source('raw', 'items') }}",
      original_file_path: 'snapshots/properties.yml',
      path: 'properties.yml/items_yaml.sql',
      fqn: ['snapshots_v19', 'items_yaml'],
      description: 'A YAML-defined snapshot.',
      schema: 'main_snaps',
      depends_on: ['source.snapshots_v19.raw.items'],
      strategy: 'timestamp',
      unique_key: ['store', 'sku'],
      hard_deletes: 'invalidate',
    },
  );
  const sql = manifest.nodes['snapshot.snapshots_v19.items_sql'];
  assert.equal(sql.description, 'Items by timestamp, deletions as new records.');
  assert.deepEqual(Object.keys(sql.columns), ['qty']);
  assert.equal(sql.patch_path, 'snapshots_v19://snapshots/properties.yml');
  assert.equal(sql.config.hard_deletes, 'new_record', 'config from the properties entry');
  assert.equal(sql.checksum.checksum, '798e6624a3f91ad6c21da7520e0487c8d4b00f5d3276dffb8fdc093419b46fdd');
  const check = manifest.nodes['snapshot.snapshots_v19.items_check_all'];
  assert.equal(check.config.snapshot_meta_column_names.dbt_valid_to, 'valid_to');
  assert.equal(check.config.dbt_valid_to_current, "cast('9999-12-31' as timestamp)");

  // A changed properties file reaches both kinds through the partial parse.
  const props = join(dir, 'snapshots', 'properties.yml');
  writeFileSync(
    props,
    readFileSync(props, 'utf8')
      .replace('A YAML-defined snapshot.', 'Renamed YAML.')
      .replace('Items by timestamp, deletions as new records.', 'Renamed SQL.'),
  );
  await snapshotWith(dir, 'items');
  const after = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  assert.equal(after.nodes['snapshot.snapshots_v19.items_yaml'].description, 'Renamed YAML.');
  assert.equal(after.nodes['snapshot.snapshots_v19.items_sql'].description, 'Renamed SQL.');
});

test('a column new to the query is added; under check_cols all every row gets a new version', async () => {
  const dir = projectCopy('snapshots_v19');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  await snapshotWith(dir, 'items');
  await snapshotWith(dir, 'items_v4');
  assert.deepEqual((await columnsOf(dir, 'main', 'items_sql')).slice(-2), [
    'dbt_is_deleted:VARCHAR',
    'color:VARCHAR',
  ]);
  const sql = await query(
    dir,
    `select store || sku || ':' || qty as k, color, dbt_valid_to is null as current, dbt_is_deleted as d
     from main.items_sql order by store, sku, dbt_valid_from`,
  );
  assert.deepEqual(
    sql.map((r) => `${r.k}:${r.color}:${r.current}:${r.d}`),
    [
      'a1:10:null:true:False',
      'a2:5:null:false:False',
      'a2:6:blue:true:False',
      'b1:7:null:false:False',
      'b1:7:null:true:True',
      'b2:3:null:true:False',
      'c1:1:null:true:False',
    ],
  );
  const check = await query(
    dir,
    `select store || sku || ':' || qty as k, color, valid_to = cast('9999-12-31' as timestamp) as current, is_deleted as d
     from main.items_check_all order by store, sku, valid_from`,
  );
  assert.deepEqual(
    check.map((r) => `${r.k}:${r.color}:${r.current}:${r.d}`),
    [
      'a1:10:null:false:False',
      'a1:10:red:true:False',
      'a2:5:null:false:False',
      'a2:6:blue:true:False',
      'b1:7:null:false:False',
      'b1:7:null:true:True',
      'b2:3:null:false:False',
      'b2:3:null:true:False',
      'c1:1:null:true:False',
    ],
  );
});

test('a table missing a configured meta column, or an unknown hard_deletes, is an error as in dbt', async () => {
  const dir = projectCopy('snapshots_v19');
  assert.equal((await tessera(dir, 'seed')).exitCode, 0);
  await snapshotWith(dir, 'items');
  const props = join(dir, 'snapshots', 'properties.yml');
  const original = readFileSync(props, 'utf8');
  writeFileSync(props, original.replace('hard_deletes: invalidate', 'hard_deletes: new_record'));
  const run = await tessera(dir, 'snapshot', { select: ['items_yaml'] });
  assert.equal(run.exitCode, 1);
  assert.match(String(run.results[0]?.message), /dbt_is_deleted/);

  // dbt: "Invalid setting for property hard_deletes."
  writeFileSync(props, original.replace('hard_deletes: invalidate', 'hard_deletes: bogus'));
  const bogus = await tessera(dir, 'snapshot', { select: ['items_yaml'] });
  assert.equal(bogus.exitCode, 1);
  assert.match(String(bogus.results[0]?.message), /hard_deletes must be .* got 'bogus'/);
});
