{#- Query-shaping keywords and wrappers: set operators, comparisons, empty and limited queries. -#}

{% macro except() -%}{{ return(adapter.dispatch('except', 'dbt')()) }}{%- endmacro %}
{% macro default__except() -%}except{%- endmacro %}

{% macro intersect() -%}{{ return(adapter.dispatch('intersect', 'dbt')()) }}{%- endmacro %}
{% macro default__intersect() -%}intersect{%- endmacro %}

{#- Plain equality, as dbt renders it by default (two nulls are not equal). -#}
{% macro equals(expr1, expr2) -%}{{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}{%- endmacro %}
{% macro default__equals(expr1, expr2) -%}({{ expr1 }} = {{ expr2 }}){%- endmacro %}

{% macro limit_zero() -%}{{ return(adapter.dispatch('limit_zero', 'dbt')()) }}{%- endmacro %}
{% macro default__limit_zero() -%}limit 0{%- endmacro %}

{#- A query with the columns of `select_sql` and no rows: enough to learn its shape cheaply. -#}
{% macro get_empty_subquery_sql(select_sql, select_sql_header=none) -%}
    {{ return(adapter.dispatch('get_empty_subquery_sql', 'dbt')(select_sql, select_sql_header)) }}
{%- endmacro %}
{% macro default__get_empty_subquery_sql(select_sql, select_sql_header=none) -%}
    {%- if select_sql_header is not none %}{{ select_sql_header }}
{% endif -%}
select * from (
{{ select_sql }}
) as __dbt_sbq
where false
limit 0
{%- endmacro %}

{#- `sql` with at most `limit` rows (none leaves it as is), as `show` and previews use it. -#}
{% macro get_limit_subquery_sql(sql, limit) -%}
    {{ return(adapter.dispatch('get_limit_sql', 'dbt')(sql, limit)) }}
{%- endmacro %}
{% macro default__get_limit_sql(sql, limit) -%}
{{ sql }}
{%- if limit is not none %}
limit {{ limit }}
{%- endif -%}
{%- endmacro %}
