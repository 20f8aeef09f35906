// One schedule across the projects of a mesh on DuckDB (one shared file): the shared scenarios of
// mesh-schedule-suite.ts, then how the projects of one run share the file's DuckDB instance.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAdapter } from '../../src/adapters/index.js';
import { meshScheduleSuite } from './mesh-schedule-suite.js';

const suite = meshScheduleSuite({
  profile: (name) => `${name}:
  target: prod
  outputs:
    prod:
      type: duckdb
      path: "{{ env_var('TESSERA_MESH_ROOT') }}/target/mesh.duckdb"
      schema: ${name}
      threads: 4
`,
  slowSelect: 'select sum(hash(i)) as total from range(60000000) t(i)',
  slowSubquery: '(select sum(hash(i)) as s from range(20000000) t(i))',
  relation: (project, name) => `"mesh"."${project}"."${name}"`,
});

test('projects on one DuckDB file share its instance, even when one closes as another opens', async () => {
  const file = join(suite.dir(), 'target', 'shared.duckdb');
  const target = { type: 'duckdb', path: file, threads: 2 } as never;
  const first = await createAdapter(target);
  await first.open();
  await first.execute('create table made_by_first as select 1 as x');
  const second = await createAdapter(target);
  // The last user of the first instance leaves just as a new one arrives.
  await Promise.all([first.close(), second.open()]);
  try {
    const r = await second.execute('select x from made_by_first');
    assert.deepEqual(r.rows, [[1]]);
  } finally {
    await second.close();
  }
});
