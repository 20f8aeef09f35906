/**
 * A throwaway PostgreSQL server for tests. `scripts/test.mjs` starts one per test run (this file
 * with `--serve`) and passes its URL as TESSERA_PG_URL; a test file run on its own starts its own
 * through `postgresUrl()`. The server lives in a temp folder, listens on a free port of
 * 127.0.0.1 with trust auth, runs as an unprivileged user when we are root, and is stopped and
 * removed when the process ends (normally, by a signal, or when its parent goes away).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/** A running throwaway server. */
export interface PostgresServer {
  /** `postgres://tessera@127.0.0.1:<port>/tessera` */
  url: string;
  port: number;
  /** Stops the server and removes its folder (synchronous, so exit hooks can call it). */
  stop(): void;
}

const SUPERUSER = 'tessera';
const DATABASE = 'tessera';

/** The folder holding `initdb` and `pg_ctl`: PATH first, then Debian's versioned folders (newest). */
export function findPostgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : undefined;
}

/** The bin folder, installing Debian's `postgresql` package first when missing and we may. */
export function ensurePostgresInstalled(): string {
  const found = findPostgresBin();
  if (found !== undefined) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'PostgreSQL (initdb, pg_ctl) is not installed, and apt-get as root is not available to install it',
    );
  }
  console.error('[tessera tests] PostgreSQL not found: running apt-get install -y postgresql');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 2, 2], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
  const installed = findPostgresBin();
  if (installed === undefined) throw new Error('apt-get installed postgresql but initdb was not found');
  return installed;
}

/** uid/gid to run the server as: ourselves, or (as root, which PostgreSQL refuses) `postgres`/`nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // No such user: try the next one.
    }
  }
  throw new Error('running as root, and neither the postgres nor the nobody user exists to run PostgreSQL');
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server with an empty `tessera` database. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = ensurePostgresInstalled();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-'));
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, LC_ALL: 'C' },
      ...(user ?? {}),
    });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(
        `${tool} failed (exit ${result.status}): ${result.stderr}${result.error ?? ''}\n${serverLog}`,
      );
    }
  };
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
        cwd: dir,
        stdio: 'ignore',
        ...(user ?? {}),
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
      '-c shared_buffers=32MB',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings, 'start']);
    started = true;
    const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`create database ${DATABASE}`);
    } finally {
      await admin.end();
    }
    return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`, port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Stops `server` when this process ends, however it ends. */
function stopOnExit(server: PostgresServer): void {
  process.once('exit', () => server.stop());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      server.stop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

let ownServer: Promise<string> | undefined;

/**
 * The test server's URL: TESSERA_PG_URL when the runner started one, else a server of this
 * process's own (started once, stopped at exit; the URL is then put in TESSERA_PG_URL too).
 */
export async function postgresUrl(): Promise<string> {
  const given = process.env.TESSERA_PG_URL;
  if (given !== undefined && given !== '') return given;
  ownServer ??= startPostgres().then((server) => {
    stopOnExit(server);
    process.env.TESSERA_PG_URL = server.url;
    return server.url;
  });
  return ownServer;
}

/** A unique lower-case name with `prefix`, fit for a schema or database. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Creates an empty database on the server of `url`; returns its URL. */
export async function createDatabase(url: string, name = uniqueName('tessera_db')): Promise<string> {
  await queryPostgres(url, `create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Runs one statement on a short-lived connection; returns rows as objects. */
export async function queryPostgres(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** The parts of a server URL, as profile keys (`host`, `port`, `user`, `password`, `dbname`). */
export function profileKeys(url: string): {
  host: string;
  port: number;
  user: string;
  password: string;
  dbname: string;
} {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    dbname: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/**
 * `--serve`: start a server, print `TESSERA_PG_URL=<url>` on stdout, and keep it until stdin
 * closes (the runner ended, or died) or a signal comes.
 */
async function serve(): Promise<void> {
  const server = await startPostgres();
  stopOnExit(server);
  process.stdout.write(`TESSERA_PG_URL=${server.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
}

if (process.argv.includes('--serve') && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serve().catch((error: unknown) => {
    console.error(
      `[tessera tests] cannot start PostgreSQL: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  });
}
