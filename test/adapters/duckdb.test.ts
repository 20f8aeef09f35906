import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { duckdbDatabaseName, normalizeDuckDBType } from '../../src/adapters/duckdb/index.js';
import { AdapterError, createAdapter, toDbtAdapterResponse } from '../../src/adapters/index.js';
import { runAdapterConformance } from './conformance.js';

runAdapterConformance({
  name: 'duckdb',
  async create(threads) {
    const adapter = await createAdapter({ type: 'duckdb', path: ':memory:', threads });
    await adapter.open();
    return adapter;
  },
  longRunningQuery: 'select count(*) from range(100000000000) a, range(10) b where a.range % 7 = b.range',
});

describe('duckdb adapter specifics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-duckdb-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('target.database is the file stem, or memory (as dbt-duckdb)', async () => {
    assert.equal(duckdbDatabaseName(':memory:'), 'memory');
    assert.equal(duckdbDatabaseName(undefined), 'memory');
    assert.equal(duckdbDatabaseName('/x/dev.duckdb'), 'dev');
    assert.equal(duckdbDatabaseName('/x/my.db.duckdb'), 'my');
    const path = join(dir, 'jaffle.duckdb');
    const adapter = await createAdapter({ type: 'duckdb', path });
    await adapter.open();
    try {
      assert.equal(adapter.defaultDatabase, 'jaffle');
      assert.equal(adapter.defaultSchema, 'main');
      const result = await adapter.execute('select current_database(), current_schema()');
      assert.deepEqual(result.rows, [['jaffle', 'main']]);
      assert.equal(adapter.relation({ identifier: 'orders' }).render(), '"jaffle"."main"."orders"');
    } finally {
      await adapter.close();
    }
  });

  test('a file database keeps its data across adapters', async () => {
    const path = join(dir, 'persist.duckdb');
    const first = await createAdapter({ type: 'duckdb', path });
    await first.open();
    await first.execute('create table kept as select 7 as n');
    await first.close();
    const second = await createAdapter({ type: 'duckdb', path });
    await second.open();
    try {
      assert.deepEqual((await second.execute('select n from kept')).rows, [[7]]);
    } finally {
      await second.close();
    }
  });

  test('two open adapters on one file share it; closing one leaves the other working', async () => {
    const path = join(dir, 'shared.duckdb');
    const a = await createAdapter({ type: 'duckdb', path });
    const b = await createAdapter({ type: 'duckdb', path: relative(process.cwd(), path) });
    await a.open();
    await b.open();
    try {
      await a.execute('create table shared_t as select 1 as n');
      assert.deepEqual((await b.execute('select n from shared_t')).rows, [[1]]);
      await a.close();
      assert.deepEqual((await b.execute('select count(*) from shared_t')).rows, [[1]]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('value mapping: BIGINT, DECIMAL, dates, nested values', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    await adapter.open();
    try {
      const result = await adapter.execute(
        `select 10000000000::bigint as big, 9223372036854775807::bigint as huge, 1.25::decimal(10,2) as dec,
                12345678901234567890.5::decimal(38,1) as wide, date '2024-01-31' as d,
                timestamp '2024-01-31 10:00:00' as ts, [1, 2] as list, {'a': 1} as struct, 1.5::double as dbl`,
      );
      assert.deepEqual(result.rows[0], [
        10000000000,
        '9223372036854775807',
        1.25,
        '12345678901234567890.5',
        '2024-01-31',
        '2024-01-31 10:00:00',
        [1, 2],
        { a: 1 },
        1.5,
      ]);
      assert.deepEqual(
        result.columns.map((c) => c.type),
        [
          'BIGINT',
          'BIGINT',
          'DECIMAL(10,2)',
          'DECIMAL(38,1)',
          'DATE',
          'TIMESTAMP',
          'INTEGER[]',
          'STRUCT("a" INTEGER)',
          'DOUBLE',
        ],
      );
    } finally {
      await adapter.close();
    }
  });

  test('errors carry DuckDB position as line and column', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    await adapter.open();
    try {
      const sql = 'select\n  1,\n  nope_col\nfrom (select 1 as a)';
      await assert.rejects(adapter.execute(sql), (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'binder');
        assert.deepEqual(error.position, { line: 3, column: 3 });
        assert.match(error.message, /nope_col/);
        assert.doesNotMatch(error.message, /LINE 3/);
        return true;
      });
    } finally {
      await adapter.close();
    }
  });

  test('catalog rows carry types, comments and a row-count stat for tables', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    await adapter.open();
    try {
      await adapter.execute('create table cat_t as select 1::bigint as id, 2.5::decimal(10,2) as amount');
      await adapter.execute("comment on table cat_t is 'the orders'");
      await adapter.execute("comment on column cat_t.id is 'key'");
      const rows = await adapter.getCatalog(undefined, ['MAIN']);
      assert.deepEqual(
        rows.map((r) => [
          r.tableName,
          r.tableType,
          r.columnName,
          r.columnIndex,
          r.columnType,
          r.columnComment,
        ]),
        [
          ['cat_t', 'BASE TABLE', 'id', 1, 'BIGINT', 'key'],
          ['cat_t', 'BASE TABLE', 'amount', 2, 'DECIMAL(10,2)', null],
        ],
      );
      assert.equal(rows[0]!.tableComment, 'the orders');
      assert.equal(rows[0]!.tableDatabase, 'memory');
      assert.equal(rows[0]!.stats.num_rows?.value, 1);
      assert.deepEqual(await adapter.getCatalog(undefined, []), []);
    } finally {
      await adapter.close();
    }
  });

  test('describeQuery does not run the query', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    await adapter.open();
    try {
      const columns = await adapter.describeQuery("select error('must not run') as a, 1::bigint as b;");
      assert.deepEqual(
        columns.map((c) => c.name),
        ['a', 'b'],
      );
      assert.equal(columns[1]!.type, 'BIGINT');
    } finally {
      await adapter.close();
    }
  });

  test('adapter response in dbt-duckdb shape: a bare OK, rows affected kept on the result', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    await adapter.open();
    try {
      await adapter.execute('create table r (a int)');
      const result = await adapter.execute('insert into r values (1), (2)');
      // dbt-duckdb 1.11.1 writes `{"_message": "OK"}` for every model it runs.
      assert.deepEqual(toDbtAdapterResponse(result.response), { _message: 'OK' });
      assert.equal(result.rowsAffected, 2);
      assert.deepEqual(toDbtAdapterResponse({ message: 'INSERT 0 3', code: 'INSERT', rowsAffected: 3 }), {
        _message: 'INSERT 0 3',
        code: 'INSERT',
        rows_affected: 3,
      });
    } finally {
      await adapter.close();
    }
  });

  test('unknown adapter types and unopened adapters fail as AdapterError', async () => {
    await assert.rejects(createAdapter({ type: 'oracle' }), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.match(error.message, /unknown adapter type 'oracle'/);
      return true;
    });
    const adapter = await createAdapter({ type: 'duckdb' });
    await assert.rejects(adapter.execute('select 1'), /not open/);
  });

  test('type normalisation makes aliases compare equal', () => {
    assert.equal(normalizeDuckDBType('int'), 'INTEGER');
    assert.equal(normalizeDuckDBType('INTEGER'), 'INTEGER');
    assert.equal(normalizeDuckDBType('int8'), 'BIGINT');
    assert.equal(normalizeDuckDBType('text'), 'VARCHAR');
    assert.equal(normalizeDuckDBType('varchar(20)'), 'VARCHAR');
    assert.equal(normalizeDuckDBType('numeric(10, 2)'), 'DECIMAL(10,2)');
    assert.equal(normalizeDuckDBType('float8'), 'DOUBLE');
    assert.equal(normalizeDuckDBType('timestamp without time zone'), 'TIMESTAMP');
    assert.equal(normalizeDuckDBType('timestamptz'), 'TIMESTAMP WITH TIME ZONE');
    assert.equal(normalizeDuckDBType('int[]'), 'INTEGER[]');
    assert.equal(normalizeDuckDBType('STRUCT(a INTEGER)'), 'STRUCT(a INTEGER)');
  });

  test('extensions from the target load at open; a missing one fails open', async () => {
    const adapter = await createAdapter({ type: 'duckdb', extensions: ['json'] });
    await adapter.open();
    try {
      const result = await adapter.execute(
        "select loaded from duckdb_extensions() where extension_name = 'json'",
      );
      assert.deepEqual(result.rows, [[true]]);
    } finally {
      await adapter.close();
    }
    const broken = await createAdapter({ type: 'duckdb', extensions: ['no_such_extension_xyz'] });
    await assert.rejects(
      broken.open(),
      (error: unknown) => error instanceof AdapterError && error.code === 'connection',
    );
  });

  test('parallel atomic replaces on one file database with 4 threads', async () => {
    const adapter = await createAdapter({ type: 'duckdb', path: join(dir, 'parallel.duckdb'), threads: 4 });
    await adapter.open();
    try {
      const targets = Array.from({ length: 8 }, (_, i) =>
        adapter.relation({ identifier: `par_${i}`, type: 'table' }),
      );
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
      assert.ok(adapter.poolStats().peakOpen <= 4);
    } finally {
      await adapter.close();
    }
  });

  test('a connection given back after a failed transaction is clean for the next borrower', async () => {
    const adapter = await createAdapter({ type: 'duckdb', threads: 1 });
    await adapter.open();
    try {
      await adapter.execute('create table clean_t (id int)');
      await assert.rejects(
        adapter.withConnection(async (connection) => {
          await connection.begin();
          await connection.execute('insert into clean_t values (1)');
          await connection.execute('select * from missing_table');
        }),
        AdapterError,
      );
      assert.deepEqual((await adapter.execute('select count(*) from clean_t')).rows, [[0]]);
      await adapter.execute('insert into clean_t values (2)');
      assert.deepEqual((await adapter.execute('select id from clean_t')).rows, [[2]]);
    } finally {
      await adapter.close();
    }
  });

  test('grants are a no-op on DuckDB', async () => {
    const adapter = await createAdapter({ type: 'duckdb' });
    assert.deepEqual(adapter.dialect.grant(adapter.relation({ identifier: 't' }), 'select', ['bob']), []);
  });
});
