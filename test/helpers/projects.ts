/**
 * Test helpers for whole projects: copy a fixture project to a temp folder with a DuckDB profile,
 * run a command through the library, and read tables back with a fresh DuckDB connection.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openInvocation, type RunOutcome, runCommand } from '../../src/app/index.js';
import { EventBus, type RunEvent } from '../../src/runner/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Options of `projectCopy`. */
export interface ProjectCopyOptions {
  /**
   * The warehouse of the written profile: DuckDB (default, a file in the copy) or PostgreSQL
   * (the server of TESSERA_PG_URL, which must be set: await `postgresUrl()` first; the schema
   * is unique to the copy, see `postgresSchemaFor`).
   */
  adapter?: 'duckdb' | 'postgres';
}

/** The schema a PostgreSQL `projectCopy` builds into: unique per copied folder. */
export function postgresSchemaFor(dir: string): string {
  return `t_${basename(dir)
    .replace(/^tessera-test-/, '')
    .replace(/\W/g, '_')
    .toLowerCase()}`;
}

/** Copies `source` (a fixture name or an absolute folder) to a temp dir with a profiles.yml. */
export function projectCopy(
  source: string,
  profileName = 'tessera_test',
  options: ProjectCopyOptions = {},
): string {
  const from = source.startsWith('/') ? source : join(FIXTURES, source);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  cpSync(from, dir, { recursive: true, filter: (p) => !/[\\/](target|dbt_packages|logs)$/.test(p) });
  if (options.adapter === 'postgres') {
    writeFileSync(join(dir, 'profiles.yml'), postgresProfile(profileName, postgresSchemaFor(dir)));
    return dir;
  }
  writeFileSync(
    join(dir, 'profiles.yml'),
    `${profileName}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'test.duckdb')}\n      schema: main\n      threads: 4\n`,
  );
  return dir;
}

/** A dbt-postgres profile for the server of TESSERA_PG_URL; the password goes through env_var(). */
function postgresProfile(profileName: string, schema: string): string {
  const url = process.env.TESSERA_PG_URL;
  if (url === undefined || url === '') {
    throw new Error("projectCopy(…, {adapter: 'postgres'}) needs TESSERA_PG_URL: await postgresUrl() first");
  }
  const parsed = new URL(url);
  process.env.TESSERA_TEST_PG_PASSWORD = decodeURIComponent(parsed.password);
  const dbname = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return [
    `${profileName}:`,
    '  target: dev',
    '  outputs:',
    '    dev:',
    '      type: postgres',
    `      host: ${parsed.hostname}`,
    `      port: ${Number(parsed.port || 5432)}`,
    `      user: ${JSON.stringify(decodeURIComponent(parsed.username))}`,
    `      password: "{{ env_var('TESSERA_TEST_PG_PASSWORD') }}"`,
    `      dbname: ${JSON.stringify(dbname)}`,
    `      schema: ${schema}`,
    '      threads: 4',
    '',
  ].join('\n');
}

export interface CommandRun extends RunOutcome {
  events: RunEvent[];
}

export async function tessera(
  dir: string,
  command: 'run' | 'seed' | 'test' | 'build' | 'snapshot',
  opts: {
    vars?: Record<string, unknown>;
    select?: string[];
    fullRefresh?: boolean;
    threads?: number;
    env?: Record<string, string>;
  } = {},
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
