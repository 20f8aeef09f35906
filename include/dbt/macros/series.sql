{#- Number and date series: `generate_series(n)` gives `generated_number` 1..n; `date_spine` one row per period. -#}

{#- The smallest p >= 1 with 2^p >= upper_bound: how many doubling cross joins reach the bound. -#}
{% macro get_powers_of_two(upper_bound) -%}
    {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}
{% macro default__get_powers_of_two(upper_bound) -%}
    {%- if upper_bound <= 0 -%}
    {{ exceptions.raise_compiler_error('get_powers_of_two needs a positive upper bound, got ' ~ upper_bound) }}
    {%- endif -%}
    {%- set state = namespace(power=1, reach=2) -%}
    {%- for _ in range(64) -%}
        {%- if state.reach < upper_bound -%}
            {%- set state.power = state.power + 1 -%}
            {%- set state.reach = state.reach * 2 -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(state.power) }}
{%- endmacro %}

{% macro generate_series(upper_bound) -%}
    {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}
{#- Without a series function: cross join `p` two-row tables, read each combination as bits, keep 1..n. -#}
{% macro default__generate_series(upper_bound) -%}
    {%- set powers = get_powers_of_two(upper_bound) -%}
select generated_number from (
    select {% for p in range(powers) %}b{{ p }}.value * {{ 2 ** p }} + {% endfor %}1 as generated_number
    from (select 1 as one) as seed
    {%- for p in range(powers) %}
    cross join (select 0 as value union all select 1 as value) as b{{ p }}
    {%- endfor %}
) as numbers
where generated_number <= {{ upper_bound }}
{%- endmacro %}
{#- DuckDB and PostgreSQL both have a set-returning generate_series whose column takes its name. -#}
{% macro duckdb__generate_series(upper_bound) -%}
select generate_series as generated_number from generate_series(1, {{ upper_bound }})
{%- endmacro %}
{% macro postgres__generate_series(upper_bound) -%}
select generate_series as generated_number from generate_series(1, {{ upper_bound }})
{%- endmacro %}

{#- How many whole `datepart` periods lie between two SQL date expressions; asks the warehouse. -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
    {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
    {%- if not execute -%}
        {#- Parsing never reaches the warehouse; any positive count keeps the spine's SQL well formed. -#}
        {{ return(1) }}
    {%- endif -%}
    {%- set result = run_query('select ' ~ datediff(start_date, end_date, datepart) ~ ' as intervals_between') -%}
    {%- set value = result.rows[0][0] if result and result.rows | length > 0 else none -%}
    {%- if value is none -%}
    {{ exceptions.raise_compiler_error('could not count the ' ~ datepart ~ ' intervals between ' ~ start_date ~ ' and ' ~ end_date) }}
    {%- endif -%}
    {{ return(value | int) }}
{%- endmacro %}

{#- One row per `datepart` from `start_date` (included) up to `end_date` (excluded), in column `date_<datepart>`. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) -%}
    {%- set periods = get_intervals_between(start_date, end_date, datepart) -%}
with numbers as (
    {{ generate_series(periods if periods > 0 else 1) }}
),
spine as (
    select {{ dateadd(datepart, 'numbers.generated_number - 1', start_date) }} as date_{{ datepart }}
    from numbers
)
select *
from spine
where date_{{ datepart }} < {{ end_date }}
{%- endmacro %}
