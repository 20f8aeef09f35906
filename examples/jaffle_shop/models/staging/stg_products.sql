-- Products and stores are reference data: they are read with ref() straight from their seeds.
select
    sku as product_sku,
    name as product_name,
    type as product_type,
    type = 'jaffle' as is_food,
    price_cents,
    {{ cents_to_dollars('price_cents') }} as price,
    description
from {{ ref('raw_products') }}
