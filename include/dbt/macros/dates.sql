{#- Date arithmetic. `datepart` is a bare word (day, week, month, quarter, year, hour…); dates are SQL expressions. -#}

{% macro date_trunc(datepart, date) -%}{{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}{%- endmacro %}
{% macro default__date_trunc(datepart, date) -%}date_trunc('{{ datepart }}', {{ date }}){%- endmacro %}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
    {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}
{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
    dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
{#- The count may be any integer expression, so it scales a one-unit interval rather than being spliced into a literal. -#}
{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
    ({{ from_date_or_timestamp }} + cast({{ interval }} as bigint) * interval 1 {{ datepart }})
{%- endmacro %}
{#- PostgreSQL intervals know no quarter: three months stand in for one. -#}
{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {%- set unit, scale = ('month', 3) if datepart | lower == 'quarter' else (datepart, 1) -%}
    ({{ from_date_or_timestamp }} + ((interval '{{ scale }} {{ unit }}') * ({{ interval }})))
{%- endmacro %}

{#- How many `datepart` boundaries lie between two moments (positive when `second` is later). Weeks start on Sunday. -#}
{% macro datediff(first_date, second_date, datepart) -%}
    {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}
{% macro default__datediff(first_date, second_date, datepart) -%}
    datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
    {%- if datepart | lower == 'week' -%}
    {{ week_boundaries_between(first_date, second_date) }}
    {%- else -%}
    date_diff('{{ datepart }}', ({{ first_date }})::timestamp, ({{ second_date }})::timestamp)
    {%- endif -%}
{%- endmacro %}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
    {%- set part = datepart | lower -%}
    {%- set year_diff -%}(date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date)){%- endset -%}
    {%- set day_diff -%}(({{ second_date }})::date - ({{ first_date }})::date){%- endset -%}
    {%- if part == 'year' -%}
    {{ year_diff }}
    {%- elif part == 'quarter' -%}
    ({{ year_diff }} * 4 + date_part('quarter', ({{ second_date }})::date) - date_part('quarter', ({{ first_date }})::date))
    {%- elif part == 'month' -%}
    ({{ year_diff }} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
    {%- elif part == 'week' -%}
    {{ week_boundaries_between(first_date, second_date) }}
    {%- elif part == 'day' -%}
    {{ day_diff }}
    {%- else -%}
    {#- Finer parts: whole days scaled down, plus the difference of the clock fields. -#}
    {%- set hours -%}({{ day_diff }} * 24 + date_part('hour', ({{ second_date }})::timestamp) - date_part('hour', ({{ first_date }})::timestamp)){%- endset -%}
    {%- set minutes -%}({{ hours }} * 60 + date_part('minute', ({{ second_date }})::timestamp) - date_part('minute', ({{ first_date }})::timestamp)){%- endset -%}
    {%- set seconds -%}({{ minutes }} * 60 + floor(date_part('second', ({{ second_date }})::timestamp)) - floor(date_part('second', ({{ first_date }})::timestamp))){%- endset -%}
    {%- if part == 'hour' -%}{{ hours }}
    {%- elif part == 'minute' -%}{{ minutes }}
    {%- elif part == 'second' -%}{{ seconds }}
    {%- elif part == 'millisecond' -%}({{ minutes }} * 60000 + floor(date_part('milliseconds', ({{ second_date }})::timestamp)) - floor(date_part('milliseconds', ({{ first_date }})::timestamp)))
    {%- elif part == 'microsecond' -%}({{ minutes }} * 60000000 + floor(date_part('microseconds', ({{ second_date }})::timestamp)) - floor(date_part('microseconds', ({{ first_date }})::timestamp)))
    {%- else -%}{{ exceptions.raise_compiler_error("datediff does not know the date part '" ~ datepart ~ "'") }}
    {%- endif -%}
    {%- endif -%}
{%- endmacro %}
{#- Both dates moved back to the Sunday starting their week: the day gap is then an exact multiple of seven. -#}
{% macro week_boundaries_between(first_date, second_date) -%}
    cast(((({{ second_date }})::date - cast(date_part('dow', ({{ second_date }})::date) as integer)) - (({{ first_date }})::date - cast(date_part('dow', ({{ first_date }})::date) as integer))) / 7 as bigint)
{%- endmacro %}

{#- The last day of the `datepart` period holding `date`, as a date. -#}
{% macro last_day(date, datepart) -%}{{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}{%- endmacro %}
{% macro default__last_day(date, datepart) -%}
    cast({{ dateadd('day', '-1', dateadd(datepart, '1', date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{#- A date from its parts, e.g. `dbt.date(2024, 1, 31)`. -#}
{% macro date(year, month, day) -%}{{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}{%- endmacro %}
{% macro default__date(year, month, day) -%}make_date({{ year }}, {{ month }}, {{ day }}){%- endmacro %}

{% macro current_timestamp() -%}{{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}{%- endmacro %}
{% macro default__current_timestamp() -%}current_timestamp{%- endmacro %}
{% macro duckdb__current_timestamp() -%}now(){%- endmacro %}
{% macro postgres__current_timestamp() -%}now(){%- endmacro %}

{#- The pre-1.3 spellings: a timestamp without time zone. -#}
{% macro current_timestamp_backcompat() -%}
    {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}
{% macro default__current_timestamp_backcompat() -%}current_timestamp::timestamp{%- endmacro %}

{% macro current_timestamp_in_utc_backcompat() -%}
    {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}
{% macro default__current_timestamp_in_utc_backcompat() -%}{{ current_timestamp_backcompat() }}{%- endmacro %}
{% macro postgres__current_timestamp_in_utc_backcompat() -%}(current_timestamp at time zone 'utc')::timestamp{%- endmacro %}
