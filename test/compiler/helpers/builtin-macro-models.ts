/**
 * Models exercising the built-in `dbt` macros, one concern per model. Each selects checkable
 * values (mostly one row) so the test can compare them with what dbt-duckdb computes.
 */
export const BUILTIN_MACRO_MODELS: Record<string, string> = {
  m_types: `
select
    cast('x' as {{ type_string() }}) as s,
    cast(1 as {{ type_int() }}) as i,
    cast(1 as {{ type_bigint() }}) as b,
    cast(1.5 as {{ type_float() }}) as f,
    cast(1.5 as {{ type_numeric() }}) as n,
    cast('2024-01-31 10:00:00' as {{ type_timestamp() }}) as ts,
    cast('true' as {{ type_boolean() }}) as bool,
    {{ cast("'12'", type_int()) }} as casted,
    {{ safe_cast("'13'", type_int()) }} as safe_casted,
    {{ cast_bool_to_text('true') }} as bool_text
`,

  m_strings: `
with input as (select 'a-b-c' as word)
select
    {{ concat(["'a'", "'b'", "'-c'"]) }} as concatenated,
    {{ hash('word') }} = md5(word) as hash_matches_md5,
    length({{ hash('word') }})::int as hash_length,
    {{ replace('word', "'-'", "'_'") }} as replaced,
    {{ length('word') }}::int as len,
    {{ position("'b'", 'word') }}::int as pos,
    {{ right('word', 1) }} as right_part,
    {{ split_part('word', "'-'", 2) }} as second_part,
    {{ split_part('word', "'-'", -1) }} as last_part,
    {{ string_literal(escape_single_quotes("it's")) }} as literal
from input
`,

  m_dates: `
with input as (
    select
        date '2024-01-31' as d,
        timestamp '2024-01-31 10:30:00' as ts,
        date '2024-03-01' as later,
        date '2024-01-06' as saturday,
        date '2024-01-07' as sunday,
        date '2024-01-13' as next_saturday
)
select
    {{ dateadd('day', 1, 'd') }}::varchar as next_day,
    {{ dateadd('month', 1, 'd') }}::varchar as next_month,
    {{ dateadd('quarter', 1, 'd') }}::varchar as next_quarter,
    {{ dateadd('hour', 1, 'ts') }}::varchar as hour_later,
    {{ dateadd('week', -1, 'd') }}::varchar as back_a_week,
    {{ datediff('d', 'later', 'month') }}::varchar as months_between,
    {{ datediff('later', 'd', 'month') }}::varchar as months_backwards,
    {{ datediff("date '2023-12-31'", 'd', 'year') }}::varchar as years_between,
    {{ datediff('d', 'later', 'day') }}::varchar as days_between,
    {{ datediff('ts', "timestamp '2024-02-01 12:00:00'", 'hour') }}::varchar as hours_between,
    {{ datediff('saturday', 'sunday', 'week') }}::varchar as week_sat_to_sun,
    {{ datediff('sunday', 'next_saturday', 'week') }}::varchar as week_sun_to_sat,
    {{ datediff('sunday', 'saturday', 'week') }}::varchar as week_backwards,
    {{ datediff('saturday', "date '2024-01-28'", 'week') }}::varchar as weeks_between,
    cast({{ date_trunc('month', "date '2024-02-17'") }} as date)::varchar as month_start,
    {{ last_day("date '2024-02-10'", 'month') }}::varchar as month_end,
    {{ last_day("date '2024-05-10'", 'quarter') }}::varchar as quarter_end,
    {{ last_day("date '2023-07-04'", 'year') }}::varchar as year_end,
    {{ date(2024, 1, 31) }}::varchar as made_date,
    abs(epoch({{ current_timestamp() }}) - epoch(now())) < 60 as now_is_recent,
    abs(epoch({{ current_timestamp_backcompat() }}) - epoch(now()::timestamp)) < 60 as backcompat_is_recent,
    {{ current_timestamp_in_utc_backcompat() }} is not null as utc_backcompat_is_recent
from input
`,

  m_aggregates: `
with input as (
    select * from (values
        ('a', 'y', 3), ('a', 'w', 1), ('a', 'z', 4), ('a', 'x', 2), ('b', 'k', 1)
    ) as t(grp, letter, n)
)
select
    grp,
    {{ listagg('letter', "', '", 'order by letter') }} as all_ordered,
    {{ listagg('letter', "'|'", 'order by letter', 2) }} as first_two,
    {{ listagg('letter', "'|'", 'order by n desc', 2) }} as newest_two,
    (length({{ listagg('letter') }}) - length(replace({{ listagg('letter') }}, ',', '')) + 1)::int as default_delimiter_count,
    {{ any_value('letter') }} in ('w', 'x', 'y', 'z', 'k') as any_is_member,
    {{ bool_or('n > 3') }} as has_big
from input
group by grp
`,

  m_arrays: `
select
    {{ array_construct([1, 2, 3]) }} as built,
    len({{ array_construct([]) }})::int as empty_len,
    {{ array_append(array_construct([1, 2, 3]), 4) }} as appended,
    {{ array_concat(array_construct([1, 2, 3]), array_construct([10, 20], type_bigint())) }} as joined
`,

  m_set_ops: `
with numbers as (select * from (values (1), (2), (3)) as t(n))
select
    (select count(*)::int from (select n from numbers {{ except() }} select 2)) as except_count,
    (select count(*)::int from (select n from numbers {{ intersect() }} select 2)) as intersect_count,
    (select count(*)::int from numbers as l join numbers as r on {{ equals('l.n', 'r.n') }} where l.n < 3) as equal_pairs,
    (select count(*)::int from ({{ get_empty_subquery_sql('select n from numbers') }})) as empty_rows,
    (select count(*)::int from ({{ get_limit_subquery_sql('select numbers.n from numbers, numbers as again', 3) }})) as limited_rows,
    (select count(*)::int from (select n from numbers {{ limit_zero() }})) as limit_zero_rows
`,

  m_series: `
with native as ({{ generate_series(10) }}),
portable as ({{ default__generate_series(13) }}),
portable_one as ({{ default__generate_series(1) }})
select
    (select count(*)::int from native) as native_count,
    (select sum(generated_number)::int from native) as native_sum,
    (select count(*)::int from portable) as portable_count,
    (select sum(generated_number)::int from portable) as portable_sum,
    (select max(generated_number)::int from portable_one) as portable_one,
    '{{ get_powers_of_two(10) }}|{{ get_powers_of_two(1) }}|{{ get_powers_of_two(2) }}|{{ get_powers_of_two(1000) }}' as powers
`,

  m_spine_days: `{{ date_spine('day', "cast('2024-01-01' as date)", "cast('2024-01-10' as date)") }}`,

  m_spine_months: `{{ date_spine('month', "cast('2024-01-01' as date)", "cast('2024-04-01' as date)") }}`,

  m_intervals: `
select {{ get_intervals_between("cast('2024-01-01' as date)", "cast('2024-03-01' as date)", 'day') }} as intervals
`,

  m_relations: `
{#- Derived from this, which (unlike api.Relation.create) exists while parsing too. -#}
{%- set made = this.incorporate(path={'identifier': 'made_by_macro'}, type='table') -%}
{%- if execute -%}
    {%- call statement('to_drop') -%}create table {{ made.incorporate(path={'identifier': 'to_drop'}) }} as select 1 as x{%- endcall -%}
    {%- do drop_relation_if_exists(load_relation(made.incorporate(path={'identifier': 'to_drop'}))) -%}
    {%- do drop_relation_if_exists(load_relation(made)) -%}
    {%- call statement('make_table') -%}{{ create_table_as(false, made, 'select 42 as answer') }}{%- endcall -%}
    {%- set view = made.incorporate(path={'identifier': 'made_view'}, type='view') -%}
    {%- do drop_relation_if_exists(load_relation(view)) -%}
    {%- call statement('make_view') -%}{{ create_view_as(view, 'select answer + 1 as answer from ' ~ made) }}{%- endcall -%}
    {%- set temp = make_temp_relation(made) -%}
    {%- call statement('make_temp') -%}{{ create_table_as(true, temp, 'select 7 as seven') }}{%- endcall -%}
    {%- set seven = run_query('select seven from ' ~ temp).rows[0][0] -%}
    {%- call statement('drop_temp') -%}drop table {{ temp }}{%- endcall -%}
    {%- set hook_table = 'create or replace table ' ~ target.schema ~ '.' -%}
    {%- do run_hooks([hook_table ~ 'hook_inside as select 1 as x', {'sql': hook_table ~ 'hook_skipped as select 2 as x', 'transaction': false}]) -%}
    {%- do run_hooks([{'sql': hook_table ~ 'hook_outside as select 3 as x', 'transaction': false}], inside_transaction=false) -%}
{%- endif -%}
select
    {{ seven if execute else 0 }} as seven_from_temp,
    '{{ get_columns_in_query("select 1 as a, 2 as b, 3 as c") | join(",") }}' as columns,
    '{{ load_relation(ref("m_strings")).type if execute else "" }}' as loaded_type,
    {{ (load_relation(made.incorporate(path={'identifier': 'no_such_table'})) is none) | lower }} as missing_is_none
-- depends_on: {{ ref('m_strings') }}
`,
};
