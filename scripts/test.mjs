#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner (TypeScript through tsx).
// Usage: npm test [-- <path-substring> ...] to run only matching files.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'corpus') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk('test', [])
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

/**
 * One throwaway PostgreSQL for every test file that needs one (their names say `postgres`):
 * test/helpers/postgres.ts --serve prints its URL and stops the server when its stdin closes,
 * which also happens if this process dies.
 */
async function startPostgres() {
  const holder = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/postgres.ts', '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const url = await new Promise((resolve) => {
    let text = '';
    holder.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /^TESSERA_PG_URL=(.*)$/m.exec(text);
      if (match) resolve(match[1].trim());
    });
    holder.once('exit', () => resolve(undefined));
  });
  if (url === undefined) {
    console.error('could not start the test PostgreSQL; test files that need it start their own');
    return { env: {}, stop: async () => {} };
  }
  const stop = async () => {
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.stdin.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
  };
  return { env: { TESSERA_PG_URL: url }, stop };
}

const needsPostgres = !process.env.TESSERA_PG_URL && files.some((f) => f.includes('postgres'));
const postgres = needsPostgres ? await startPostgres() : { env: {}, stop: async () => {} };
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1', ...postgres.env } },
);
await postgres.stop();
process.exit(r.status ?? 1);
