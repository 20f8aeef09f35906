// Writes the raw seed CSVs of the jaffle_shop example from a seeded PRNG, so the same
// arguments always produce byte-identical files (the committed seeds are `--scale 1`).
//
//   npx tsx examples/jaffle_shop/generate.ts [--scale N] [--seed S] [--out DIR]
//
// Stores and products are a fixed catalogue; customers, orders and their items and payments
// grow with --scale. A few customers have no email on purpose: the project's `not_null` test
// on that column is configured to warn, and this is what makes it warn.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

type Cell = string | number | null;
type Row = Record<string, Cell>;

export interface GenerateOptions {
  /** Multiplies the number of customers and orders (1 gives ~100 customers, ~1000 orders). */
  scale: number;
  /** PRNG seed; the same seed and scale always give the same files. */
  seed: number;
}

export interface SeedFile {
  name: string;
  delimiter: string;
  columns: string[];
  rows: Row[];
}

/** mulberry32: tiny, fast and good enough for test data; returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Plain word lists, split once at start-up.
const FIRST_NAMES = `
Ada Bruno Chiara Dmitri Elena Farid Greta Hugo Ines Jonas Keiko Lars Mina Noah
Olga Pavel Quinn Rosa Sami Tove Umar Vera Wen Ximena Yusuf Zoe
`
  .trim()
  .split(/\s+/);
const LAST_NAMES = `
Abara Berg Costa Dubois Eriksen Fontaine Garcia Hansen Ivanova Jansen Kowalski
Lindqvist Moreau Nakamura Okafor Petrov Quispe Rossi Schmidt Tanaka Varga Weber
Yilmaz Zhang
`
  .trim()
  .split(/\s+/);

/** Stores open on different dates so "orders before opening" is a meaningful check. */
const STORES: Row[] = [
  { id: 1, name: 'Harbour Street', city: 'Lisbon', opened_at: '2023-03-01', tax_rate: 0.06 },
  { id: 2, name: 'Old Mill', city: 'Porto', opened_at: '2023-06-15', tax_rate: 0.06 },
  { id: 3, name: 'Canal Side', city: 'Utrecht', opened_at: '2023-09-01', tax_rate: 0.09 },
  { id: 4, name: 'Market Hall', city: 'Ghent', opened_at: '2023-11-20', tax_rate: 0.06 },
  { id: 5, name: 'Station Square', city: 'Bern', opened_at: '2024-02-01', tax_rate: 0.081 },
  { id: 6, name: 'Riverside', city: 'Tartu', opened_at: '2024-05-10', tax_rate: 0.22 },
];

/** Descriptions contain commas on purpose: it is why this seed uses ';' as its delimiter. */
const PRODUCTS: Row[] = (
  [
    ['JAF-001', 'Classic jaffle', 'jaffle', 850, 'Ham, cheese, tomato'],
    ['JAF-002', 'Mushroom melt', 'jaffle', 920, 'Mushroom, gruyere, thyme'],
    ['JAF-003', 'Spicy bean', 'jaffle', 780, 'Black beans, chili, lime'],
    ['JAF-004', 'Apple pie jaffle', 'jaffle', 690, 'Apple, cinnamon, butter'],
    ['JAF-005', 'Breakfast jaffle', 'jaffle', 980, 'Egg, bacon, chives'],
    ['JAF-006', 'Garden jaffle', 'jaffle', 810, 'Spinach, feta, olives'],
    ['BEV-001', 'Flat white', 'beverage', 390, 'Double shot, steamed milk'],
    ['BEV-002', 'Iced tea', 'beverage', 320, 'Black tea, lemon, mint'],
    ['BEV-003', 'Hot chocolate', 'beverage', 410, 'Cocoa, milk, vanilla'],
    ['BEV-004', 'Sparkling water', 'beverage', 250, 'Still or sparkling, chilled'],
    ['BEV-005', 'Orange juice', 'beverage', 450, 'Fresh, pressed, no sugar'],
    ['BEV-006', 'Chai latte', 'beverage', 430, 'Spiced tea, oat milk'],
  ] as const
).map(([sku, name, type, price_cents, description]) => ({ sku, name, type, price_cents, description }));

const ORDER_STATUSES = [
  'placed',
  'shipped',
  'completed',
  'completed',
  'completed',
  'returned',
  'return_pending',
];
const PAYMENT_METHODS = ['credit_card', 'credit_card', 'credit_card', 'bank_transfer', 'coupon', 'gift_card'];

const YEAR_START = Date.UTC(2024, 0, 1);
const YEAR_MS = 366 * 24 * 3600 * 1000;
const CUSTOMERS_PER_SCALE = 100;
const ORDERS_PER_SCALE = 1000;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function intBetween(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC: a timestamp literal DuckDB and the CSV sniffer both accept. */
function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function storeOpenedMs(store: Row): number {
  return Date.parse(`${store.opened_at as string}T00:00:00Z`);
}

/**
 * The customer of each order. Every tenth customer never orders (a "prospect") and the next
 * one orders exactly once, so the customer types of the marts all occur; the rest share the
 * remaining orders at random.
 */
function assignCustomers(random: () => number, customerCount: number, orderCount: number): number[] {
  const ids = Array.from({ length: customerCount }, (_, index) => index + 1);
  const oneTimers = ids.filter((id) => id % 10 === 1);
  const regulars = ids.filter((id) => id % 10 > 1);
  const assigned = [...oneTimers];
  while (assigned.length < orderCount) assigned.push(pick(random, regulars));
  for (let i = assigned.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [assigned[i], assigned[j]] = [assigned[j]!, assigned[i]!];
  }
  return assigned;
}

/** Builds all seed files in memory; the order of PRNG calls fixes the output for a seed. */
export function generateSeeds(options: GenerateOptions): SeedFile[] {
  const random = createRandom(options.seed);
  const customers: Row[] = [];
  const customerCount = CUSTOMERS_PER_SCALE * options.scale;
  for (let id = 1; id <= customerCount; id++) {
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const missingEmail = id % 37 === 0;
    customers.push({
      id,
      first_name: first,
      last_name: last,
      email: missingEmail ? null : `${first}.${last}.${id}@example.com`.toLowerCase(),
      signed_up_on: formatTimestamp(YEAR_START - intBetween(random, 1, 400) * 86_400_000).slice(0, 10),
    });
  }

  const orders: Row[] = [];
  const items: Row[] = [];
  const payments: Row[] = [];
  const orderCount = ORDERS_PER_SCALE * options.scale;
  const orderTimes: number[] = [];
  for (let i = 0; i < orderCount; i++) orderTimes.push(YEAR_START + Math.floor(random() * YEAR_MS));
  orderTimes.sort((a, b) => a - b); // ids grow with time, like a real order sequence
  const orderCustomers = assignCustomers(random, customerCount, orderCount);

  for (let index = 0; index < orderCount; index++) {
    const id = index + 1;
    const orderedMs = orderTimes[index]!;
    const openStores = STORES.filter((store) => storeOpenedMs(store) <= orderedMs);
    const store = pick(random, openStores);
    const status = pick(random, ORDER_STATUSES);
    const shippedAt =
      status === 'placed' ? null : formatTimestamp(orderedMs + intBetween(random, 1, 48) * 3_600_000);
    orders.push({
      id,
      customer_id: orderCustomers[index]!,
      store_id: store.id as number,
      ordered_at: formatTimestamp(orderedMs),
      shipped_at: shippedAt,
      status,
    });

    let subtotalCents = 0;
    const lineCount = intBetween(random, 1, 4);
    for (let line = 0; line < lineCount; line++) {
      const product = pick(random, PRODUCTS);
      const quantity = intBetween(random, 1, 3);
      subtotalCents += quantity * (product.price_cents as number);
      items.push({ id: items.length + 1, order_id: id, sku: product.sku as string, quantity });
    }

    // Payments add up to subtotal + tax exactly; one order in four is split in two payments.
    // Tax is computed in integer per-mille so ties round the same way as SQL decimals do.
    const taxPerMille = Math.round((store.tax_rate as number) * 1000);
    const totalCents = subtotalCents + Math.round((subtotalCents * taxPerMille) / 1000);
    const split = random() < 0.25 ? Math.floor(totalCents * (0.2 + random() * 0.6)) : totalCents;
    const parts = split === totalCents ? [totalCents] : [split, totalCents - split];
    for (const amount of parts) {
      payments.push({
        id: payments.length + 1,
        order_id: id,
        method: pick(random, PAYMENT_METHODS),
        amount_cents: amount,
        paid_at: formatTimestamp(orderedMs + intBetween(random, 0, 600) * 1000),
      });
    }
  }

  const file = (name: string, rows: Row[], delimiter = ','): SeedFile => ({
    name,
    delimiter,
    columns: Object.keys(rows[0]!),
    rows,
  });
  return [
    file('raw_stores', STORES),
    file('raw_products', PRODUCTS, ';'),
    file('raw_customers', customers),
    file('raw_orders', orders),
    file('raw_order_items', items),
    file('raw_payments', payments),
  ];
}

/** RFC 4180 quoting: only when the cell holds the delimiter, a quote or a line break. */
function formatCell(value: Cell, delimiter: string): string {
  if (value === null) return '';
  const text = String(value);
  const needsQuotes = text.includes(delimiter) || text.includes('"') || /[\r\n]/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsv(seed: SeedFile): string {
  const lines = [seed.columns.join(seed.delimiter)];
  for (const row of seed.rows) {
    lines.push(
      seed.columns.map((column) => formatCell(row[column] ?? null, seed.delimiter)).join(seed.delimiter),
    );
  }
  return `${lines.join('\n')}\n`;
}

function parsePositiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} expects a positive integer, got '${text}'`);
  return value;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
    },
  });
  const scale = parsePositiveInt(values.scale!, '--scale');
  const seed = parsePositiveInt(values.seed!, '--seed');
  const outDir = values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'seeds');
  mkdirSync(outDir, { recursive: true });
  for (const seedFile of generateSeeds({ scale, seed })) {
    const path = join(outDir, `${seedFile.name}.csv`);
    writeFileSync(path, formatCsv(seedFile));
    console.log(`${path}: ${seedFile.rows.length} rows`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    process.exit(1);
  }
}
