{#- Whole days from one timestamp to another (positive when `later` is after `earlier`). -#}
{% macro days_between(earlier, later) -%}
  date_diff('day', cast({{ earlier }} as date), cast({{ later }} as date))
{%- endmacro %}
