-- depends_on: {{ ref('raw_order_items') }}
select
    id as order_item_id,
    order_id,
    sku as product_sku,
    quantity
from {{ source('jaffle_raw', 'raw_order_items') }}
