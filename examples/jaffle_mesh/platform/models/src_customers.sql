select
  cast(id as integer) as customer_id,
  cast(first_name as varchar) as first_name,
  cast(last_name as varchar) as last_name,
  cast(signed_up_on as date) as signed_up_on
from {{ ref('raw_customers') }}
