select
  o.order_id,
  o.customer_id,
  o.ordered_at,
  o.status,
  cast(coalesce(p.payment_count, 0) as integer) as payment_count,
  cast(coalesce(p.amount, 0) as decimal(12, 2)) as amount
from {{ ref('stg_orders') }} as o
left join {{ ref('order_payments') }} as p on p.order_id = o.order_id
