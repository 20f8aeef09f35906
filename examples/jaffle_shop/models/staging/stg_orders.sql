-- depends_on: {{ ref('raw_orders') }}
select
    id as order_id,
    customer_id,
    store_id,
    ordered_at,
    shipped_at,
    status
from {{ source('jaffle_raw', 'raw_orders') }}
