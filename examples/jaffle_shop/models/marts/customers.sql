-- One row per customer with their order history summed up.
{%- set revenue_statuses = var('revenue_statuses') %}

with

customers as (
    select * from {{ ref('stg_customers') }}
),

orders as (
    select * from {{ ref('orders') }}
),

customer_orders as (
    select
        customer_id,
        count(*) as order_count,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as last_ordered_at,
        sum(order_total) filter (
            where status in ({% for status in revenue_statuses %}'{{ status }}'{% if not loop.last %}, {% endif %}{% endfor %})
        ) as lifetime_value
    from orders
    group by customer_id
)

select
    customers.customer_id,
    customers.full_name,
    customers.email,
    customers.signed_up_on,
    coalesce(customer_orders.order_count, 0) as order_count,
    customer_orders.first_ordered_at,
    customer_orders.last_ordered_at,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value,
    case
        when customer_orders.order_count is null then 'prospect'
        when customer_orders.order_count = 1 then 'new'
        else 'returning'
    end as customer_type
from customers
left join customer_orders on customers.customer_id = customer_orders.customer_id
