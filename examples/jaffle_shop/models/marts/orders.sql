-- One row per order with its money figures; the column types are fixed by an enforced contract.
with

orders as (
    select * from {{ ref('stg_orders') }}
),

totals as (
    select * from {{ ref('int_order_totals') }}
),

payments as (
    select
        order_id,
        count(*) as payment_count,
        sum(amount) as amount_paid
    from {{ ref('stg_payments') }}
    group by order_id
),

final as (
    select
        orders.order_id,
        orders.customer_id,
        orders.store_id,
        orders.ordered_at,
        orders.shipped_at,
        orders.status,
        totals.item_count,
        totals.has_food,
        {{ cents_to_dollars('totals.subtotal_cents') }} as subtotal,
        {{ cents_to_dollars('totals.tax_cents') }} as tax_paid,
        {{ cents_to_dollars('totals.subtotal_cents + totals.tax_cents') }} as order_total,
        payments.payment_count,
        payments.amount_paid
    from orders
    inner join totals on orders.order_id = totals.order_id
    left join payments on orders.order_id = payments.order_id
)

select
    cast(order_id as integer) as order_id,
    cast(customer_id as integer) as customer_id,
    cast(store_id as integer) as store_id,
    cast(ordered_at as timestamp) as ordered_at,
    cast(shipped_at as timestamp) as shipped_at,
    cast(status as varchar) as status,
    cast(item_count as integer) as item_count,
    cast(has_food as boolean) as has_food,
    cast(subtotal as decimal(16, 2)) as subtotal,
    cast(tax_paid as decimal(16, 2)) as tax_paid,
    cast(order_total as decimal(16, 2)) as order_total,
    cast(coalesce(payment_count, 0) as integer) as payment_count,
    cast(coalesce(amount_paid, 0) as decimal(16, 2)) as amount_paid,
    order_total >= {{ var('large_order_threshold_dollars') }} as is_large_order
from final
