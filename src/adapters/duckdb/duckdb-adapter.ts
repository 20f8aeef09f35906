/**
 * The DuckDB adapter: a `profiles.yml` target with `type: duckdb` and `path:` (a file, or
 * `:memory:`, the default). One shared DuckDB instance per file, a pool of `threads` connections.
 */
import { basename } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import {
  defaultedRelation,
  inTransaction,
  lendConnection,
  type RelationParts,
  seedLoaderContext,
} from '../shared/adapter-support.js';
import type {
  Adapter,
  AdapterConnection,
  CatalogRow,
  ColumnInfo,
  ExecuteResult,
  PoolStats,
  ReplaceOptions,
  ResultColumn,
  SeedLoadOptions,
  SeedLoadResult,
  TargetConfig,
} from '../types.js';
import { DuckDBConnectionPool, openInstance, releaseInstance } from './duckdb-connection.js';
import { DuckDBDialect } from './duckdb-dialect.js';
import { DuckDBIntrospector } from './duckdb-introspector.js';
import { loadDuckDBSeed } from './duckdb-seed-loader.js';

/** The keys of a DuckDB target that we read. */
export interface DuckDBTargetConfig extends TargetConfig {
  type: 'duckdb';
  /** Database file, or `:memory:`. */
  path?: string;
  /** DuckDB configuration options given when opening (`threads`, `memory_limit`…), as in dbt-duckdb. */
  settings?: Record<string, string | number | boolean>;
  /** Extensions to load at open (installed first when not yet on this machine), as in dbt-duckdb. */
  extensions?: string[];
}

/** Suffixes of the helper relations of `replaceRelation`. */
const TMP_SUFFIX = '__tessera_tmp';
const BACKUP_SUFFIX = '__tessera_backup';

/**
 * The catalog name DuckDB gives a database file, which dbt-duckdb uses as `target.database`:
 * `memory` for `:memory:`, else the first non-empty dot-separated part of the file name
 * (`dev.duckdb` → `dev`, `my.db.duckdb` → `my`).
 */
export function duckdbDatabaseName(path: string | undefined): string {
  if (path === undefined || path === ':memory:') return 'memory';
  return basename(path).replace(/^\.+/, '').split('.')[0] ?? 'memory';
}

export class DuckDBAdapter implements Adapter {
  readonly type = 'duckdb';
  readonly defaultDatabase: string;
  readonly defaultSchema: string;
  readonly dialect = new DuckDBDialect();
  private readonly path: string;
  private readonly threads: number;
  private instance: DuckDBInstance | undefined;
  private pool: DuckDBConnectionPool | undefined;

  constructor(private readonly target: DuckDBTargetConfig) {
    this.path = target.path ?? ':memory:';
    this.defaultDatabase = target.database ?? duckdbDatabaseName(this.path);
    this.defaultSchema = target.schema ?? 'main';
    this.threads = Math.max(1, Math.floor(target.threads ?? 1));
  }

  async open(): Promise<void> {
    if (this.pool !== undefined) return;
    const options = Object.fromEntries(
      Object.entries(this.target.settings ?? {}).map(([key, value]) => [key, String(value)]),
    );
    try {
      this.instance = await openInstance(this.path, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AdapterError(
        `cannot open DuckDB database '${this.path}': ${reason}`,
        'connection',
        undefined,
        undefined,
        {
          cause: error,
        },
      );
    }
    this.pool = new DuckDBConnectionPool(this.instance, this.threads, async () => {});
    try {
      await this.loadExtensions(this.target.extensions ?? []);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Extensions load into the instance, so once per open is enough for every connection. */
  private async loadExtensions(extensions: string[]): Promise<void> {
    for (const name of extensions) {
      const quoted = this.dialect.quote(name);
      try {
        await this.execute(`load ${quoted}`);
      } catch {
        try {
          await this.executeMany([`install ${quoted}`, `load ${quoted}`]);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AdapterError(
            `cannot load DuckDB extension '${name}': ${reason}`,
            'connection',
            undefined,
            undefined,
            {
              cause: error,
            },
          );
        }
      }
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    const instance = this.instance;
    if (pool === undefined || instance === undefined) return;
    this.pool = undefined;
    this.instance = undefined;
    pool.close();
    // Borrowed connections close as they come back; the instance waits for them.
    while (pool.hasBusy) await new Promise((resolve) => setTimeout(resolve, 5));
    await releaseInstance(this.path, instance);
  }

  async withConnection<T>(fn: (connection: AdapterConnection) => Promise<T>): Promise<T> {
    return lendConnection(this.requirePool(), fn);
  }

  async transaction<T>(fn: (connection: AdapterConnection) => Promise<T>): Promise<T> {
    return this.withConnection((connection) => inTransaction(connection, fn));
  }

  execute(sql: string, bindings?: unknown[]): Promise<ExecuteResult> {
    return this.withConnection((connection) => connection.execute(sql, bindings));
  }

  executeMany(script: string | string[]): Promise<ExecuteResult[]> {
    return this.withConnection((connection) => connection.executeMany(script));
  }

  async cancel(): Promise<void> {
    this.pool?.cancelAll();
  }

  poolStats(): PoolStats {
    return this.pool?.stats() ?? { open: 0, inUse: 0, waiting: 0, peakOpen: 0, max: this.threads };
  }

  quote(identifier: string): string {
    return this.dialect.quote(identifier);
  }

  relation(parts: RelationParts): Relation {
    return defaultedRelation(parts, this);
  }

  listSchemas(database?: string): Promise<string[]> {
    return this.introspector().listSchemas(database ?? this.defaultDatabase);
  }

  schemaExists(database: string | undefined, schema: string): Promise<boolean> {
    return this.introspector().schemaExists(database ?? this.defaultDatabase, schema);
  }

  listRelations(database: string | undefined, schema: string): Promise<Relation[]> {
    return this.introspector().listRelations(database ?? this.defaultDatabase, schema);
  }

  getRelation(
    database: string | undefined,
    schema: string,
    identifier: string,
  ): Promise<Relation | undefined> {
    return this.introspector().getRelation(database ?? this.defaultDatabase, schema, identifier);
  }

  getColumns(relation: Relation): Promise<ColumnInfo[]> {
    return this.introspector().getColumns(relation);
  }

  describeQuery(sql: string): Promise<ResultColumn[]> {
    return this.introspector().describeQuery(sql);
  }

  getCatalog(database: string | undefined, schemas: string[]): Promise<CatalogRow[]> {
    return this.introspector().getCatalog(database ?? this.defaultDatabase, schemas);
  }

  async replaceRelation(target: Relation, options: ReplaceOptions): Promise<string[]> {
    const name = target.identifier;
    if (name === undefined)
      throw new AdapterError('replaceRelation needs a relation with an identifier', 'catalog');
    if (options.type === 'view') return this.replaceView(target, options.sql);
    const tmp = target.withIdentifier(name + TMP_SUFFIX, options.type);
    const backupName = name + BACKUP_SUFFIX;
    return this.withConnection(async (connection) => {
      const run: string[] = [];
      const exec = async (sql: string) => {
        run.push(sql);
        await connection.execute(sql);
      };
      // Introspect on this same connection: borrowing another could deadlock a pool of one.
      const introspector = this.introspector(connection);
      const find = (identifier: string) =>
        introspector.getRelation(
          target.database ?? this.defaultDatabase,
          target.schema ?? this.defaultSchema,
          identifier,
        );
      // Leftovers of an interrupted earlier run would block the renames below.
      for (const leftover of [await find(tmp.identifier!), await find(backupName)]) {
        if (leftover !== undefined) await exec(this.dialect.dropRelation(leftover));
      }
      const build =
        options.type === 'view'
          ? [this.dialect.createViewAs(tmp, options.sql)]
          : this.dialect.createTableAs(
              tmp,
              options.sql,
              options.contract ? { contract: options.contract } : {},
            );
      try {
        for (const sql of build) await exec(sql);
      } catch (error) {
        // The previous relation was never touched; only the half-built tmp goes.
        await connection.execute(this.dialect.dropRelation(tmp)).catch(() => undefined);
        throw error;
      }
      const existing = await find(name);
      await connection.begin();
      try {
        if (existing !== undefined) await exec(this.dialect.renameRelation(existing, backupName));
        await exec(this.dialect.renameRelation(tmp, name));
        if (existing !== undefined)
          await exec(this.dialect.dropRelation(existing.withIdentifier(backupName)));
        await connection.commit();
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        await connection.execute(this.dialect.dropRelation(tmp)).catch(() => undefined);
        throw error;
      }
      return run;
    });
  }

  /**
   * Views need no temporary sibling: `create or replace view` is one transactional statement,
   * and DuckDB binds a view over a long chain of views once instead of three times. Only when a
   * table of that name is in the way is it dropped, in the same transaction as the create, so a
   * failure leaves it in place. No catalog lookup first: the common case pays for one statement.
   */
  private replaceView(target: Relation, sql: string): Promise<string[]> {
    const create = this.dialect.createViewAs(target, sql).replace(/^create view /, 'create or replace view ');
    return this.withConnection(async (connection) => {
      try {
        await connection.execute(create);
        return [create];
      } catch (error) {
        if (!(error instanceof AdapterError) || !/of type table/i.test(error.message)) throw error;
      }
      const drop = this.dialect.dropRelation(target.incorporate({ type: 'table' }));
      await connection.begin();
      try {
        await connection.execute(drop);
        await connection.execute(create);
        await connection.commit();
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      }
      return [drop, create];
    });
  }

  loadSeed(relation: Relation, csvPath: string, options: SeedLoadOptions = {}): Promise<SeedLoadResult> {
    return this.withConnection((connection) => {
      const context = seedLoaderContext(this.dialect, this.introspector(connection), this);
      return loadDuckDBSeed(context, connection, relation, csvPath, options);
    });
  }

  /** Catalog reader on `session` (default: a borrowed connection per query). */
  private introspector(session: Pick<AdapterConnection, 'execute'> = this): DuckDBIntrospector {
    return new DuckDBIntrospector(session, (parts) => this.relation(parts));
  }

  private requirePool(): DuckDBConnectionPool {
    if (this.pool === undefined)
      throw new AdapterError('the DuckDB adapter is not open: call open() first', 'connection');
    return this.pool;
  }
}
