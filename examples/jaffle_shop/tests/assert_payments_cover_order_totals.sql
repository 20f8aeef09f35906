-- Singular test: every order is paid in full, to the cent. Returns the orders that are not.
select
    order_id,
    order_total,
    amount_paid
from {{ ref('orders') }}
where amount_paid <> order_total
