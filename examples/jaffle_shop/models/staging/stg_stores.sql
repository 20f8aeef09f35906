select
    id as store_id,
    name as store_name,
    city,
    cast(opened_at as date) as opened_on,
    cast(tax_rate as decimal(5, 3)) as tax_rate
from {{ ref('raw_stores') }}
