/**
 * Test helpers for whole projects: copy a fixture project to a temp folder with a DuckDB profile,
 * run a command through the library, and read tables back with a fresh DuckDB connection.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openInvocation, type RunOutcome, runCommand } from '../../src/app/index.js';
import { EventBus, type RunEvent } from '../../src/runner/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Copies `source` (a fixture name or an absolute folder) to a temp dir with a profiles.yml. */
export function projectCopy(source: string, profileName = 'tessera_test'): string {
  const from = source.startsWith('/') ? source : join(FIXTURES, source);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  cpSync(from, dir, { recursive: true, filter: (p) => !/[\\/](target|dbt_packages|logs)$/.test(p) });
  writeFileSync(
    join(dir, 'profiles.yml'),
    `${profileName}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'test.duckdb')}\n      schema: main\n      threads: 4\n`,
  );
  return dir;
}

export interface CommandRun extends RunOutcome {
  events: RunEvent[];
}

export async function tessera(
  dir: string,
  command: 'run' | 'seed' | 'test' | 'build',
  opts: { vars?: Record<string, unknown>; select?: string[]; fullRefresh?: boolean; threads?: number; env?: Record<string, string> } = {},
): Promise<CommandRun> {
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command,
    vars: opts.vars,
    fullRefresh: opts.fullRefresh,
    threads: opts.threads,
    env: { ...process.env, ...opts.env },
  });
  const bus = new EventBus();
  const events: RunEvent[] = [];
  bus.on((e) => events.push(e));
  const outcome = await runCommand(inv, { command, events: bus, select: opts.select });
  return { ...outcome, events };
}

/** Runs one query against the project's DuckDB file and returns rows as objects. */
export async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(join(dir, 'test.duckdb'));
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(sql);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export function statuses(run: CommandRun): Record<string, string> {
  return Object.fromEntries(run.results.map((r) => [r.unique_id, r.status]));
}
