// The CSV both seed benchmarks load: ints, decimals, dates, timestamps, booleans, quoted text.
import { createWriteStream } from 'node:fs';

/** Writes `rows` rows to `path`, streamed in batches of 10,000. */
export async function writeSeedCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write('id,amount,order_date,updated_at,is_active,customer_name,status\n');
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const amount = (i % 1000) + (i % 100) / 100;
    const name = i % 10 === 0 ? `"Smith, ""Jr"" ${i}"` : `customer ${i}`;
    batch += `${i},${amount},2024-${month}-${day},2024-${month}-${day} 12:${String(i % 60).padStart(2, '0')}:00,${i % 3 === 0},${name},${i % 7 === 0 ? '' : 'shipped'}\n`;
    if (i % 10_000 === 0) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}
