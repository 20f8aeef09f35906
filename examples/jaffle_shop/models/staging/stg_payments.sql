-- depends_on: {{ ref('raw_payments') }}
select
    id as payment_id,
    order_id,
    method as payment_method,
    amount_cents,
    {{ cents_to_dollars('amount_cents') }} as amount,
    cast(paid_at as timestamp) as paid_at
from {{ source('jaffle_raw', 'raw_payments') }}
