-- Singular test: a store cannot take orders before the day it opened.
{{ config(tags=['data_quality']) }}

select
    orders.order_id,
    orders.ordered_at,
    stores.opened_on
from {{ ref('stg_orders') }} as orders
inner join {{ ref('stg_stores') }} as stores on orders.store_id = stores.store_id
where cast(orders.ordered_at as date) < stores.opened_on
