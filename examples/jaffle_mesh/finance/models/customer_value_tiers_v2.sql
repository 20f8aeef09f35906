select
  customer_id,
  lifetime_value,
  cast(case
    when lifetime_value >= 150 then 'gold'
    when lifetime_value >= 50 then 'silver'
    else 'bronze'
  end as varchar) as value_tier
from {{ ref('customers', 'dim_customers') }}
