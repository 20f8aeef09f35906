// The built-in `dbt` macro namespace (include/dbt/macros) rendered through the real parser, compiler
// and runner, with the SQL run on real DuckDB (one project, one run; each test reads what it built)
// and, for the postgres__ variants, on a throwaway PostgreSQL. Expected values were checked against
// dbt-core 1.11 + dbt-duckdb on the same models; PostgreSQL must give the same values.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Adapter } from '../../src/adapters/index.js';
import { compileInline, connect, type Invocation, openInvocation } from '../../src/app/index.js';
import type { Compiler } from '../../src/compiler/index.js';
import { createDatabase, postgresUrl, profileKeys } from '../helpers/postgres.js';
import { FIXTURES, projectCopy, query, statuses, tessera } from '../helpers/projects.js';
import { BUILTIN_MACRO_MODELS } from './helpers/builtin-macro-models.js';
import { POSTGRES_MACRO_QUERIES } from './helpers/builtin-macro-queries.js';

let dir = '';
let runStatuses: Record<string, string> = {};

/** The single row a one-row model holds. */
async function row(model: string): Promise<Record<string, unknown>> {
  const rows = await query(dir, `select * from main.${model}`);
  assert.equal(rows.length, 1, `${model} should hold one row`);
  return rows[0]!;
}

before(async () => {
  dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'), { recursive: true });
  for (const [name, sql] of Object.entries(BUILTIN_MACRO_MODELS))
    writeFileSync(join(dir, 'models', `${name}.sql`), sql);
  // One thread: the temporary-table model reads its temp table back on the same connection.
  const run = await tessera(dir, 'run', { threads: 1 });
  runStatuses = statuses(run);
});

describe('built-in dbt macros on DuckDB', () => {
  test('every model using the macros builds', () => {
    const expected = Object.keys(BUILTIN_MACRO_MODELS).map((name) => [
      `model.empty_project.${name}`,
      'success',
    ]);
    assert.deepEqual(runStatuses, Object.fromEntries(expected));
  });

  test('type_* macros give the column types dbt-duckdb gives', async () => {
    const columns = await query(
      dir,
      `select column_name, data_type from information_schema.columns where table_name = 'm_types' order by ordinal_position`,
    );
    assert.deepEqual(
      columns.map((c) => `${c.column_name}:${c.data_type}`),
      [
        's:VARCHAR',
        'i:INTEGER',
        'b:BIGINT',
        'f:FLOAT',
        'n:DECIMAL(28,6)',
        'ts:TIMESTAMP',
        'bool:BOOLEAN',
        'casted:INTEGER',
        'safe_casted:INTEGER',
        'bool_text:VARCHAR',
      ],
    );
    const r = await row('m_types');
    assert.equal(r.n, '1.500000');
    assert.equal(r.bool_text, 'true');
  });

  test('string macros', async () => {
    assert.deepEqual(await row('m_strings'), {
      concatenated: 'ab-c',
      hash_matches_md5: true,
      hash_length: 32,
      replaced: 'a_b_c',
      len: 5,
      pos: 3,
      right_part: 'c',
      second_part: 'b',
      last_part: 'c',
      literal: "it's",
    });
  });

  test('dateadd, datediff, date_trunc, last_day and date', async () => {
    assert.deepEqual(await row('m_dates'), {
      next_day: '2024-02-01 00:00:00',
      next_month: '2024-02-29 00:00:00',
      next_quarter: '2024-04-30 00:00:00',
      hour_later: '2024-01-31 11:30:00',
      back_a_week: '2024-01-24 00:00:00',
      months_between: '2',
      months_backwards: '-2',
      years_between: '1',
      days_between: '30',
      hours_between: '26',
      week_sat_to_sun: '1',
      week_sun_to_sat: '0',
      week_backwards: '-1',
      weeks_between: '4',
      month_start: '2024-02-01',
      month_end: '2024-02-29',
      quarter_end: '2024-06-30',
      year_end: '2023-12-31',
      made_date: '2024-01-31',
      now_is_recent: true,
      backcompat_is_recent: true,
      utc_backcompat_is_recent: true,
    });
  });

  test('listagg, any_value and bool_or', async () => {
    const rows = await query(dir, 'select * from main.m_aggregates order by grp');
    assert.deepEqual(rows, [
      {
        grp: 'a',
        all_ordered: 'w, x, y, z',
        first_two: 'w|x',
        newest_two: 'z|y',
        default_delimiter_count: 4,
        any_is_member: true,
        has_big: true,
      },
      {
        grp: 'b',
        all_ordered: 'k',
        first_two: 'k',
        newest_two: 'k',
        default_delimiter_count: 1,
        any_is_member: true,
        has_big: false,
      },
    ]);
  });

  test('array macros', async () => {
    assert.deepEqual(await row('m_arrays'), {
      built: [1, 2, 3],
      empty_len: 0,
      appended: [1, 2, 3, 4],
      joined: [1, 2, 3, 10, 20],
    });
  });

  test('except, intersect, equals and empty/limited subqueries', async () => {
    assert.deepEqual(await row('m_set_ops'), {
      except_count: 2,
      intersect_count: 1,
      equal_pairs: 2,
      empty_rows: 0,
      limited_rows: 3,
      limit_zero_rows: 0,
    });
  });

  test('generate_series and get_powers_of_two', async () => {
    assert.deepEqual(await row('m_series'), {
      native_count: 10,
      native_sum: 55,
      portable_count: 13,
      portable_sum: 91,
      portable_one: 1,
      powers: '4|1|1|10',
    });
  });

  test('date_spine: one row per period, end excluded', async () => {
    const days = await query(
      dir,
      'select cast(date_day as date)::varchar as d from main.m_spine_days order by 1',
    );
    assert.equal(days.length, 9);
    assert.equal(days[0]!.d, '2024-01-01');
    assert.equal(days.at(-1)!.d, '2024-01-09');
    const months = await query(
      dir,
      'select cast(date_month as date)::varchar as d from main.m_spine_months order by 1',
    );
    assert.deepEqual(
      months.map((m) => m.d),
      ['2024-01-01', '2024-02-01', '2024-03-01'],
    );
    assert.equal((await row('m_intervals')).intervals, 60);
  });

  test('relation helpers run real DDL and introspection', async () => {
    assert.deepEqual(await row('m_relations'), {
      seven_from_temp: 7,
      columns: 'a,b,c',
      loaded_type: 'view',
      missing_is_none: true,
    });
    assert.deepEqual(await query(dir, 'select answer from main.made_by_macro'), [{ answer: 42 }]);
    assert.deepEqual(await query(dir, 'select answer from main.made_view'), [{ answer: 43 }]);
    const hookTables = await query(
      dir,
      `select table_name from information_schema.tables where table_name like 'hook_%' order by 1`,
    );
    assert.deepEqual(
      hookTables.map((t) => t.table_name),
      ['hook_inside', 'hook_outside'],
    );
    const dropped = await query(
      dir,
      `select count(*)::int as n from information_schema.tables where table_name = 'to_drop'`,
    );
    assert.equal(dropped[0]!.n, 0);
  });
});

describe('built-in dbt macros: rendered SQL', () => {
  let inv: Invocation;
  let adapter: Adapter;
  let compiler: Compiler;
  const render = (sql: string) => compileInline(inv, sql, compiler);

  before(async () => {
    inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'compile' });
    ({ adapter, compiler } = await connect(inv));
  });
  after(async () => {
    await adapter?.close();
  });

  test('type names match dbt-duckdb', async () => {
    const sql = await render(
      '{{ type_string() }}|{{ type_int() }}|{{ type_bigint() }}|{{ type_float() }}|{{ type_numeric() }}|{{ type_timestamp() }}|{{ type_boolean() }}',
    );
    assert.equal(sql, 'TEXT|integer|bigint|float|numeric(28,6)|timestamp|boolean');
  });

  test('adapter.dispatch picks duckdb__ variants, then default__', async () => {
    assert.equal(await render("{{ adapter.dispatch('any_value', 'dbt')('x') }}"), 'arbitrary(x)');
    assert.equal(await render("{{ adapter.dispatch('bool_or', 'dbt')('x') }}"), 'bool_or(x)');
    assert.equal(await render("{{ split_part('s', \"','\", -1) }}"), "string_split(s, ',')[-1]");
    assert.equal(await render('{{ string_literal(escape_single_quotes("it\'s")) }}'), "'it''s'");
    assert.equal(await render("{{ concat(['a', \"'-'\", 'b']) }}"), "a || '-' || b");
    assert.equal(await render('{{ current_timestamp() }}'), 'now()');
  });

  test('relation names derived from a base relation', async () => {
    const sql = await render(
      [
        "{%- set base = api.Relation.create(database='db', schema='sch', identifier='orders', type='table') -%}",
        '{{ make_temp_relation(base) }}|{{ make_intermediate_relation(base) }}|{{ make_backup_relation(base, "view") }}',
        '|{{ make_backup_relation(base, "view").type }}|{{ make_temp_relation(base, suffix="__x") }}',
      ].join(''),
    );
    assert.equal(
      sql,
      '"orders__dbt_tmp"|"db"."sch"."orders__dbt_tmp"|"db"."sch"."orders__dbt_backup"|view|"orders__x"',
    );
  });

  test('create_table_as and create_view_as return DDL text', async () => {
    const prefix = "{%- set rel = api.Relation.create(database='db', schema='sch', identifier='t') -%}";
    assert.equal(
      await render(`${prefix}{{ create_table_as(false, rel, 'select 1 as a') }}`),
      'create table "db"."sch"."t" as (\nselect 1 as a\n);',
    );
    assert.equal(
      await render(`${prefix}{{ create_table_as(true, rel, 'select 1 as a') }}`),
      'create temporary table "t" as (\nselect 1 as a\n);',
    );
    assert.equal(
      await render(`${prefix}{{ get_create_view_as_sql(rel, 'select 1 as a') }}`),
      'create view "db"."sch"."t" as (\nselect 1 as a\n);',
    );
  });

  test('get_powers_of_two rejects a bound below one', async () => {
    await assert.rejects(render('{{ get_powers_of_two(0) }}'), /positive upper bound/);
  });
});

describe('built-in dbt macros on PostgreSQL', () => {
  let inv: Invocation;
  let adapter: Adapter;
  let compiler: Compiler;
  const render = (sql: string) => compileInline(inv, sql, compiler);

  before(async () => {
    const pgDir = mkdtempSync(join(tmpdir(), 'tessera-pg-macros-'));
    cpSync(join(FIXTURES, 'empty_project'), pgDir, { recursive: true });
    const keys = profileKeys(await createDatabase(await postgresUrl()));
    const output = Object.entries({ type: 'postgres', ...keys, schema: 'public', threads: 1 })
      .map(([key, value]) => `      ${key}: '${value}'`)
      .join('\n');
    writeFileSync(
      join(pgDir, 'profiles.yml'),
      `tessera_test:\n  target: dev\n  outputs:\n    dev:\n${output}\n`,
    );
    inv = await openInvocation({ projectDir: pgDir, profilesDir: pgDir, command: 'compile' });
    ({ adapter, compiler } = await connect(inv));
  });
  after(async () => {
    await adapter?.close();
  });

  test('dispatch picks the postgres__ variants', async () => {
    assert.equal(await render("{{ any_value('x') }}"), 'min(x)');
    assert.equal(
      await render('{{ current_timestamp_in_utc_backcompat() }}'),
      "(current_timestamp at time zone 'utc')::timestamp",
    );
    assert.equal(await render("{{ dateadd('quarter', 2, 'd') }}"), "(d + ((interval '3 month') * (2)))");
    assert.equal(
      await render(
        "{{ make_temp_relation(api.Relation.create(database='db', schema='sch', identifier='t')) }}",
      ),
      '"t__dbt_tmp"',
    );
  });

  for (const { name, sql, expected } of POSTGRES_MACRO_QUERIES) {
    test(name, async () => {
      const result = await adapter.execute(await render(sql));
      assert.deepEqual(result.rows, [expected]);
    });
  }
});
