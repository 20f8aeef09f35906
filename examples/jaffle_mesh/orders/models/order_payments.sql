-- Private to the orders team: what was paid towards each order.
select
  order_id,
  count(*) as payment_count,
  sum(amount) as amount
from {{ ref('platform', 'src_payments') }}
group by order_id
