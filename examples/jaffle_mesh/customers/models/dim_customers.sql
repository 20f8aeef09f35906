select
  c.customer_id,
  c.first_name,
  c.last_name,
  o.first_order,
  o.most_recent_order,
  cast(coalesce(o.number_of_orders, 0) as integer) as number_of_orders,
  cast(coalesce(o.lifetime_value, 0) as decimal(12, 2)) as lifetime_value
from {{ ref('stg_customers') }} as c
left join {{ ref('customer_orders') }} as o on o.customer_id = c.customer_id
