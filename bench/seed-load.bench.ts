/**
 * Seed loading speed: writes a 1,000,000-row CSV (integers, decimals, dates, timestamps,
 * booleans, text with quotes) to a temp dir, loads it into in-memory DuckDB through the adapter
 * and prints rows/s, with the inference pass timed on its own.
 * Run: npx tsx bench/seed-load.bench.ts [rows]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inferSeedColumns } from '../src/adapters/duckdb/duckdb-seed-loader.js';
import { createAdapter } from '../src/adapters/index.js';
import { writeSeedCsv } from './seed-csv.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'tessera-seed-bench-'));
const path = join(dir, 'big_seed.csv');

try {
  await writeSeedCsv(path, rows);
  const megabytes = statSync(path).size / 1e6;
  const inferStart = performance.now();
  const columns = await inferSeedColumns(path);
  const inferSeconds = (performance.now() - inferStart) / 1000;
  const adapter = await createAdapter({ type: 'duckdb', path: ':memory:', threads: 1 });
  await adapter.open();
  const start = performance.now();
  const result = await adapter.loadSeed(adapter.relation({ identifier: 'big_seed' }), path);
  const seconds = (performance.now() - start) / 1000;
  const count = (await adapter.execute('select count(*) from big_seed')).rows[0]![0];
  await adapter.close();
  console.log(`file: ${rows} rows, ${megabytes.toFixed(1)} MB`);
  console.log(`types: ${columns.map((c) => `${c.name} ${c.dataType}`).join(', ')}`);
  console.log(
    `inference pass alone: ${inferSeconds.toFixed(2)} s (${Math.round(rows / inferSeconds)} rows/s)`,
  );
  console.log(
    `loadSeed (inference + create + COPY): ${seconds.toFixed(2)} s, ${Math.round(rows / seconds)} rows/s`,
  );
  console.log(`rows affected ${result.rowsAffected}, rows in table ${count}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
