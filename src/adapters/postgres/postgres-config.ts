/**
 * A `type: postgres` target as dbt-postgres reads it, turned into `pg` client settings.
 */
import { readFileSync } from 'node:fs';
import type { ClientConfig } from 'pg';
import { AdapterError } from '../errors.js';
import type { TargetConfig } from '../types.js';
import { VALUE_PARSERS } from './postgres-types.js';

/** The keys of a PostgreSQL target that we read (dbt-postgres names). */
export interface PostgresTargetConfig extends TargetConfig {
  type: 'postgres';
  host?: string;
  port?: number | string;
  user?: string;
  /** dbt-postgres also accepts `pass`. */
  password?: string;
  pass?: string;
  /** `target.database`; `database` is accepted as an alias. */
  dbname?: string;
  /** libpq's: disable, allow, prefer, require, verify-ca, verify-full. */
  sslmode?: string;
  sslcert?: string;
  sslkey?: string;
  sslrootcert?: string;
  /** Session `search_path` (dbt-postgres passes it as a startup option). */
  search_path?: string;
  /** Seconds before TCP keepalives start; 0 leaves the OS default. */
  keepalives_idle?: number;
  /** Seconds to wait for a connection; 0 waits forever. */
  connect_timeout?: number;
  /** `set role` run on every new connection. */
  role?: string;
  application_name?: string;
}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** `target.database` for a PostgreSQL target: `dbname`, else `database`. */
export function postgresDatabaseName(target: PostgresTargetConfig): string {
  const name = target.dbname ?? target.database;
  if (name === undefined || name === '') {
    throw new AdapterError("a postgres target needs 'dbname'", 'connection');
  }
  return String(name);
}

/** The `pg.Client` settings for a target (without the role, which is a statement). */
export function clientConfig(target: PostgresTargetConfig): ClientConfig {
  const connectTimeout = Number(target.connect_timeout ?? 10);
  const keepalivesIdle = Number(target.keepalives_idle ?? 0);
  const password = target.password ?? target.pass;
  const options = target.search_path
    ? // libpq's `options` splits on spaces; a backslash keeps one inside the value.
      `-c search_path=${String(target.search_path).replace(/\\/g, '\\\\').replace(/ /g, '\\ ')}`
    : undefined;
  return {
    host: target.host ?? 'localhost',
    port: Number(target.port ?? 5432),
    ...(target.user === undefined ? {} : { user: String(target.user) }),
    ...(password === undefined ? {} : { password: String(password) }),
    database: postgresDatabaseName(target),
    application_name: target.application_name ?? 'tessera',
    ...(options === undefined ? {} : { options }),
    ...(connectTimeout > 0 ? { connectionTimeoutMillis: connectTimeout * 1000 } : {}),
    ...(keepalivesIdle > 0 ? { keepAlive: true, keepAliveInitialDelayMillis: keepalivesIdle * 1000 } : {}),
    ssl: sslOptions(target),
    types: VALUE_PARSERS,
  };
}

/**
 * `sslmode` in `pg` terms. `pg` cannot try TLS and fall back, so `allow` and `prefer` (libpq's
 * default) connect without TLS; `require` encrypts without checking the certificate; the
 * `verify-*` modes check it (`verify-ca` skips the host name check).
 */
function sslOptions(target: PostgresTargetConfig): ClientConfig['ssl'] {
  const mode = String(target.sslmode ?? 'prefer');
  if (!SSL_MODES.includes(mode)) {
    throw new AdapterError(
      `unknown sslmode '${mode}' (expected one of: ${SSL_MODES.join(', ')})`,
      'connection',
    );
  }
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;
  const files = {
    ...(target.sslrootcert ? { ca: readFileSync(target.sslrootcert, 'utf8') } : {}),
    ...(target.sslcert ? { cert: readFileSync(target.sslcert, 'utf8') } : {}),
    ...(target.sslkey ? { key: readFileSync(target.sslkey, 'utf8') } : {}),
  };
  if (mode === 'require') return { rejectUnauthorized: false, ...files };
  if (mode === 'verify-ca')
    return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...files };
  return { rejectUnauthorized: true, ...files };
}
