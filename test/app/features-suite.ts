// The newer dbt features, the same scenarios for every warehouse: contracts, snapshots, unit tests,
// source freshness, hooks, docs generate and data test configs (store_failures). Expected values
// are what dbt-core produces on the same projects with dbt-duckdb and dbt-postgres; a harness says
// where a warehouse differs (type names, schemas, adapter responses).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { docsGenerate, openInvocation, sourceFreshness } from '../../src/app/index.js';
import { EventBus } from '../../src/runner/index.js';
import { describeErrors, loadSchemaValidator } from '../artifacts/fixtures/dbt-schemas.js';
import { writeGapsProject } from '../helpers/gaps-project.js';
import { EXAMPLES, tessera } from '../helpers/projects.js';

export interface FeatureHarness {
  name: string;
  /** A temp copy of a fixture project (or an absolute folder) with a profile for this warehouse. */
  copy(source: string, profile?: string): string;
  /** Rows of `sql`, with unqualified names resolving to the project's schema. */
  query(dir: string, sql: string): Promise<Record<string, unknown>[]>;
  /** The schema the copy builds into (`target.schema`). */
  schemaOf(dir: string): string;
  /**
   * The schema to use in place of a fixture's absolute schema `name`: several copies share one
   * PostgreSQL server, so each needs its own.
   */
  ownSchema(dir: string, name: string): string;
  /** Edits the jaffle_shop copy where its SQL is the warehouse's own. */
  adaptJaffleShop?(dir: string): void;
  contract: {
    /** The contract's type of `amount`, as written in the YAML. */
    amountType: string;
    /** information_schema.columns of the built `orders` (name, type, numeric_precision, nullable). */
    columns: Record<string, unknown>[];
    /** How the preflight names the types of a text and an integer expression. */
    textType: string;
    integerType: string;
  };
  /** The snapshot's `column:data_type` list, as information_schema names them. */
  snapshotTypes: string[];
  /** DDL columns of the hooks' audit table and the order its rows were written in. */
  audit: { columns: string; orderBy: string };
  /** adapter_response of a table model of three rows, and of a view. */
  tableResponse: Record<string, unknown>;
  viewResponse: Record<string, unknown>;
}

const messages = (run: { results: { message: string | null }[] }) =>
  JSON.stringify(run.results.map((r) => r.message));

export function featureSuite(h: FeatureHarness): void {
  const tableCount = async (dir: string, schema: string, table: string) =>
    Number(
      (
        await h.query(
          dir,
          `select count(*) as n from information_schema.tables where table_schema = '${schema}' and table_name = '${table}'`,
        )
      )[0]!.n,
    );

  describe(`contracts (${h.name})`, () => {
    function project(sql: string): string {
      const dir = h.copy('empty_project');
      mkdirSync(join(dir, 'models'));
      writeFileSync(join(dir, 'models', 'orders.sql'), sql);
      writeFileSync(
        join(dir, 'models', 'schema.yml'),
        `version: 2
models:
  - name: orders
    config:
      materialized: table
      contract: {enforced: true}
    columns:
      - name: id
        data_type: integer
        constraints: [{type: not_null}]
      - name: amount
        data_type: ${h.contract.amountType}
`,
      );
      return dir;
    }

    test('a matching contract builds the table with the declared types and constraints', async () => {
      const dir = project('select 1 as id, 9.5 as amount\n');
      const run = await tessera(dir, 'run');
      assert.equal(run.exitCode, 0, messages(run));
      const cols = await h.query(
        dir,
        `select column_name, data_type, numeric_precision, is_nullable from information_schema.columns
         where table_schema = current_schema() and table_name = 'orders' order by ordinal_position`,
      );
      assert.deepEqual(cols, h.contract.columns);
    });

    test('the preflight lists a type mismatch, a missing and an extra column before building', async () => {
      const dir = project("select 'x'::text as id, 1 as extra\n");
      const run = await tessera(dir, 'run');
      assert.equal(run.exitCode, 1);
      const message = run.results[0]!.message ?? '';
      const { textType, integerType, amountType } = h.contract;
      const cell = (text: string) => text.replace(/[()]/g, '\\$&');
      assert.match(message, /enforced contract that failed/);
      assert.match(message, new RegExp(`\\| id +\\| ${textType} +\\| integer +\\| data type mismatch +\\|`));
      assert.match(
        message,
        new RegExp(`\\| amount +\\| +\\| ${cell(amountType)} +\\| missing in definition +\\|`),
      );
      assert.match(message, new RegExp(`\\| extra +\\| ${integerType} +\\| +\\| missing in contract +\\|`));
      assert.equal(await tableCount(dir, h.schemaOf(dir), 'orders'), 0);
    });
  });

  describe(`snapshots (${h.name})`, () => {
    test('timestamp and check snapshots hold exactly the rows dbt holds after a change', async () => {
      const dir = h.copy('snapshots');
      const snapshots = h.ownSchema(dir, 'snapshots');
      const file = join(dir, 'snapshots', 'people_snapshots.sql');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replaceAll("target_schema='snapshots'", `target_schema='${snapshots}'`),
      );
      assert.equal((await tessera(dir, 'seed')).exitCode, 0);
      const first = await tessera(dir, 'snapshot');
      assert.equal(first.exitCode, 0, messages(first));
      const second = await tessera(dir, 'build', {
        select: ['resource_type:snapshot'],
        vars: { people_seed: 'people_v2' },
      });
      assert.equal(second.exitCode, 0, messages(second));

      const rows = await h.query(
        dir,
        `select id, name, updated_at::varchar as u, dbt_valid_from::varchar as f, dbt_valid_to::varchar as t,
           dbt_scd_id as s, dbt_updated_at::varchar as du
         from "${snapshots}".people_by_timestamp order by id, dbt_valid_from`,
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

      const types = await h.query(
        dir,
        `select column_name, data_type from information_schema.columns
         where table_schema = '${snapshots}' and table_name = 'people_by_timestamp' order by ordinal_position`,
      );
      assert.deepEqual(
        types.map((t) => `${t.column_name}:${t.data_type}`),
        h.snapshotTypes,
      );

      const check = await h.query(
        dir,
        `select id, name, dbt_valid_to is null as current from "${snapshots}".people_by_check order by id, dbt_valid_from`,
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
  });

  describe(`unit tests (${h.name})`, () => {
    function project(expectRows: string): string {
      const dir = h.copy('empty_project');
      mkdirSync(join(dir, 'models'));
      mkdirSync(join(dir, 'seeds'));
      mkdirSync(join(dir, 'tests', 'fixtures'), { recursive: true });
      writeFileSync(join(dir, 'seeds', 'raw_orders.csv'), 'id,customer_id,amount,status\n1,1,10.5,paid\n');
      writeFileSync(join(dir, 'seeds', 'raw_customers.csv'), 'id,name\n1,ann\n');
      writeFileSync(
        join(dir, 'tests', 'fixtures', 'customers_fixture.csv'),
        'id,name\n1,ann\n2,bob\n3,cid\n',
      );
      writeFileSync(
        join(dir, 'models', 'customer_totals.sql'),
        `select c.id, c.name, coalesce(sum(o.amount), 0) as total, count(o.id) as n_orders
from {{ ref('raw_customers') }} c
left join {{ ref('raw_orders') }} o on o.customer_id = c.id and o.status = '{{ var("paid_status", "paid") }}'
group by 1, 2
`,
      );
      writeFileSync(
        join(dir, 'models', 'unit.yml'),
        `version: 2
unit_tests:
  - name: totals_per_customer
    model: customer_totals
    given:
      - input: ref('raw_customers')
        format: csv
        fixture: customers_fixture
      - input: ref('raw_orders')
        rows:
          - {id: 1, customer_id: 1, amount: 10, status: paid}
          - {id: 2, customer_id: 1, amount: 5.5, status: paid}
          - {id: 3, customer_id: 2, amount: 7, status: refunded}
    expect:
      rows:
${expectRows}
  - name: status_from_overridden_var
    model: customer_totals
    overrides:
      vars: {paid_status: refunded}
    given:
      - input: ref('raw_customers')
        rows: [{id: 2, name: bob}]
      - input: ref('raw_orders')
        rows: [{id: 3, customer_id: 2, amount: 7, status: refunded}]
    expect:
      rows: [{id: 2, total: 7}]
`,
      );
      return dir;
    }

    test('fixture rows cast to the inputs types, a CSV fixture and overrides; tests run before their model in build', async () => {
      const dir = project(`        - {id: 1, name: ann, total: 15.5, n_orders: 2}
        - {id: 2, name: bob, total: 0, n_orders: 0}
        - {id: 3, name: cid, total: 0, n_orders: 0}`);
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 0, messages(build));
      const byName = Object.fromEntries(build.results.map((r) => [r.unique_id, r.status]));
      const unit = 'unit_test.empty_project.customer_totals.totals_per_customer';
      assert.equal(byName[unit], 'pass');
      assert.equal(byName['unit_test.empty_project.customer_totals.status_from_overridden_var'], 'pass');
      const order = build.events.flatMap((e) => (e.type === 'node-started' ? [e.node.unique_id] : []));
      assert.ok(order.indexOf(unit) < order.indexOf('model.empty_project.customer_totals'));
    });

    test('a failing unit test shows a diff and skips its model in build', async () => {
      const dir = project(`        - {id: 1, name: ann, total: 99, n_orders: 2}
        - {id: 2, name: bob, total: 0, n_orders: 0}
        - {id: 3, name: cid, total: 0, n_orders: 0}`);
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 1);
      const failed = build.results.find((r) => r.unique_id.endsWith('totals_per_customer'))!;
      assert.equal(failed.status, 'fail');
      assert.match(failed.message ?? '', /\| - +\| 1 +\| ann +\| 99/);
      assert.match(failed.message ?? '', /\| \+ +\| 1 +\| ann +\| 15\.5/);
      assert.equal(
        build.results.find((r) => r.unique_id === 'model.empty_project.customer_totals')!.status,
        'skipped',
      );
    });
  });

  describe(`source freshness (${h.name})`, () => {
    test('fresh, stale and very stale sources pass, warn and error; sources.json validates', async () => {
      const dir = h.copy('empty_project');
      mkdirSync(join(dir, 'seeds'));
      mkdirSync(join(dir, 'models'));
      const hoursAgo = (hours: number) =>
        new Date(Date.now() - hours * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
      writeFileSync(join(dir, 'seeds', 'fresh_events.csv'), `id,loaded_at\n1,${hoursAgo(1)}\n`);
      writeFileSync(join(dir, 'seeds', 'stale_events.csv'), `id,loaded_at\n1,${hoursAgo(30)}\n`);
      writeFileSync(join(dir, 'seeds', 'old_events.csv'), `id,loaded_at\n1,${hoursAgo(24 * 10)}\n`);
      writeFileSync(
        join(dir, 'models', 'sources.yml'),
        `version: 2
sources:
  - name: raw
    schema: ${h.schemaOf(dir)}
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 12, period: hour}
      error_after: {count: 5, period: day}
    tables:
      - name: fresh_events
      - name: stale_events
      - name: old_events
      - name: unchecked
        freshness: null
`,
      );
      assert.equal((await tessera(dir, 'seed')).exitCode, 0);
      const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'freshness' });
      const outcome = await sourceFreshness(inv, {}, new EventBus());
      const byName = Object.fromEntries(outcome.results.map((r) => [r.unique_id.split('.').pop(), r.status]));
      assert.deepEqual(byName, { fresh_events: 'pass', stale_events: 'warn', old_events: 'error' });
      assert.equal(outcome.exitCode, 1);
      const artifact = JSON.parse(readFileSync(join(dir, 'target', 'sources.json'), 'utf8'));
      const valid = loadSchemaValidator('sources-v3');
      assert.ok(valid(artifact), describeErrors(valid));
      const stale = artifact.results.find((r: { unique_id: string }) => r.unique_id.endsWith('stale_events'));
      assert.ok(
        stale.max_loaded_at_time_ago_in_s > 29 * 3600 && stale.max_loaded_at_time_ago_in_s < 31 * 3600,
      );
    });
  });

  describe(`hooks (${h.name})`, () => {
    test('on-run-start, pre-hook, post-hook and on-run-end run in order with their context', async () => {
      const dir = h.copy('empty_project');
      const audit = (step: string, n: string) =>
        `"insert into {{ target.schema }}.audit (step, n) values (${step}, ${n})"`;
      writeFileSync(
        join(dir, 'dbt_project.yml'),
        [
          'name: hooks_project',
          "version: '1.0'",
          'profile: tessera_test',
          'on-run-start:',
          `  - "create table if not exists {{ target.schema }}.audit (${h.audit.columns})"`,
          `  - ${audit("'start'", '0')}`,
          'on-run-end:',
          `  - ${audit("'end'", '{{ results | length }}')}`,
          'models:',
          '  hooks_project:',
          `    +post-hook: ${audit("'post {{ this.identifier }}'", '(select count(*) from {{ this }})')}`,
          '',
        ].join('\n'),
      );
      mkdirSync(join(dir, 'models'));
      writeFileSync(
        join(dir, 'models', 'numbers.sql'),
        `{{ config(materialized='table', pre_hook=${audit("'pre'", '0')}) }}\nselect n from generate_series(0, 2) t(n)\n`,
      );
      const run = await tessera(dir, 'run');
      assert.equal(run.exitCode, 0, messages(run));
      const rows = await h.query(dir, `select step, n from audit order by ${h.audit.orderBy}`);
      assert.deepEqual(
        rows.map((r) => `${r.step}:${r.n}`),
        ['start:0', 'pre:0', 'post numbers:3', 'end:1'],
      );
      const model = run.results.find((r) => r.unique_id === 'model.hooks_project.numbers');
      assert.deepEqual(model?.adapter_response, h.tableResponse);
      // Hooks are results of the run too, as in dbt: start hooks first, end hooks last.
      assert.deepEqual(
        run.results.map((r) => [r.unique_id, r.status, r.message ?? '']),
        [
          [
            'operation.hooks_project.hooks_project-on-run-start-0',
            'success',
            'hooks_project.on-run-start.0 passed',
          ],
          [
            'operation.hooks_project.hooks_project-on-run-start-1',
            'success',
            'hooks_project.on-run-start.1 passed',
          ],
          ['model.hooks_project.numbers', 'success', model?.message ?? ''],
          [
            'operation.hooks_project.hooks_project-on-run-end-0',
            'success',
            'hooks_project.on-run-end.0 passed',
          ],
        ],
      );
    });
  });

  describe(`docs generate (${h.name})`, () => {
    test('the catalog validates and describes built relations and sources', async () => {
      const dir = h.copy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
      h.adaptJaffleShop?.(dir);
      const build = await tessera(dir, 'build');
      assert.equal(build.exitCode, 0, messages(build));
      const runResults = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8'));
      const validResults = loadSchemaValidator('run-results-v6');
      assert.ok(validResults(runResults), describeErrors(validResults));
      const view = runResults.results.find((r: { unique_id: string }) =>
        r.unique_id.endsWith('stg_customers'),
      );
      assert.deepEqual(view.adapter_response, h.viewResponse);

      const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'generate' });
      await docsGenerate(inv);
      const catalog = JSON.parse(readFileSync(join(dir, 'target', 'catalog.json'), 'utf8'));
      const valid = loadSchemaValidator('catalog-v1');
      assert.ok(valid(catalog), describeErrors(valid));
      const customers = catalog.nodes['model.jaffle_shop.customers'];
      assert.equal(customers.metadata.type, 'BASE TABLE');
      assert.equal(customers.metadata.schema, h.schemaOf(dir));
      assert.equal(customers.columns.customer_id.index, 1);
      assert.equal(catalog.nodes['model.jaffle_shop.stg_customers'].metadata.type, 'VIEW');
      assert.ok(Object.keys(catalog.sources).length > 0);
    });
  });

  describe(`data test configs and store_failures (${h.name})`, () => {
    test('severity, thresholds, fail_calc, limit; failing rows stored in the audit schema', async () => {
      const dir = h.copy('empty_project');
      writeGapsProject(dir, { storeFailures: true });
      const build = await tessera(dir, 'build');
      const byName = Object.fromEntries(
        build.results.map((r) => [r.unique_id.split('.')[2], [r.status, r.failures]]),
      );
      assert.deepEqual(byName, {
        gaps: ['success', null],
        nulls_default: ['fail', 5],
        nulls_warn_only: ['warn', 5],
        nulls_thresholds: ['warn', 5],
        nulls_fail_calc: ['pass', 0],
        nulls_limit: ['fail', 2],
      });
      assert.equal(build.exitCode, 1);
      const stored = await h.query(
        dir,
        `select count(*) as n from "${h.schemaOf(dir)}_dbt_test__audit".nulls_default`,
      );
      assert.equal(Number(stored[0]!.n), 5);
    });
  });
}
