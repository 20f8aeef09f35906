select
  cast(date_trunc('month', ordered_at) as date) as month,
  cast(count(*) as integer) as orders,
  cast(sum(amount) as decimal(14, 2)) as revenue
from {{ ref('orders', 'fct_orders') }}
where status in ('shipped', 'completed')
group by 1
order by 1
