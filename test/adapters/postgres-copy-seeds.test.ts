// Seeds go in with COPY … FROM STDIN. Expected rows are what dbt-core 1.11.16 + dbt-postgres
// 1.11.0 left in PostgreSQL 15 for the same files (`dbt seed`, checked on the throwaway server).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Adapter, createAdapter } from '../../src/adapters/index.js';
import { createDatabase, postgresUrl, profileKeys, uniqueName } from '../helpers/postgres.js';

describe('postgres seeds through COPY', () => {
  let adapter: Adapter;
  let schema: string;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-copy-'));
  before(async () => {
    const keys = profileKeys(await createDatabase(await postgresUrl()));
    adapter = await createAdapter({ type: 'postgres', ...keys, schema: 'public', threads: 1 });
    await adapter.open();
    schema = uniqueName('copy');
    await adapter.execute(adapter.dialect.createSchema(undefined, schema));
  });
  after(async () => {
    await adapter?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const rel = (identifier: string) => adapter.relation({ schema, identifier });
  const rows = async (identifier: string) =>
    (await adapter.execute(`select * from ${rel(identifier)} order by 1`)).rows;

  test('quoted values, embedded delimiters and newlines, empty strings and nulls as dbt-postgres', async () => {
    const csv = join(dir, 'quoted.csv');
    writeFileSync(
      csv,
      [
        'id,label,note,amount',
        '1,"a, b","line1\nline2",1',
        '2,"",null,"2"',
        '3, ,"say ""x""",',
        '4,"null","  ",3.0',
        '5,plain,"ab"cd,',
        '6,"  lead",NULL,"1,000"',
        '',
      ].join('\n'),
    );
    const loaded = await adapter.loadSeed(rel('quoted'), csv);
    assert.equal(loaded.rowsAffected, 6);
    assert.match(loaded.sql?.at(-1) ?? '', /^copy .* from stdin with \(format csv/);
    assert.deepEqual(
      (await adapter.getColumns(rel('quoted'))).map((c) => `${c.name}:${c.dataType}`),
      ['id:integer', 'label:text', 'note:text', 'amount:integer'],
    );
    assert.deepEqual(await rows('quoted'), [
      [1, 'a, b', 'line1\nline2', 1],
      [2, null, null, 2],
      [3, null, 'say "x"', null],
      [4, null, null, 3],
      [5, 'plain', 'abcd', null],
      [6, '  lead', null, 1000],
    ]);
  });

  test('another delimiter, CRLF inside quotes, quote_columns off', async () => {
    const csv = join(dir, 'piped.csv');
    writeFileSync(csv, 'id|label|note\n1|"a|b"|x\n2||"multi\r\nline"\n3|"q""uote"|""\n');
    const loaded = await adapter.loadSeed(rel('piped'), csv, { delimiter: '|', quoteColumns: false });
    assert.equal(loaded.rowsAffected, 3);
    assert.deepEqual(await rows('piped'), [
      [1, 'a|b', 'x'],
      [2, null, 'multi\nline'],
      [3, 'q"uote', null],
    ]);
  });

  test('a failed load leaves the old rows; column_types apply to the copied text', async () => {
    const csv = join(dir, 'typed.csv');
    writeFileSync(csv, 'id,code\n1,007\n2,042\n');
    await adapter.loadSeed(rel('typed'), csv, { columnTypes: { code: 'varchar(3)' } });
    assert.deepEqual(await rows('typed'), [
      [1, '007'],
      [2, '042'],
    ]);
    // Reload into the kept table: `toolong` does not fit varchar(3), so nothing changes.
    writeFileSync(csv, 'id,code\n3,001\n4,toolong\n');
    await assert.rejects(adapter.loadSeed(rel('typed'), csv, { columnTypes: { code: 'varchar(3)' } }));
    assert.deepEqual(await rows('typed'), [
      [1, '007'],
      [2, '042'],
    ]);
    // The connection is usable after the aborted COPY, and a header-only file empties the table.
    writeFileSync(csv, 'id,code\n');
    const empty = await adapter.loadSeed(rel('typed'), csv);
    assert.equal(empty.rowsAffected, 0);
    assert.deepEqual(await rows('typed'), []);
  });
});
