// The conformance scenarios of dbt's adapter test suite, written by us, run for every warehouse:
// the same fixture projects, the same expectations (recorded from dbt-core on each project's
// EXPECTED.md). A harness says how to copy a project for a warehouse and read its tables back.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { statuses, tessera } from '../helpers/projects.js';

export interface WarehouseHarness {
  name: string;
  /** A temp copy of a fixture project with a profile for this warehouse. */
  copy(fixture: string): string;
  /** Rows of `sql`, with unqualified names resolving to the project's schema. */
  query(dir: string, sql: string): Promise<Record<string, unknown>[]>;
  /** The seed `simple_materializations/seed.csv` as the warehouse types it (dbt's inference). */
  seedTypes: string[];
}

export function conformanceSuite(h: WarehouseHarness): void {
  const relations = async (dir: string) =>
    Object.fromEntries(
      (
        await h.query(
          dir,
          'select table_name, table_type from information_schema.tables where table_schema = current_schema() order by 1',
        )
      ).map((r) => [r.table_name, r.table_type]),
    );
  const count = async (dir: string, rel: string) =>
    Number((await h.query(dir, `select count(*) as n from ${rel}`))[0]!.n);

  describe(`simple materializations (${h.name})`, () => {
    test('seed, view, table, and switching a var-driven materialization', async () => {
      const dir = h.copy('simple_materializations');
      assert.equal((await tessera(dir, 'seed')).exitCode, 0);
      const run = await tessera(dir, 'run');
      assert.equal(run.exitCode, 0, JSON.stringify(run.results.map((r) => r.message)));
      assert.equal(run.results.length, 3);
      assert.deepEqual(await relations(dir), {
        seed: 'BASE TABLE',
        swappable: 'BASE TABLE',
        table_model: 'BASE TABLE',
        view_model: 'VIEW',
      });
      for (const rel of ['seed', 'swappable', 'table_model', 'view_model'])
        assert.equal(await count(dir, rel), 10);
      const types = await h.query(
        dir,
        `select column_name, data_type from information_schema.columns
         where table_schema = current_schema() and table_name = 'seed' order by ordinal_position`,
      );
      assert.deepEqual(
        types.map((t) => `${t.column_name}:${t.data_type}`),
        h.seedTypes,
      );

      assert.equal((await tessera(dir, 'run', { vars: { materialized_var: 'view' } })).exitCode, 0);
      assert.equal((await relations(dir)).swappable, 'VIEW');
      assert.equal(await count(dir, 'swappable'), 10);

      assert.equal((await tessera(dir, 'run', { vars: { materialized_var: 'incremental' } })).exitCode, 0);
      assert.equal((await relations(dir)).swappable, 'BASE TABLE');
      assert.equal(await count(dir, 'swappable'), 10);
    });
  });

  describe(`ephemeral chain (${h.name})`, () => {
    test('ephemeral models are inlined as CTEs and never built', async () => {
      const dir = h.copy('ephemeral_chain');
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
      assert.equal(build.results.length, 2);
      assert.deepEqual(await relations(dir), { final_table: 'BASE TABLE', seed: 'BASE TABLE' });
      const rows = await h.query(dir, 'select id, name, double_score from final_table order by id');
      assert.deepEqual(
        rows.map((r) => `${r.id}:${r.name}:${r.double_score}`),
        [
          '1:AMARA:142',
          '2:BJORN:128',
          '3:CHEN:176',
          '4:DALIA:184',
          '6:FREYA:158',
          '7:GORAN:120',
          '8:HANA:166',
          '10:JIA:190',
        ],
      );
      const compiled = build.results.find((r) => r.unique_id.endsWith('final_table'))!.compiled_code!;
      assert.match(compiled, /^with __dbt__cte__ephemeral_base as \(/);
      assert.ok(
        compiled.indexOf('__dbt__cte__ephemeral_base as') <
          compiled.indexOf('__dbt__cte__ephemeral_middle as'),
      );
    });
  });

  describe(`incremental growth (${h.name})`, () => {
    const models = [
      'default_strategy',
      'append',
      'merge_single_key',
      'merge_composite_key',
      'delete_insert_single_key',
      'delete_insert_composite_key',
    ];
    const sameRows = async (dir: string, model: string, seed: string) => {
      const cols = 'id, region, region_row, name, amount, updated_at';
      const diff = await h.query(
        dir,
        `select count(*) as n from ((select ${cols} from ${model} except all select ${cols} from ${seed})
         union all (select ${cols} from ${seed} except all select ${cols} from ${model})) as d`,
      );
      return Number(diff[0]!.n) === 0;
    };

    test('every strategy equals the seed after each growth step', async () => {
      const dir = h.copy('incremental_growth');
      assert.equal((await tessera(dir, 'seed')).exitCode, 0);
      const first = await tessera(dir, 'run');
      assert.equal(first.exitCode, 0, JSON.stringify(first.results.map((r) => r.message)));
      for (const m of models) assert.ok(await sameRows(dir, m, 'seed'), `${m} = seed`);

      const second = await tessera(dir, 'run', { vars: { seed_name: 'seed_added' } });
      assert.equal(second.exitCode, 0, JSON.stringify(second.results.map((r) => r.message)));
      for (const m of models) assert.ok(await sameRows(dir, m, 'seed_added'), `${m} = seed_added`);

      const third = await tessera(dir, 'run', { vars: { seed_name: 'seed_updated' } });
      assert.equal(third.exitCode, 0, JSON.stringify(third.results.map((r) => r.message)));
      for (const m of models.slice(2))
        assert.ok(await sameRows(dir, m, 'seed_updated'), `${m} = seed_updated`);
      for (const m of models.slice(0, 2)) {
        assert.equal(await count(dir, m), 25);
        assert.equal(
          await sameRows(dir, m, 'seed_updated'),
          false,
          `${m} keeps old versions of updated rows`,
        );
      }
    });

    test('--full-refresh rebuilds from scratch', async () => {
      const dir = h.copy('incremental_growth');
      await tessera(dir, 'seed');
      await tessera(dir, 'run', { vars: { seed_name: 'seed_added' } });
      assert.equal((await tessera(dir, 'run', { fullRefresh: true })).exitCode, 0);
      for (const m of models) assert.equal(await count(dir, m), 10);
    });
  });

  describe(`bad incremental strategy (${h.name})`, () => {
    test('first run builds; the incremental run fails with a clear error naming the strategy', async () => {
      const dir = h.copy('bad_incremental_strategy');
      await tessera(dir, 'seed');
      assert.equal((await tessera(dir, 'run')).exitCode, 0);
      const second = await tessera(dir, 'run');
      assert.equal(second.exitCode, 1);
      const r = second.results[0]!;
      assert.equal(r.status, 'error');
      assert.match(r.message ?? '', /bad_strategy/);
      assert.match(r.message ?? '', /nonsense/);
      assert.equal(await count(dir, 'bad_strategy'), 3, 'the previous table stays readable');
    });
  });

  describe(`tests (${h.name})`, () => {
    test('singular tests pass and fail', async () => {
      const dir = h.copy('singular_tests');
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 1);
      const s = statuses(build);
      assert.equal(s['seed.singular_tests.seed'], 'success');
      assert.equal(s['test.singular_tests.passing_no_duplicate_ids'], 'pass');
      assert.equal(s['test.singular_tests.failing_negative_scores'], 'fail');
      assert.equal(build.results.find((r) => r.status === 'fail')!.failures, 1);
    });

    test('generic tests on a seed, a view and a table, named as dbt names them', async () => {
      const dir = h.copy('generic_tests');
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 1);
      const byName = Object.fromEntries(build.results.map((r) => [r.unique_id.split('.')[2], r.status]));
      assert.deepEqual(byName, {
        seed: 'success',
        accepted_values_seed_color__red__green__blue__purple: 'pass',
        accepted_values_seed_quantity__False__1__2__3: 'pass',
        not_null_seed_id: 'pass',
        unique_seed_id: 'pass',
        view_model: 'success',
        not_null_view_model_id: 'pass',
        relationships_view_model_parent_id__id__ref_seed_: 'pass',
        unique_view_model_id: 'pass',
        table_model: 'success',
        accepted_values_table_model_color__red__green: 'fail',
        not_null_table_model_id: 'pass',
        not_null_table_model_parent_id: 'pass',
        unique_table_model_id: 'pass',
      });
      assert.equal(await count(dir, 'table_model'), 4);
    });

    test('a failing test on a seed skips everything downstream in build', async () => {
      const dir = h.copy('empty_project');
      mkdirSync(join(dir, 'seeds'));
      mkdirSync(join(dir, 'models'));
      writeFileSync(join(dir, 'seeds', 'people.csv'), 'id,name\n1,a\n,b\n');
      writeFileSync(
        join(dir, 'seeds', 'schema.yml'),
        'version: 2\nseeds:\n  - name: people\n    columns:\n      - name: id\n        data_tests: [not_null]\n',
      );
      writeFileSync(join(dir, 'models', 'downstream.sql'), "select * from {{ ref('people') }}\n");
      writeFileSync(join(dir, 'models', 'further.sql'), "select * from {{ ref('downstream') }}\n");
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 1);
      const byName = Object.fromEntries(build.results.map((r) => [r.unique_id.split('.')[2], r.status]));
      assert.deepEqual(byName, {
        people: 'success',
        not_null_people_id: 'fail',
        downstream: 'skipped',
        further: 'skipped',
      });
    });
  });

  describe(`empty project (${h.name})`, () => {
    test('builds nothing and succeeds', async () => {
      const dir = h.copy('empty_project');
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 0);
      assert.equal(build.results.length, 0);
    });
  });
}
