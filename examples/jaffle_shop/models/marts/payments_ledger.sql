-- Incremental: each run only reads payments newer than the newest one already in the table.
-- `unique_key` makes a re-delivered payment replace its earlier row instead of duplicating it.
{{
    config(
        materialized='incremental',
        unique_key='payment_id',
        on_schema_change='fail',
        tags=['finance']
    )
}}

select
    payments.payment_id,
    payments.order_id,
    orders.customer_id,
    orders.store_id,
    payments.payment_method,
    payments.amount,
    payments.paid_at
from {{ ref('stg_payments') }} as payments
inner join {{ ref('stg_orders') }} as orders on payments.order_id = orders.order_id
{% if is_incremental() %}
where payments.paid_at > (select coalesce(max(paid_at), timestamp '1900-01-01') from {{ this }})
{% endif %}
