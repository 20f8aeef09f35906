import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type Adapter,
  AdapterError,
  createAdapter,
  type SeedLoadOptions,
  toDbtAdapterResponse,
} from '../../src/adapters/index.js';
import { DBT_DUCKDB_SEEDS } from './fixtures/seeds/dbt-duckdb-expected.js';

const SEEDS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'seeds');

/** The per-seed configs of the dbt project the expectations came from. */
const CONFIGS: Record<string, SeedLoadOptions> = {
  overrides: { columnTypes: { forced: 'varchar', amount: 'decimal(10,2)' } },
  semi: { delimiter: ';' },
  noquote: { quoteColumns: false },
};

describe('duckdb seed loading', () => {
  let adapter: Adapter;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-seeds-'));

  before(async () => {
    adapter = await createAdapter({ type: 'duckdb', threads: 1 });
    await adapter.open();
  });
  after(async () => {
    await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tableContents(identifier: string) {
    const relation = adapter.relation({ identifier });
    const columns = (await adapter.getColumns(relation)).map((c) => [c.name, c.dataType]);
    const rows = (await adapter.execute(`select columns(*)::varchar from ${relation}`)).rows;
    return { columns, rows };
  }

  for (const [name, expected] of Object.entries(DBT_DUCKDB_SEEDS)) {
    test(`${name}.csv loads with the types and values dbt-duckdb gives`, async () => {
      const result = await adapter.loadSeed(
        adapter.relation({ identifier: name }),
        join(SEEDS, `${name}.csv`),
        {
          ...CONFIGS[name],
        },
      );
      assert.equal(result.rowsAffected, expected.rows.length);
      assert.deepEqual(await tableContents(name), expected);
    });
  }

  test('reload truncates and keeps the table; full refresh recreates it', async () => {
    const path = join(dir, 'reload.csv');
    writeFileSync(path, 'id,name\n1,a\n2,b\n');
    const relation = adapter.relation({ identifier: 'reload' });
    const first = await adapter.loadSeed(relation, path);
    assert.equal(first.code, 'INSERT');
    // dbt-duckdb 1.11.1 wrote exactly this adapter_response for a 2-row seed without --full-refresh.
    assert.deepEqual(toDbtAdapterResponse(first.response), {
      _message: 'INSERT 2',
      code: 'INSERT',
      rows_affected: 2,
    });
    assert.deepEqual(first.columns, [
      { name: 'id', dataType: 'integer' },
      { name: 'name', dataType: 'text' },
    ]);
    // A dependent view survives a reload because the table is kept.
    await adapter.execute(`create view reload_v as select count(*) as n from ${relation}`);
    writeFileSync(path, 'id,name\n3,c\n');
    const second = await adapter.loadSeed(relation, path);
    assert.equal(second.rowsAffected, 1);
    assert.ok(second.sql.some((sql) => sql.startsWith('truncate')));
    assert.deepEqual((await adapter.execute('select n from reload_v')).rows, [[1]]);

    // Reloading keeps the existing column types even when the file now looks different:
    // DuckDB casts 4.5 into the kept INTEGER column as 5, which is what dbt-duckdb 1.11.1 did too.
    writeFileSync(path, 'id,name\n4.5,d\n');
    await adapter.loadSeed(relation, path);
    assert.deepEqual(await tableContents('reload'), {
      columns: [
        ['id', 'INTEGER'],
        ['name', 'VARCHAR'],
      ],
      rows: [['5', 'd']],
    });
    const refreshed = await adapter.loadSeed(relation, path, { fullRefresh: true });
    assert.equal(refreshed.code, 'CREATE');
    assert.deepEqual(await tableContents('reload'), {
      columns: [
        ['id', 'DOUBLE'],
        ['name', 'VARCHAR'],
      ],
      rows: [['4.5', 'd']],
    });
  });

  test('changed columns need a full refresh; a failed load keeps the old rows', async () => {
    const path = join(dir, 'changing.csv');
    writeFileSync(path, 'id\n1\n2\n');
    const relation = adapter.relation({ identifier: 'changing' });
    await adapter.loadSeed(relation, path);
    writeFileSync(path, 'id,extra\n1,x\n');
    await assert.rejects(adapter.loadSeed(relation, path), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.code, 'seed');
      assert.match(error.message, /full-refresh/);
      return true;
    });
    // A value DuckDB cannot cast into the kept INTEGER column: the load rolls back.
    writeFileSync(path, 'id\nnot_a_number\n');
    await assert.rejects(adapter.loadSeed(relation, path), AdapterError);
    assert.deepEqual((await adapter.execute(`select id from ${relation} order by 1`)).rows, [[1], [2]]);
    await adapter.loadSeed(relation, path, { fullRefresh: true });
    assert.deepEqual((await tableContents('changing')).columns, [['id', 'VARCHAR']]);
  });

  test('seeding over a view is an error', async () => {
    await adapter.execute('create view seed_view as select 1 as id');
    const path = join(dir, 'seed_view.csv');
    writeFileSync(path, 'id\n1\n');
    await assert.rejects(
      adapter.loadSeed(adapter.relation({ identifier: 'seed_view' }), path),
      /it is a view/,
    );
  });

  test('quote_columns false leaves names unquoted; a missing file is an AdapterError', async () => {
    const path = join(dir, 'kw.csv');
    writeFileSync(path, 'Mixed Name\n1\n');
    // Quoted by default: a name with a space works.
    await adapter.loadSeed(adapter.relation({ identifier: 'kw' }), path);
    assert.deepEqual((await tableContents('kw')).columns, [['Mixed Name', 'INTEGER']]);
    // Unquoted, the same name is a syntax error, as in dbt.
    await assert.rejects(
      adapter.loadSeed(adapter.relation({ identifier: 'kw2' }), path, { quoteColumns: false }),
      (error: unknown) => error instanceof AdapterError && error.code === 'syntax',
    );
    await assert.rejects(
      adapter.loadSeed(adapter.relation({ identifier: 'nothing' }), join(dir, 'missing.csv')),
      (error: unknown) => error instanceof AdapterError && error.code === 'seed',
    );
  });
});
