/**
 * Adapter-agnostic conformance tests. Every adapter runs them from its own test file with a
 * factory that returns an opened adapter on a fresh, empty database; only SQL every warehouse
 * of ours accepts is used here (warehouse-specific checks live beside the adapter's tests).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Adapter, AdapterError, type Relation } from '../../src/adapters/index.js';

export interface ConformanceHarness {
  /** Adapter name, for test titles. */
  name: string;
  /** An opened adapter with `threads` connections on an empty database. */
  create(threads: number): Promise<Adapter>;
  /** A statement that runs for many seconds (to test cancel). */
  longRunningQuery: string;
}

/** Rows of `select … order by 1` as arrays. */
async function rows(adapter: Adapter, sql: string): Promise<unknown[][]> {
  return (await adapter.execute(sql)).rows;
}

export function runAdapterConformance(harness: ConformanceHarness): void {
  describe(`${harness.name} adapter conformance`, () => {
    let adapter: Adapter;
    let schema: string;
    const rel = (identifier: string, type?: 'table' | 'view'): Relation =>
      adapter.relation({ schema, identifier, ...(type ? { type } : {}) });

    before(async () => {
      adapter = await harness.create(2);
      schema = 'conformance';
      await adapter.execute(adapter.dialect.createSchema(adapter.defaultDatabase, schema));
    });
    after(async () => {
      await adapter.close();
    });

    test('execute returns columns, JS values and bindings', async () => {
      const result = await adapter.execute(
        'select ? + 1 as answer, ? as word, true as flag, null as nothing',
        [41, 'hi'],
      );
      assert.deepEqual(
        result.columns.map((column) => column.name),
        ['answer', 'word', 'flag', 'nothing'],
      );
      assert.deepEqual(result.rows, [[42, 'hi', true, null]]);
      assert.equal(typeof result.response.message, 'string');
    });

    test('DML reports rows affected', async () => {
      const t = rel('dml_counts');
      await adapter.execute(`create table ${t} (id integer)`);
      const inserted = await adapter.execute(`insert into ${t} values (1), (2), (3)`);
      assert.equal(inserted.rowsAffected, 3);
      const updated = await adapter.execute(`update ${t} set id = id + 10 where id > 1`);
      assert.equal(updated.rowsAffected, 2);
    });

    test('executeMany runs every statement of a script in order', async () => {
      const t = rel('script_target');
      const results = await adapter.executeMany(
        `create table ${t} (id integer); insert into ${t} values (1); insert into ${t} values (2); select count(*) as n from ${t}`,
      );
      assert.equal(results.length, 4);
      assert.equal(Number(results[3]!.rows[0]![0]), 2);
    });

    test('errors are AdapterError values with the SQL and a code', async () => {
      const sql = 'select 1 from\n  where';
      await assert.rejects(adapter.execute(sql), (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'syntax');
        assert.equal(error.sql, sql);
        return true;
      });
      await assert.rejects(adapter.execute(`select * from ${rel('does_not_exist')}`), (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'catalog');
        return true;
      });
    });

    test('the pool never opens more connections than threads', async () => {
      const pooled = await harness.create(2);
      try {
        let held = 0;
        let mostHeld = 0;
        const ids = new Set<number>();
        await Promise.all(
          Array.from({ length: 8 }, () =>
            pooled.withConnection(async (connection) => {
              held += 1;
              mostHeld = Math.max(mostHeld, held);
              ids.add(connection.id);
              await connection.execute('select 1');
              await new Promise((resolve) => setTimeout(resolve, 15));
              held -= 1;
            }),
          ),
        );
        assert.equal(mostHeld, 2);
        assert.equal(ids.size, 2);
        const stats = pooled.poolStats();
        assert.equal(stats.peakOpen, 2);
        assert.equal(stats.inUse, 0);
        assert.equal(stats.max, 2);
      } finally {
        await pooled.close();
      }
    });

    test('transaction commits on success and rolls back on error', async () => {
      const t = rel('tx_target');
      await adapter.execute(`create table ${t} (id integer)`);
      await adapter.transaction(async (connection) => {
        await connection.execute(`insert into ${t} values (1)`);
      });
      await assert.rejects(
        adapter.transaction(async (connection) => {
          await connection.execute(`insert into ${t} values (2)`);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await rows(adapter, `select id from ${t} order by 1`), [[1]]);
      await adapter.withConnection(async (connection) => {
        await connection.begin();
        await connection.execute(`insert into ${t} values (3)`);
        await connection.rollback();
      });
      assert.deepEqual(await rows(adapter, `select id from ${t} order by 1`), [[1]]);
    });

    test('replaceRelation swaps atomically and keeps dependent views working', async () => {
      const target = rel('swap_target', 'table');
      await adapter.replaceRelation(target, { type: 'table', sql: 'select 1 as id' });
      const dependent = rel('swap_dependent', 'view');
      await adapter.execute(adapter.dialect.createViewAs(dependent, `select id from ${target}`));
      await adapter.replaceRelation(target, { type: 'table', sql: 'select 2 as id' });
      assert.deepEqual(await rows(adapter, `select id from ${dependent}`), [[2]]);

      // A failing build leaves the previous table readable and no helper relations behind.
      await assert.rejects(
        adapter.replaceRelation(target, { type: 'table', sql: `select id from ${rel('missing_upstream')}` }),
        AdapterError,
      );
      assert.deepEqual(await rows(adapter, `select id from ${target}`), [[2]]);
      const names = (await adapter.listRelations(undefined, schema)).map((r) => r.identifier);
      assert.ok(!names.some((name) => name?.includes('__tessera')), `leftovers: ${names.join(', ')}`);
    });

    test('replaceRelation switches table to view and back', async () => {
      const target = rel('switch_target', 'table');
      await adapter.replaceRelation(target, { type: 'table', sql: 'select 1 as id' });
      const dependent = rel('switch_dependent', 'view');
      await adapter.execute(adapter.dialect.createViewAs(dependent, `select id from ${target}`));
      await adapter.replaceRelation(target, { type: 'view', sql: 'select 3 as id' });
      assert.equal((await adapter.getRelation(undefined, schema, 'switch_target'))?.type, 'view');
      assert.deepEqual(await rows(adapter, `select id from ${dependent}`), [[3]]);
      await adapter.replaceRelation(target, { type: 'table', sql: 'select 4 as id' });
      assert.equal((await adapter.getRelation(undefined, schema, 'switch_target'))?.type, 'table');
      assert.deepEqual(await rows(adapter, `select id from ${dependent}`), [[4]]);
    });

    test('introspection lists schemas, relations and columns', async () => {
      const table = rel('intro_table', 'table');
      const view = rel('intro_view', 'view');
      for (const sql of adapter.dialect.createTableAs(table, "select 1 as id, 'a' as name")) {
        await adapter.execute(sql);
      }
      await adapter.execute(adapter.dialect.createViewAs(view, `select id from ${table}`));
      assert.ok((await adapter.listSchemas()).includes(schema));
      assert.equal(await adapter.schemaExists(undefined, schema), true);
      assert.equal(await adapter.schemaExists(undefined, 'no_such_schema'), false);
      const listed = await adapter.listRelations(undefined, schema);
      const byName = new Map(listed.map((r) => [r.identifier, r.type]));
      assert.equal(byName.get('intro_table'), 'table');
      assert.equal(byName.get('intro_view'), 'view');
      const found = await adapter.getRelation(undefined, schema, 'intro_table');
      assert.equal(found?.identifier, 'intro_table');
      assert.equal(found?.database, adapter.defaultDatabase);
      assert.equal(await adapter.getRelation(undefined, schema, 'nope'), undefined);
      const columns = await adapter.getColumns(table);
      assert.deepEqual(
        columns.map((c) => [c.name, c.index]),
        [
          ['id', 1],
          ['name', 2],
        ],
      );
      const described = await adapter.describeQuery(`select id, name, id * 2 as twice from ${table}`);
      assert.deepEqual(
        described.map((c) => c.name),
        ['id', 'name', 'twice'],
      );
      assert.ok(described.every((c) => c.type.length > 0));
      const catalog = await adapter.getCatalog(undefined, [schema]);
      const viewRows = catalog.filter((row) => row.tableName === 'intro_view');
      assert.deepEqual(
        viewRows.map((row) => [row.tableType, row.columnName]),
        [['VIEW', 'id']],
      );
    });

    test('incremental SQL: append, merge and delete+insert', async () => {
      const seed = async (name: string, values: string): Promise<Relation> => {
        const r = rel(name, 'table');
        await adapter.execute(`create table ${r} (k1 integer, k2 integer, v varchar(10))`);
        await adapter.execute(`insert into ${r} values ${values}`);
        return r;
      };
      const cols = ['k1', 'k2', 'v'];
      const source = await seed('inc_source', "(1, 1, 'new'), (3, 1, 'c')");
      const dump = (r: Relation) => rows(adapter, `select k1, k2, v from ${r} order by 1, 2, 3`);

      const appendTarget = await seed('inc_append', "(1, 1, 'a'), (2, 1, 'b')");
      await adapter.execute(adapter.dialect.insertInto(appendTarget, source, cols));
      assert.deepEqual(await dump(appendTarget), [
        [1, 1, 'a'],
        [1, 1, 'new'],
        [2, 1, 'b'],
        [3, 1, 'c'],
      ]);

      const mergeTarget = await seed('inc_merge', "(1, 1, 'a'), (2, 1, 'b')");
      await adapter.executeMany(adapter.dialect.merge(mergeTarget, source, ['k1'], cols));
      assert.deepEqual(await dump(mergeTarget), [
        [1, 1, 'new'],
        [2, 1, 'b'],
        [3, 1, 'c'],
      ]);

      const compositeTarget = await seed('inc_merge_composite', "(1, 1, 'a'), (1, 2, 'x')");
      await adapter.executeMany(adapter.dialect.merge(compositeTarget, source, ['k1', 'k2'], cols));
      assert.deepEqual(await dump(compositeTarget), [
        [1, 1, 'new'],
        [1, 2, 'x'],
        [3, 1, 'c'],
      ]);

      const diTarget = await seed('inc_delete_insert', "(1, 1, 'a'), (1, 2, 'x'), (2, 1, 'b')");
      await adapter.executeMany(adapter.dialect.deleteInsert(diTarget, source, ['k1'], cols));
      assert.deepEqual(await dump(diTarget), [
        [1, 1, 'new'],
        [2, 1, 'b'],
        [3, 1, 'c'],
      ]);

      const diComposite = await seed('inc_delete_insert_composite', "(1, 1, 'a'), (1, 2, 'x')");
      await adapter.executeMany(adapter.dialect.deleteInsert(diComposite, source, ['k1', 'k2'], cols));
      assert.deepEqual(await dump(diComposite), [
        [1, 1, 'new'],
        [1, 2, 'x'],
        [3, 1, 'c'],
      ]);

      // Predicates narrow which target rows may be replaced (dbt's incremental_predicates).
      const predicated = await seed('inc_predicates', "(1, 1, 'a'), (1, 2, 'x')");
      await adapter.executeMany(
        adapter.dialect.deleteInsert(predicated, source, ['k1'], cols, ['DBT_INTERNAL_DEST.k2 = 2']),
      );
      assert.deepEqual(await dump(predicated), [
        [1, 1, 'a'],
        [1, 1, 'new'],
        [3, 1, 'c'],
      ]);
      const mergePredicated = await seed('inc_merge_predicates', "(1, 1, 'a')");
      await adapter.executeMany(
        adapter.dialect.merge(mergePredicated, source, ['k1'], cols, ['DBT_INTERNAL_DEST.k2 = 2']),
      );
      assert.deepEqual(await dump(mergePredicated), [
        [1, 1, 'a'],
        [1, 1, 'new'],
        [3, 1, 'c'],
      ]);
    });

    test('add, drop and retype columns', async () => {
      const t = rel('alter_target', 'table');
      await adapter.execute(`create table ${t} (id integer, old_col integer)`);
      await adapter.execute(`insert into ${t} values (1, 5)`);
      await adapter.executeMany(adapter.dialect.addColumns(t, [{ name: 'added', dataType: 'varchar(20)' }]));
      await adapter.executeMany(adapter.dialect.dropColumns(t, ['old_col']));
      await adapter.execute(adapter.dialect.alterColumnType(t, 'id', 'bigint'));
      const columns = await adapter.getColumns(t);
      assert.deepEqual(
        columns.map((c) => c.name),
        ['id', 'added'],
      );
      assert.equal(
        adapter.dialect.normalizeType(columns[0]!.dataType),
        adapter.dialect.normalizeType('bigint'),
      );
      assert.deepEqual(await rows(adapter, `select id, added from ${t}`), [[1, null]]);
    });

    test('contract: createTableAs with declared columns enforces not null', async () => {
      const t = rel('contract_target', 'table');
      const contract = {
        columns: [
          { name: 'id', dataType: 'integer', constraints: [{ type: 'not_null' as const }] },
          { name: 'name', dataType: 'varchar(10)' },
        ],
      };
      for (const sql of adapter.dialect.createTableAs(t, "select 1 as id, 'a' as name", { contract })) {
        await adapter.execute(sql);
      }
      assert.deepEqual(await rows(adapter, `select id, name from ${t}`), [[1, 'a']]);
      const bad = rel('contract_bad', 'table');
      await assert.rejects(async () => {
        for (const sql of adapter.dialect.createTableAs(bad, "select null as id, 'a' as name", {
          contract,
        })) {
          await adapter.execute(sql);
        }
      }, AdapterError);
    });

    test('truncate, drop and rename', async () => {
      const t = rel('rename_me', 'table');
      await adapter.execute(`create table ${t} (id integer)`);
      await adapter.execute(`insert into ${t} values (1)`);
      await adapter.execute(adapter.dialect.truncate(t));
      assert.deepEqual(await rows(adapter, `select count(*) from ${t}`), [[0]]);
      await adapter.execute(adapter.dialect.renameRelation(t, 'renamed'));
      assert.equal(await adapter.getRelation(undefined, schema, 'rename_me'), undefined);
      const renamed = await adapter.getRelation(undefined, schema, 'renamed');
      assert.equal(renamed?.type, 'table');
      await adapter.execute(adapter.dialect.dropRelation(renamed!));
      assert.equal(await adapter.getRelation(undefined, schema, 'renamed'), undefined);
    });

    test('cancel interrupts a running statement', async () => {
      const started = Date.now();
      const running = adapter.execute(harness.longRunningQuery);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await adapter.cancel();
      await assert.rejects(running, (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.code, 'cancelled');
        return true;
      });
      assert.ok(Date.now() - started < 5000);
      // The connection is usable afterwards.
      assert.deepEqual(await rows(adapter, 'select 1'), [[1]]);
    });
  });
}
