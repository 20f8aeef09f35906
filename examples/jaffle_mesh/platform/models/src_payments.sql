select
  cast(p.id as integer) as payment_id,
  cast(p.order_id as integer) as order_id,
  cast(p.method as varchar) as method,
  cast(m.method_kind as varchar) as method_kind,
  cast(p.amount_cents / 100 as decimal(10, 2)) as amount
from {{ ref('raw_payments') }} as p
left join {{ ref('payment_methods') }} as m on m.method = p.method
