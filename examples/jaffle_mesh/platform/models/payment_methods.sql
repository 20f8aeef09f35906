-- Private to the platform team: how each payment method is settled.
select * from (values
  ('credit_card', 'card'),
  ('bank_transfer', 'bank'),
  ('coupon', 'voucher'),
  ('gift_card', 'voucher')
) as t(method, method_kind)
