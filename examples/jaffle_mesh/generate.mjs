#!/usr/bin/env node
// Writes the platform domain's raw seeds (customers, orders, payments) from a fixed seed, so
// the CSVs committed under platform/seeds can be made again: `node generate.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), 'platform', 'seeds');
let state = 20241125;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const FIRST = ['Ana', 'Bram', 'Chloe', 'Dmitri', 'Ebba', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas'];
const LAST = ['Almeida', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Gomez', 'Horvat'];
const STATUSES = ['placed', 'shipped', 'completed', 'completed', 'completed', 'returned'];
const METHODS = ['credit_card', 'credit_card', 'bank_transfer', 'coupon', 'gift_card'];

const customers = ['id,first_name,last_name,signed_up_on'];
for (let id = 1; id <= 30; id++) {
  const day = 1 + Math.floor(random() * 28);
  customers.push(`${id},${pick(FIRST)},${pick(LAST)},2024-0${1 + (id % 6)}-${String(day).padStart(2, '0')}`);
}
const orders = ['id,customer_id,ordered_at,status'];
const payments = ['id,order_id,method,amount_cents'];
let paymentId = 1;
for (let id = 1; id <= 120; id++) {
  const month = 1 + Math.floor((id - 1) / 20);
  const day = 1 + Math.floor(random() * 28);
  orders.push(
    `${id},${1 + Math.floor(random() * 30)},2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${pick(STATUSES)}`,
  );
  const parts = random() < 0.2 ? 2 : 1;
  for (let p = 0; p < parts; p++)
    payments.push(`${paymentId++},${id},${pick(METHODS)},${500 + Math.floor(random() * 4500)}`);
}
writeFileSync(join(out, 'raw_customers.csv'), `${customers.join('\n')}\n`);
writeFileSync(join(out, 'raw_orders.csv'), `${orders.join('\n')}\n`);
writeFileSync(join(out, 'raw_payments.csv'), `${payments.join('\n')}\n`);
console.log(
  `wrote ${customers.length - 1} customers, ${orders.length - 1} orders, ${payments.length - 1} payments to ${out}`,
);
