/**
 * PostgreSQL benchmarks, each beside DuckDB, on a throwaway server started here (the test helper):
 * 1. seed load: a 1,000,000-row CSV (7 mixed columns) through `loadSeed` (inference + COPY);
 * 2. the layered 1,000-model project of `bench/gen-project.ts`: `tessera seed` then `build`
 *    (models + their unique/not_null tests), and `run` again on the built database.
 * dbt-core + dbt-postgres on the same project: bench/dbt-core/build-postgres.sh.
 * Run: npx tsx bench/postgres.bench.ts [seed rows] (BENCH_PG_MODELS=1000, BENCH_PG_THREADS=4)
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAdapter } from '../src/adapters/index.js';
import { openInvocation, runCommand } from '../src/app/index.js';
import { EventBus } from '../src/runner/index.js';
import { profileKeys, startPostgres } from '../test/helpers/postgres.js';
import { generateProject, PROFILE_NAME, type ProjectFile, writeProject } from './gen-project.js';
import { writeSeedCsv } from './seed-csv.js';

const SEED_ROWS = Number(process.argv[2] ?? 1_000_000);
const MODELS = Number(process.env.BENCH_PG_MODELS ?? 1000);
const THREADS = Number(process.env.BENCH_PG_THREADS ?? 4);
const WORK = '/tmp/tessera-bench/postgres';

const load = () => loadavg()[0]!.toFixed(1);
const seconds = (start: number) => (performance.now() - start) / 1000;

type Warehouse = { type: 'duckdb'; path: string } | { type: 'postgres'; keys: Record<string, unknown> };

async function seedLoad(warehouse: Warehouse, csv: string): Promise<number> {
  const adapter =
    warehouse.type === 'duckdb'
      ? await createAdapter({ type: 'duckdb', path: warehouse.path, threads: 1 })
      : await createAdapter({ type: 'postgres', ...warehouse.keys, schema: 'public', threads: 1 });
  await adapter.open();
  try {
    const start = performance.now();
    const result = await adapter.loadSeed(adapter.relation({ identifier: 'big_seed' }), csv);
    const took = seconds(start);
    if (result.rowsAffected !== SEED_ROWS) throw new Error(`loaded ${result.rowsAffected} rows`);
    return took;
  } finally {
    await adapter.close();
  }
}

function profile(warehouse: Warehouse, schema: string): string {
  const lines = [`${PROFILE_NAME}:`, '  target: dev', '  outputs:', '    dev:'];
  if (warehouse.type === 'duckdb') {
    lines.push('      type: duckdb', `      path: ${warehouse.path}`);
  } else {
    const k = warehouse.keys;
    lines.push(
      '      type: postgres',
      `      host: ${k.host}`,
      `      port: ${k.port}`,
      `      user: ${k.user}`,
      `      password: ${JSON.stringify(String(k.password ?? ''))}`,
      `      dbname: ${k.dbname}`,
    );
  }
  lines.push(`      schema: ${schema}`, `      threads: ${THREADS}`, '');
  return lines.join('\n');
}

/** One tessera command in process; its wall time in seconds. */
async function tessera(dir: string, command: 'seed' | 'build' | 'run'): Promise<number> {
  const start = performance.now();
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command, threads: THREADS });
  const outcome = await runCommand(inv, { command, events: new EventBus() });
  const took = seconds(start);
  if (outcome.exitCode !== 0) {
    const failed = outcome.results.find((r) => r.status === 'error' || r.status === 'fail');
    throw new Error(`tessera ${command} failed: ${failed?.unique_id} ${failed?.message}`);
  }
  return took;
}

/**
 * PostgreSQL has no `round(double precision, integer)`: the generated macro's `round(x, 2)` on
 * the float seed column fails there (on dbt-postgres too), so PostgreSQL runs round a numeric.
 */
function forPostgres(files: ProjectFile[]): ProjectFile[] {
  return files.map((file) =>
    file.path.endsWith('.sql')
      ? {
          ...file,
          content: file.content.replace(
            'round({{ expression }}, {{ digits }})',
            'round(cast({{ expression }} as numeric), {{ digits }})',
          ),
        }
      : file,
  );
}

/** seed, build (models + tests), run again; each figure printed as soon as it is measured. */
async function projectBuild(warehouse: Warehouse, label: string): Promise<void> {
  const dir = join(WORK, `dag_${MODELS}_${warehouse.type}`);
  const files = generateProject({ models: MODELS, chain: false, seed: 1 });
  writeProject(dir, warehouse.type === 'postgres' ? forPostgres(files) : files, true);
  writeFileSync(join(dir, 'profiles.yml'), profile(warehouse, 'bench'));
  for (const command of ['seed', 'build', 'run'] as const) {
    const took = await tessera(dir, command);
    console.log(`  ${label} ${command.padEnd(5)} ${took.toFixed(2)} s (load ${load()})`);
  }
}

/** BENCH_PG_ONLY=1 leaves the DuckDB figures out. */
const withDuckDb = process.env.BENCH_PG_ONLY !== '1';

mkdirSync(WORK, { recursive: true });
const server = await startPostgres();
try {
  const keys = profileKeys(server.url) as Record<string, unknown>;
  const csv = join(WORK, 'big_seed.csv');
  await writeSeedCsv(csv, SEED_ROWS);
  const megabytes = statSync(csv).size / 1e6;
  console.log(`seed load: ${SEED_ROWS} rows × 7 columns, ${megabytes.toFixed(1)} MB (load ${load()})`);
  if (withDuckDb) {
    const duckPath = join(WORK, 'seed.duckdb');
    rmSync(duckPath, { force: true });
    const duck = await seedLoad({ type: 'duckdb', path: duckPath }, csv);
    console.log(
      `  DuckDB:     ${duck.toFixed(2)} s, ${Math.round(SEED_ROWS / duck)} rows/s (load ${load()})`,
    );
    rmSync(duckPath, { force: true });
  }
  const pgSeconds = await seedLoad({ type: 'postgres', keys }, csv);
  console.log(
    `  PostgreSQL: ${pgSeconds.toFixed(2)} s, ${Math.round(SEED_ROWS / pgSeconds)} rows/s, COPY (load ${load()})`,
  );
  rmSync(csv, { force: true });

  console.log(`\nlayered project: ${MODELS} models, ${THREADS} threads (seed, build with tests, run again)`);
  if (withDuckDb) {
    const duckDb = join(WORK, 'dag.duckdb');
    rmSync(duckDb, { force: true });
    await projectBuild({ type: 'duckdb', path: duckDb }, 'DuckDB:    ');
    rmSync(duckDb, { force: true });
  }
  await projectBuild({ type: 'postgres', keys }, 'PostgreSQL:');
} finally {
  server.stop();
}
