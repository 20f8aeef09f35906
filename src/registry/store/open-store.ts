/**
 * Opening a store from a `--store` value: `duckdb:<path>` (or `duckdb::memory:`) for the
 * embedded store, `postgres://…` / `postgresql://…` for PostgreSQL. Migrations run at open.
 */
import { openDuckdbConnection } from './duckdb-connection.js';
import { openPostgresConnection } from './postgres-connection.js';
import { openSqlStore } from './sql-store.js';
import type { RegistryStore } from './types.js';

export const DEFAULT_STORE = 'duckdb:tessera-registry.duckdb';

export async function openDuckdbStore(path: string): Promise<RegistryStore> {
  return openSqlStore(await openDuckdbConnection(path));
}

export async function openPostgresStore(url: string): Promise<RegistryStore> {
  return openSqlStore(await openPostgresConnection(url));
}

/** Opens the store a `--store` value names; throws on an unknown scheme. */
export function openStore(spec: string): Promise<RegistryStore> {
  if (spec.startsWith('duckdb:')) return openDuckdbStore(spec.slice('duckdb:'.length) || ':memory:');
  if (/^postgres(ql)?:\/\//.test(spec)) return openPostgresStore(spec);
  throw new Error(`unknown store '${spec}': use duckdb:<path> or postgres://user@host:port/db`);
}
