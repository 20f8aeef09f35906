// Parallel replaces of two tables under one shared view: each swap recreates the view, so the
// two transactions can deadlock; the server aborts one and the adapter runs it again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Adapter, createAdapter } from '../../src/adapters/index.js';
import { createDatabase, postgresUrl, profileKeys } from '../helpers/postgres.js';

let adapter: Adapter;
before(async () => {
  const keys = profileKeys(await createDatabase(await postgresUrl()));
  adapter = await createAdapter({ type: 'postgres', ...keys, schema: 'public', threads: 4 });
  await adapter.open();
});
after(async () => {
  await adapter?.close();
});

test('sibling swaps that recreate the same dependent view all succeed', async () => {
  const rel = (identifier: string) => adapter.relation({ identifier });
  const parents = ['left_side', 'right_side', 'third_side', 'fourth_side'];
  for (const name of parents)
    await adapter.replaceRelation(rel(name), { type: 'table', sql: 'select 1 as id' });
  const joined = parents.map((p, i) => (i === 0 ? `${rel(p)} p0` : `join ${rel(p)} p${i} using (id)`));
  await adapter.execute(`create view ${rel('shared')} as select p0.id from ${joined.join(' ')}`);
  for (let round = 0; round < 8; round++) {
    await Promise.all(
      parents.map((name) =>
        adapter.replaceRelation(rel(name), { type: 'table', sql: `select ${round} as id` }),
      ),
    );
  }
  assert.deepEqual((await adapter.execute(`select id from ${rel('shared')}`)).rows, [[7]]);
});
