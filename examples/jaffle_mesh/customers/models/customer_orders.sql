-- Private to the customers team: order history per customer, from the orders domain's product.
select
  customer_id,
  min(ordered_at) as first_order,
  max(ordered_at) as most_recent_order,
  count(*) as number_of_orders,
  sum(amount) filter (where status <> 'returned') as lifetime_value
from {{ ref('orders', 'fct_orders') }}
group by customer_id
