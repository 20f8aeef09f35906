-- One row per store: revenue from the statuses listed in the `revenue_statuses` var.
{%- set revenue_statuses = var('revenue_statuses') %}

with

stores as (
    select * from {{ ref('stg_stores') }}
),

orders as (
    select * from {{ ref('orders') }}
    where status in ({% for status in revenue_statuses %}'{{ status }}'{% if not loop.last %}, {% endif %}{% endfor %})
),

store_orders as (
    select
        store_id,
        count(*) as order_count,
        count(*) filter (where is_large_order) as large_order_count,
        sum(order_total) as revenue,
        max(ordered_at) as last_ordered_at
    from orders
    group by store_id
)

select
    stores.store_id,
    stores.store_name,
    stores.city,
    stores.opened_on,
    {{ days_between('stores.opened_on', 'store_orders.last_ordered_at') }} as days_trading,
    coalesce(store_orders.order_count, 0) as order_count,
    coalesce(store_orders.large_order_count, 0) as large_order_count,
    coalesce(store_orders.revenue, 0) as revenue
from stores
left join store_orders on stores.store_id = store_orders.store_id
