{#- Turns an integer amount of cents into a decimal amount of dollars.
    Dispatched so each warehouse can use its own cast and division syntax. -#}
{% macro cents_to_dollars(column_name, scale=2) -%}
  {{ return(adapter.dispatch('cents_to_dollars')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name, scale) -%}
  cast(({{ column_name }}) as numeric(16, {{ scale }})) / 100
{%- endmacro %}

{#- DuckDB: divide first as a double, then cast, so the result keeps exactly `scale` digits. -#}
{% macro duckdb__cents_to_dollars(column_name, scale) -%}
  cast(({{ column_name }}) / 100.0 as decimal(16, {{ scale }}))
{%- endmacro %}
