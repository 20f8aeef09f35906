import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Adapter, AdapterError, createAdapter, toDbtAdapterResponse } from '../../src/adapters/index.js';
import { PostgresDialect } from '../../src/adapters/postgres/index.js';
import { createDatabase, postgresUrl, profileKeys, queryPostgres, uniqueName } from '../helpers/postgres.js';
import { runAdapterConformance } from './conformance.js';

/** One fresh database for this file, made on first use. */
let databaseUrl: Promise<string> | undefined;
const freshDatabase = () => {
  databaseUrl ??= postgresUrl().then((url) => createDatabase(url));
  return databaseUrl;
};

async function openAdapter(threads = 1, extra: Record<string, unknown> = {}): Promise<Adapter> {
  const keys = profileKeys(await freshDatabase());
  const adapter = await createAdapter({ type: 'postgres', ...keys, schema: 'public', threads, ...extra });
  await adapter.open();
  return adapter;
}

runAdapterConformance({
  name: 'postgres',
  create: (threads) => openAdapter(threads),
  longRunningQuery: 'select pg_sleep(30)',
});

describe('postgres adapter specifics', () => {
  let adapter: Adapter;
  let schema: string;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-test-'));
  before(async () => {
    adapter = await openAdapter(4);
    schema = uniqueName('specifics');
    await adapter.execute(adapter.dialect.createSchema(undefined, schema));
  });
  after(async () => {
    await adapter?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const rel = (identifier: string, type?: 'table' | 'view') =>
    adapter.relation({ schema, identifier, ...(type ? { type } : {}) });

  test('target.database is dbname; relations render fully quoted', async () => {
    const keys = profileKeys(await freshDatabase());
    assert.equal(adapter.defaultDatabase, keys.dbname);
    assert.equal(adapter.defaultSchema, 'public');
    assert.equal(adapter.relation({ identifier: 'Orders' }).render(), `"${keys.dbname}"."public"."Orders"`);
    const result = await adapter.execute('select current_database()');
    assert.deepEqual(result.rows, [[keys.dbname]]);
    // MERGE exactly when the server has it (15+).
    const version = Number(
      (await adapter.execute("select current_setting('server_version_num')")).rows[0]![0],
    );
    const merge = adapter.dialect.merge(rel('a'), rel('b'), ['id'], ['id'])[0]!;
    assert.equal(merge.startsWith('merge into'), version >= 150000);
  });

  test('values: bigint, numeric, dates and timestamps as our DuckDB adapter gives them', async () => {
    const result = await adapter.execute(
      `select 10000000000::bigint as big, 9223372036854775807::bigint as huge, 1.25::numeric(10,2) as dec,
              12345678901234567890.5::numeric as wide, date '2024-01-31' as d,
              timestamp '2024-01-31 10:00:00' as ts, 1.5::float8 as dbl, array[1, 2] as list, 'x'::varchar(5) as v`,
    );
    assert.deepEqual(result.rows[0], [
      10000000000,
      '9223372036854775807',
      1.25,
      '12345678901234567890.5',
      '2024-01-31',
      '2024-01-31 10:00:00',
      1.5,
      [1, 2],
      'x',
    ]);
    assert.deepEqual(
      result.columns.map((c) => c.type),
      [
        'bigint',
        'bigint',
        'numeric',
        'numeric',
        'date',
        'timestamp without time zone',
        'double precision',
        'integer[]',
        'character varying',
      ],
    );
  });

  test('adapter response as dbt-postgres writes it', async () => {
    const t = rel('responses');
    const created = await adapter.execute(`create table ${t} (a int)`);
    assert.deepEqual(toDbtAdapterResponse(created.response), {
      _message: 'CREATE TABLE',
      code: 'CREATE TABLE',
      rows_affected: -1,
    });
    const inserted = await adapter.execute(`insert into ${t} values (1), (2)`);
    assert.deepEqual(toDbtAdapterResponse(inserted.response), {
      _message: 'INSERT 0 2',
      code: 'INSERT',
      rows_affected: 2,
    });
    assert.equal(inserted.rowsAffected, 2);
    const ctas = await adapter.execute(`create table ${rel('responses_copy')} as select * from ${t}`);
    assert.equal(ctas.response.message, 'SELECT 2');
    assert.equal(ctas.rowsAffected, 2);
  });

  test('errors carry the server position as line and column', async () => {
    const sql = 'select\n  1,\n  nope_col\nfrom (select 1 as a) as q';
    await assert.rejects(adapter.execute(sql), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.code, 'binder');
      assert.deepEqual(error.position, { line: 3, column: 3 });
      assert.match(error.message, /column "nope_col" does not exist/);
      return true;
    });
    // Positions count characters, not UTF-16 units or bytes.
    const unicode = "select '😀é' as a,\n  1 +";
    await assert.rejects(adapter.execute(unicode), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.code, 'syntax');
      assert.deepEqual(error.position, { line: 2, column: 6 });
      return true;
    });
  });

  test('identifiers over 63 bytes fail before reaching the server, naming the identifier', async () => {
    const long = 'x'.repeat(60) + 'éé';
    assert.throws(
      () => adapter.relation({ schema, identifier: long }),
      (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.match(error.message, new RegExp(`"${long}" is 64 bytes long`));
        return true;
      },
    );
    assert.throws(() => adapter.quote('y'.repeat(64)), AdapterError);
    assert.equal(adapter.quote('y'.repeat(63)), `"${'y'.repeat(63)}"`);
    // A name that fits, whose helper relations would not, still replaces atomically.
    const fits = 'z'.repeat(63);
    const target = rel(fits, 'table');
    await adapter.replaceRelation(target, { type: 'table', sql: 'select 1 as id' });
    await adapter.replaceRelation(target, { type: 'table', sql: 'select 2 as id' });
    assert.deepEqual((await adapter.execute(`select id from ${target}`)).rows, [[2]]);
    const names = (await adapter.listRelations(undefined, schema)).map((r) => r.identifier);
    assert.deepEqual(
      names.filter((name) => name?.startsWith('zzz')),
      [fits],
    );
  });

  test('quoted identifiers keep their case; lookups prefer the exact name', async () => {
    await adapter.execute(`create table ${rel('MixedCase')} (id int)`);
    await adapter.execute(`create view ${rel('mixedcase')} as select 1 as id`);
    assert.equal((await adapter.getRelation(undefined, schema, 'MixedCase'))?.type, 'table');
    assert.equal((await adapter.getRelation(undefined, schema, 'mixedcase'))?.type, 'view');
    assert.equal((await adapter.getRelation(undefined, schema, 'MIXEDCASE'))?.identifier, 'MixedCase');
  });

  test('seeds: types as dbt-postgres infers them, values as agate reads them, integer division', async () => {
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      [
        'id,name,score,ratio,born,seen_at,active,note',
        '1,"Smith, Anna",7,1.5,2024-01-05,2024-01-05 10:00:00,true,"said ""hi"""',
        '2,Bo,"1,000",2.25,2024-1-6,2024-01-06 11:30:00,False,null',
        '3,,$5,,,,,',
        '4,Cy,1.0,3,2024-02-29,2024-02-29 00:00:01,TRUE," padded "',
      ].join('\n'),
    );
    const seed = rel('people');
    const loaded = await adapter.loadSeed(seed, csv);
    assert.equal(loaded.rowsAffected, 4);
    assert.deepEqual(toDbtAdapterResponse(loaded.response), {
      _message: 'INSERT 4',
      code: 'INSERT',
      rows_affected: 4,
    });
    assert.deepEqual(
      (await adapter.getColumns(seed)).map((c) => `${c.name}:${c.dataType}`),
      [
        'id:integer',
        'name:text',
        'score:integer',
        'ratio:double precision',
        'born:date',
        'seen_at:timestamp without time zone',
        'active:boolean',
        'note:text',
      ],
    );
    const rows = await adapter.execute(
      `select id, name, score, ratio, born, seen_at, active, note, score / 2 as half from ${seed} order by id`,
    );
    assert.deepEqual(rows.rows, [
      [1, 'Smith, Anna', 7, 1.5, '2024-01-05', '2024-01-05 10:00:00', true, 'said "hi"', 3],
      [2, 'Bo', 1000, 2.25, '2024-01-06', '2024-01-06 11:30:00', false, null, 500],
      [3, null, 5, null, null, null, null, null, 2],
      [4, 'Cy', 1, 3, '2024-02-29', '2024-02-29 00:00:01', true, ' padded ', 0],
    ]);

    // A reload truncates and keeps the table; column_types override inference.
    writeFileSync(
      csv,
      'id,name,score,ratio,born,seen_at,active,note\n9,Z,1,1,2024-01-01,2024-01-01 00:00:00,true,x\n',
    );
    const reloaded = await adapter.loadSeed(seed, csv);
    assert.equal(reloaded.rowsAffected, 1);
    assert.deepEqual((await adapter.execute(`select count(*) from ${seed}`)).rows, [[1]]);
    const refreshed = await adapter.loadSeed(seed, csv, {
      fullRefresh: true,
      columnTypes: { id: 'bigint', name: 'varchar(3)' },
    });
    assert.equal(refreshed.code, 'CREATE');
    assert.deepEqual(
      (await adapter.getColumns(seed)).slice(0, 2).map((c) => c.dataType),
      ['bigint', 'character varying(3)'],
    );
  });

  test('seeds of more rows than one insert batch holds', async () => {
    const csv = join(dir, 'many.csv');
    const lines = ['n,label'];
    for (let i = 1; i <= 2500; i++) lines.push(`${i},row ${i}`);
    writeFileSync(csv, lines.join('\n'));
    const seed = rel('many');
    const loaded = await adapter.loadSeed(seed, csv);
    assert.equal(loaded.rowsAffected, 2500);
    assert.deepEqual((await adapter.execute(`select count(*), sum(n) from ${seed}`)).rows, [[2500, 3126250]]);
  });

  test('contract constraints become DDL the server enforces', async () => {
    const parent = rel('contract_parent', 'table');
    await adapter.execute(`create table ${parent} (id int primary key)`);
    await adapter.execute(`insert into ${parent} values (1)`);
    const contract = {
      columns: [
        {
          name: 'id',
          dataType: 'int',
          constraints: [{ type: 'not_null' as const }, { type: 'primary_key' as const, name: 'pk_child' }],
        },
        {
          name: 'parent_id',
          dataType: 'int',
          constraints: [{ type: 'foreign_key' as const, expression: `${parent} (id)` }],
        },
        {
          name: 'amount',
          dataType: 'numeric(10,2)',
          constraints: [{ type: 'check' as const, expression: 'amount >= 0' }],
        },
      ],
    };
    const build = (name: string, sql: string) =>
      adapter.transaction(async (connection) => {
        for (const statement of adapter.dialect.createTableAs(rel(name, 'table'), sql, { contract })) {
          await connection.execute(statement);
        }
      });
    await build('contract_ok', 'select 1 as id, 1 as parent_id, 2.5 as amount');
    assert.deepEqual(
      (await adapter.getColumns(rel('contract_ok'))).map((c) => c.dataType),
      ['integer', 'integer', 'numeric(10,2)'],
    );
    // The primary key's index is named pk_child in the schema: free the name for the next builds.
    await adapter.execute(adapter.dialect.dropRelation(rel('contract_ok', 'table')));
    const violations: [string, string][] = [
      ['select 1 as id, 2 as parent_id, 1 as amount', 'foreign key'],
      ['select 1 as id, 1 as parent_id, -1 as amount', 'check constraint'],
      ['select 1 as id, 1 as parent_id, 1 as amount union all select 1, 1, 1', 'pk_child'],
    ];
    for (const [sql, pattern] of violations) {
      await assert.rejects(build('contract_bad', sql), (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'constraint');
        assert.match(error.message, new RegExp(pattern));
        return true;
      });
    }
    const described = await adapter.describeQuery(
      "select 1::numeric(10,2) as amount, 1/0 as boom, 'a'::varchar(4) as v;",
    );
    assert.deepEqual(
      described.map((c) => `${c.name}:${c.type}`),
      ['amount:numeric(10,2)', 'boom:integer', 'v:character varying(4)'],
    );
  });

  test('concurrent threads: parallel replaces keep at most 4 connections', async () => {
    const targets = Array.from({ length: 8 }, (_, i) => rel(`par_${i}`, 'table'));
    for (const round of [1, 2]) {
      await Promise.all(
        targets.map((target, i) =>
          adapter.replaceRelation(target, { type: 'table', sql: `select ${i * round} as n` }),
        ),
      );
    }
    const result = await adapter.execute(
      `select ${targets.map((t) => `(select n from ${t})`).join(' + ')} as total`,
    );
    assert.deepEqual(result.rows, [[2 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7)]]);
    const stats = adapter.poolStats();
    assert.ok(stats.peakOpen <= 4 && stats.peakOpen >= 2, `peak ${stats.peakOpen}`);
  });

  test('replace keeps chains of dependent views, and drops one that no longer binds', async () => {
    const base = rel('chain_base', 'table');
    await adapter.replaceRelation(base, { type: 'table', sql: 'select 1 as id, 10 as amount' });
    await adapter.execute(
      adapter.dialect.createViewAs(rel('chain_a', 'view'), `select id, amount from ${base}`),
    );
    await adapter.execute(
      adapter.dialect.createViewAs(rel('chain_b', 'view'), `select id from ${rel('chain_a')}`),
    );
    await adapter.execute(
      adapter.dialect.createViewAs(rel('chain_amount', 'view'), `select amount from ${base}`),
    );
    await adapter.replaceRelation(base, { type: 'table', sql: 'select 2 as id, 20 as amount' });
    assert.deepEqual((await adapter.execute(`select id from ${rel('chain_b')}`)).rows, [[2]]);
    assert.deepEqual((await adapter.execute(`select amount from ${rel('chain_amount')}`)).rows, [[20]]);
    await adapter.replaceRelation(base, { type: 'table', sql: 'select 3 as id' });
    assert.deepEqual((await adapter.execute(`select id from ${rel('chain_base')}`)).rows, [[3]]);
    assert.equal(await adapter.getRelation(undefined, schema, 'chain_amount'), undefined);
    assert.equal(await adapter.getRelation(undefined, schema, 'chain_a'), undefined);
  });

  test('grants render as dbt-postgres writes them and the server accepts them', async () => {
    const t = rel('granted', 'table');
    await adapter.execute(`create table ${t} (id int)`);
    const role = uniqueName('reader');
    await adapter.execute(`create role ${role}`);
    const statements = adapter.dialect.grant(t, 'select', [role]);
    assert.deepEqual(statements, [`grant select on ${t} to ${role}`]);
    for (const sql of statements) await adapter.execute(sql);
    const granted = await adapter.execute(
      `select privilege_type from information_schema.role_table_grants where table_schema = ? and table_name = 'granted' and grantee = ?`,
      [schema, role],
    );
    assert.deepEqual(granted.rows, [['SELECT']]);
    assert.deepEqual(adapter.dialect.grant(t, 'select', []), []);
  });

  test('merge before PostgreSQL 15 falls back to update then insert', async () => {
    const target = rel('old_merge', 'table');
    const source = rel('old_merge_src', 'table');
    await adapter.execute(`create table ${target} (k int, v text)`);
    await adapter.execute(`insert into ${target} values (1, 'a'), (2, 'b')`);
    await adapter.execute(`create table ${source} as select * from (values (1, 'new'), (3, 'c')) as s(k, v)`);
    const dialect = new PostgresDialect();
    dialect.supportsMerge = false;
    const statements = dialect.merge(target, source, ['k'], ['k', 'v']);
    assert.equal(statements.length, 2);
    await adapter.transaction(async (connection) => {
      for (const sql of statements) await connection.execute(sql);
    });
    assert.deepEqual((await adapter.execute(`select k, v from ${target} order by k`)).rows, [
      [1, 'new'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  test('a lost connection fails its statement cleanly; the pool replaces it', async () => {
    const single = await openAdapter(1);
    try {
      const pid = Number((await single.execute('select pg_backend_pid()')).rows[0]![0]);
      // Listen now: the statement fails while we wait for the terminate call below.
      const running = single.execute('select pg_sleep(20)').then(
        () => assert.fail('the statement should fail'),
        (error: unknown) => {
          throw error;
        },
      );
      running.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await adapter.execute('select pg_terminate_backend(?)', [pid]);
      await assert.rejects(running, (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'connection');
        return true;
      });
      assert.deepEqual((await single.execute('select 1')).rows, [[1]]);
      const newPid = Number((await single.execute('select pg_backend_pid()')).rows[0]![0]);
      assert.notEqual(newPid, pid);
    } finally {
      await single.close();
    }
  });

  test('profile keys: search_path and role apply to every connection; bad credentials fail at open', async () => {
    const url = await freshDatabase();
    const role = uniqueName('runner');
    await queryPostgres(url, `create role ${role}`);
    await queryPostgres(url, `grant ${role} to current_user`);
    const configured = await openAdapter(1, { search_path: `${schema}, public`, role, sslmode: 'disable' });
    try {
      const result = await configured.execute("select current_setting('search_path'), current_user");
      assert.deepEqual(result.rows, [[`${schema}, public`, role]]);
    } finally {
      await configured.close();
    }
    const keys = profileKeys(url);
    const broken = await createAdapter({ type: 'postgres', ...keys, dbname: 'no_such_db', schema: 'public' });
    await assert.rejects(broken.open(), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.code, 'connection');
      assert.match(error.message, /no_such_db/);
      return true;
    });
    await assert.rejects(
      createAdapter({ type: 'postgres', ...keys, schema: 'public', sslmode: 'sometimes' }).then((a) =>
        a.open(),
      ),
      /unknown sslmode 'sometimes'/,
    );
  });

  test('catalog rows carry format_type types, comments and owners', async () => {
    const t = rel('cat_t', 'table');
    await adapter.execute(`create table ${t} as select 1::bigint as id, 2.5::numeric(10,2) as amount`);
    await adapter.execute(`comment on table ${t} is 'the orders'`);
    await adapter.execute(`comment on column ${t}.id is 'key'`);
    const rows = (await adapter.getCatalog(undefined, [schema.toUpperCase()])).filter(
      (r) => r.tableName === 'cat_t',
    );
    assert.deepEqual(
      rows.map((r) => [r.tableType, r.columnName, r.columnIndex, r.columnType, r.columnComment]),
      [
        ['BASE TABLE', 'id', 1, 'bigint', 'key'],
        ['BASE TABLE', 'amount', 2, 'numeric(10,2)', null],
      ],
    );
    assert.equal(rows[0]!.tableComment, 'the orders');
    assert.equal(rows[0]!.tableDatabase, adapter.defaultDatabase);
    assert.equal(typeof rows[0]!.tableOwner, 'string');
  });
});
