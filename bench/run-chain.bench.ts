// Run benchmark (issue 4): 1,000 trivial chained views built with 4 threads. Tessera's wall time is
// compared with executing the same compiled `create view` statements directly, one after the other,
// in one DuckDB connection on a fresh file. Prints both and the ratio (target ≤ 1.3×).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openInvocation, runCommand } from '../src/app/index.js';
import { EventBus } from '../src/runner/index.js';
import { generateProject, writeProject } from './gen-project.js';

const MODELS = Number(process.env.BENCH_CHAIN_MODELS ?? 1000);
const THREADS = Number(process.env.BENCH_THREADS ?? 4);
const dir = `/tmp/tessera-bench/chain_${MODELS}_tessera`;

writeProject(dir, generateProject({ models: MODELS, chain: true, seed: 1 }), true);
const profile = (db: string) =>
  `tessera_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${db}\n      threads: ${THREADS}\n      settings:\n        max_expression_depth: ${Math.max(1000, MODELS * 3)}\n`;

async function tesseraRun(): Promise<{ seconds: number; statements: string[] }> {
  const db = join(dir, 'bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  writeFileSync(join(dir, 'profiles.yml'), profile(db));
  const start = performance.now();
  const inv = await openInvocation({ projectDir: dir, profilesDir: dir, command: 'run', threads: THREADS });
  const outcome = await runCommand(inv, { command: 'run', events: new EventBus() });
  const seconds = (performance.now() - start) / 1000;
  if (outcome.exitCode !== 0)
    throw new Error(`tessera run failed: ${outcome.results.find((r) => r.status === 'error')?.message}`);
  const statements = inv.graph
    .topologicalOrder()
    .map((id) => outcome.results.find((r) => r.unique_id === id))
    .filter((r) => r?.compiled_code)
    .map((r) => `create view ${inv.project.nodes[r!.unique_id]!.relation_name} as ${r!.compiled_code}`);
  return { seconds, statements };
}

async function directRun(statements: string[]): Promise<number> {
  // Same file name in another folder: the relation names carry the database name `bench`.
  mkdirSync(join(dir, 'direct'), { recursive: true });
  const db = join(dir, 'direct', 'bench.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const start = performance.now();
  const instance = await DuckDBInstance.create(db, {
    max_expression_depth: String(Math.max(1000, MODELS * 3)),
  });
  const con = await instance.connect();
  for (const sql of statements) await con.run(sql);
  con.closeSync();
  instance.closeSync();
  return (performance.now() - start) / 1000;
}

const runs: { tessera: number; direct: number }[] = [];
for (let i = 0; i < 3; i++) {
  const t = await tesseraRun();
  const d = await directRun(t.statements);
  runs.push({ tessera: t.seconds, direct: d });
  console.log(`  run ${i + 1}: tessera ${t.seconds.toFixed(2)} s, direct ${d.toFixed(2)} s`);
}
const best = (k: 'tessera' | 'direct') => Math.min(...runs.map((r) => r[k]));
console.log(`chained views: ${MODELS}, threads: ${THREADS}, best of ${runs.length}`);
console.log(`  tessera run (parse + build, in process): ${best('tessera').toFixed(2)} s`);
console.log(`  same statements, one DuckDB connection:  ${best('direct').toFixed(2)} s`);
console.log(`  ratio: ${(best('tessera') / best('direct')).toFixed(2)}x (target <= 1.3x)`);
