/**
 * Queries using the built-in `dbt` macros with the values they must give, for warehouses where
 * the test compiles inline SQL and runs it directly. Every column is cast to text, so drivers'
 * number and date mappings do not matter. The values are the ones DuckDB (and dbt-duckdb) give.
 */
export interface MacroQuery {
  name: string;
  sql: string;
  expected: string[];
}

export const POSTGRES_MACRO_QUERIES: MacroQuery[] = [
  {
    name: 'dateadd (quarter becomes three months)',
    sql: `select
      {{ dateadd('day', 1, "date '2024-01-31'") }}::text,
      {{ dateadd('month', 1, "date '2024-01-31'") }}::text,
      {{ dateadd('quarter', 1, "date '2024-01-31'") }}::text,
      {{ dateadd('week', -1, "date '2024-01-31'") }}::text,
      {{ dateadd('hour', 1, "timestamp '2024-01-31 10:30'") }}::text`,
    expected: [
      '2024-02-01 00:00:00',
      '2024-02-29 00:00:00',
      '2024-04-30 00:00:00',
      '2024-01-24 00:00:00',
      '2024-01-31 11:30:00',
    ],
  },
  {
    name: 'datediff counts boundaries, weeks from Sunday',
    sql: `select
      {{ datediff("date '2024-01-31'", "date '2024-03-01'", 'month') }}::text,
      {{ datediff("date '2024-03-01'", "date '2024-01-31'", 'month') }}::text,
      {{ datediff("date '2023-12-31'", "date '2024-01-31'", 'year') }}::text,
      {{ datediff("date '2024-01-31'", "date '2024-05-01'", 'quarter') }}::text,
      {{ datediff("date '2024-01-31'", "date '2024-03-01'", 'day') }}::text,
      {{ datediff("timestamp '2024-01-31 10:30'", "timestamp '2024-02-01 12:00'", 'hour') }}::text,
      {{ datediff("timestamp '2024-01-31 10:30:10'", "timestamp '2024-01-31 10:31:05'", 'second') }}::text,
      {{ datediff("date '2024-01-06'", "date '2024-01-07'", 'week') }}::text,
      {{ datediff("date '2024-01-07'", "date '2024-01-06'", 'week') }}::text,
      {{ datediff("date '2024-01-06'", "date '2024-01-28'", 'week') }}::text`,
    expected: ['2', '-2', '1', '1', '30', '26', '55', '1', '-1', '4'],
  },
  {
    name: 'last_day, date_trunc and date',
    sql: `select
      {{ last_day("date '2024-02-10'", 'month') }}::text,
      {{ last_day("date '2024-05-10'", 'quarter') }}::text,
      {{ last_day("date '2023-07-04'", 'year') }}::text,
      cast({{ date_trunc('month', "date '2024-02-17'") }} as date)::text,
      {{ date(2024, 1, 31) }}::text`,
    expected: ['2024-02-29', '2024-06-30', '2023-12-31', '2024-02-01', '2024-01-31'],
  },
  {
    name: 'string macros (negative split_part counts from the end)',
    sql: `select
      {{ split_part("'a-b-c'", "'-'", 2) }},
      {{ split_part("'a-b-c'", "'-'", -1) }},
      {{ split_part("'a-b-c'", "'-'", -2) }},
      {{ concat(["'a'", "'b'"]) }},
      ({{ hash("'x'") }} = md5('x'))::text,
      {{ replace("'a-b'", "'-'", "'_'") }},
      {{ length("'abc'") }}::text,
      {{ position("'b'", "'abc'") }}::text,
      {{ right("'abc'", 2) }},
      {{ string_literal(escape_single_quotes("it's")) }},
      {{ cast_bool_to_text('true') }},
      {{ safe_cast("'5'", type_int()) }}::text`,
    expected: ['b', 'c', 'b', 'ab', 'true', 'a_b', '3', '2', 'bc', "it's", 'true', '5'],
  },
  {
    name: 'listagg with order and limit, any_value, bool_or',
    sql: `select
      {{ listagg('letter', "', '", 'order by letter') }},
      {{ listagg('letter', "'|'", 'order by n desc', 2) }},
      ({{ any_value('letter') }} in ('w', 'x', 'y', 'z'))::text,
      {{ bool_or('n > 3') }}::text
    from (values ('y', 3), ('w', 1), ('z', 4), ('x', 2)) as t(letter, n)`,
    expected: ['w, x, y, z', 'z|y', 'true', 'true'],
  },
  {
    name: 'arrays',
    sql: `select
      {{ array_construct([1, 2, 3]) }}::text,
      cardinality({{ array_construct([]) }})::text,
      {{ array_append(array_construct([1, 2, 3]), 4) }}::text,
      {{ array_concat(array_construct([1, 2]), array_construct([10])) }}::text`,
    expected: ['{1,2,3}', '0', '{1,2,3,4}', '{1,2,10}'],
  },
  {
    name: 'generate_series (native and portable) and date_spine',
    sql: `select
      (select sum(generated_number) from ({{ generate_series(10) }}) as s)::text,
      (select sum(generated_number) from ({{ default__generate_series(13) }}) as s)::text,
      (select count(*) from ({{ date_spine('day', "cast('2024-01-01' as date)", "cast('2024-01-10' as date)") }}) as s)::text,
      (select max(date_month)::date from ({{ date_spine('month', "cast('2024-01-01' as date)", "cast('2024-04-01' as date)") }}) as s)::text`,
    expected: ['55', '91', '9', '2024-03-01'],
  },
  {
    name: 'timestamps, set operators, empty subquery, query columns',
    sql: `select
      ({{ current_timestamp() }} is not null)::text,
      ({{ current_timestamp_in_utc_backcompat() }} is not null)::text,
      (select count(*) from (select 1 {{ except() }} select 2) as e)::text,
      (select count(*) from (select 1 {{ intersect() }} select 2) as i)::text,
      (select count(*) from ({{ get_empty_subquery_sql('select 1 as a') }}) as z)::text,
      '{{ get_columns_in_query("select 1 as a, 2 as b") | join(",") }}'`,
    expected: ['true', 'true', '1', '0', '0', 'a,b'],
  },
];
