{#- Relation helpers materializations and packages call: look-ups, derived names, DDL text, hooks. -#}

{#- The relation as the warehouse has it now (with its real type), or none. -#}
{% macro load_relation(relation) -%}
    {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) }}
{%- endmacro %}
{% macro load_cached_relation(relation) -%}{{ return(load_relation(relation)) }}{%- endmacro %}

{#- A sibling of `base_relation` to build into before swapping it in. -#}
{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
    {{ return(adapter.dispatch('make_intermediate_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}
{% macro default__make_intermediate_relation(base_relation, suffix) -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix})) }}
{%- endmacro %}

{#- Where a temporary table for `base_relation` goes. -#}
{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
    {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}
{% macro default__make_temp_relation(base_relation, suffix) -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix})) }}
{%- endmacro %}
{#- Temporary tables live outside any schema on DuckDB and PostgreSQL, so they render by name alone. -#}
{% macro duckdb__make_temp_relation(base_relation, suffix) -%}
    {{ return(default__make_temp_relation(base_relation, suffix).include(database=false, schema=false)) }}
{%- endmacro %}
{% macro postgres__make_temp_relation(base_relation, suffix) -%}
    {{ return(default__make_temp_relation(base_relation, suffix).include(database=false, schema=false)) }}
{%- endmacro %}

{#- Where the old relation is parked while its replacement is swapped in; `backup_relation_type` is its kind. -#}
{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
    {{ return(adapter.dispatch('make_backup_relation', 'dbt')(base_relation, backup_relation_type, suffix)) }}
{%- endmacro %}
{% macro default__make_backup_relation(base_relation, backup_relation_type, suffix) -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix}, type=backup_relation_type)) }}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
    {%- if relation is not none -%}{{ adapter.drop_relation(relation) }}{%- endif -%}
{%- endmacro %}

{#- DDL text only: callers run it with `statement`. Temporary tables are named without database and schema. -#}
{% macro get_create_table_as_sql(temporary, relation, sql) -%}
    {{ return(adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql)) }}
{%- endmacro %}
{% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
create {% if temporary %}temporary {% endif %}table {{ relation.include(database=false, schema=false) if temporary else relation }} as (
{{ sql }}
);
{%- endmacro %}
{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
    {%- if language != 'sql' -%}
    {{ exceptions.raise_compiler_error("create_table_as supports only SQL models, not '" ~ language ~ "'") }}
    {%- endif -%}
    {{ return(get_create_table_as_sql(temporary, relation, compiled_code)) }}
{%- endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}
{% macro default__get_create_view_as_sql(relation, sql) -%}
create view {{ relation }} as (
{{ sql }}
);
{%- endmacro %}
{% macro create_view_as(relation, sql) -%}{{ return(get_create_view_as_sql(relation, sql)) }}{%- endmacro %}

{#- A view for view relations, a table otherwise. -#}
{% macro get_create_sql(relation, sql) -%}
    {%- if relation.is_view -%}
    {{ return(get_create_view_as_sql(relation, sql)) }}
    {%- else -%}
    {{ return(get_create_table_as_sql(false, relation, sql)) }}
    {%- endif -%}
{%- endmacro %}

{#- Column names of a query, learned by running it with no rows. Empty while parsing. -#}
{% macro get_columns_in_query(select_sql) -%}
    {{ return(adapter.dispatch('get_columns_in_query', 'dbt')(select_sql)) }}
{%- endmacro %}
{% macro default__get_columns_in_query(select_sql) -%}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set result = run_query(get_empty_subquery_sql(select_sql)) -%}
    {{ return(result.column_names) }}
{%- endmacro %}

{#-
    Runs hooks in order: each is SQL text or a mapping with `sql` (and `transaction`, which
    picks the hooks for `inside_transaction`; plain text counts as inside).
-#}
{% macro run_hooks(hooks, inside_transaction=true) -%}
    {%- for hook in hooks -%}
        {%- set hook_sql = hook if hook is string else hook.get('sql', '') -%}
        {%- set in_transaction = true if hook is string else hook.get('transaction', true) -%}
        {%- if in_transaction == inside_transaction and hook_sql | trim -%}
            {%- call statement(auto_begin=inside_transaction) -%}{{ hook_sql }}{%- endcall -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
