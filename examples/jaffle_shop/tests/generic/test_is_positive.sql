{#- Fails on every row where the column is negative, or zero unless `allow_zero` is true.
    Nulls are left to `not_null`. -#}
{% test is_positive(model, column_name, allow_zero=false) %}

select {{ column_name }} as failing_value
from {{ model }}
where {{ column_name }} {{ '<' if allow_zero else '<=' }} 0

{% endtest %}
