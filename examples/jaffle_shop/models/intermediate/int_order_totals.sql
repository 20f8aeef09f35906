-- Ephemeral: inlined as a CTE wherever it is referenced, never built in the warehouse.
with

items as (
    select * from {{ ref('stg_order_items') }}
),

products as (
    select * from {{ ref('stg_products') }}
),

orders as (
    select * from {{ ref('stg_orders') }}
),

stores as (
    select * from {{ ref('stg_stores') }}
),

order_lines as (
    select
        items.order_id,
        items.quantity,
        items.quantity * products.price_cents as line_cents,
        products.is_food
    from items
    inner join products on items.product_sku = products.product_sku
)

select
    order_lines.order_id,
    sum(order_lines.quantity) as item_count,
    bool_or(order_lines.is_food) as has_food,
    sum(order_lines.line_cents) as subtotal_cents,
    round(sum(order_lines.line_cents) * stores.tax_rate) as tax_cents
from order_lines
inner join orders on order_lines.order_id = orders.order_id
inner join stores on orders.store_id = stores.store_id
group by order_lines.order_id, stores.tax_rate
