/**
 * The PostgreSQL adapter: a `profiles.yml` target with `type: postgres` (dbt-postgres keys),
 * a pool of at most `threads` connections made through `pg`.
 */
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
} from '../types.js';
import { clientConfig, type PostgresTargetConfig, postgresDatabaseName } from './postgres-config.js';
import { PostgresConnectionPool, type PostgresPooledConnection } from './postgres-connection.js';
import { assertIdentifierLength, PostgresDialect } from './postgres-dialect.js';
import { type IntrospectionSession, PostgresIntrospector } from './postgres-introspector.js';
import { swapRelation } from './postgres-relation-swap.js';
import { loadPostgresSeed } from './postgres-seed-loader.js';

/** The first server version with MERGE. */
const MERGE_SERVER_VERSION = 150000;

export class PostgresAdapter implements Adapter {
  readonly type = 'postgres';
  readonly defaultDatabase: string;
  readonly defaultSchema: string;
  readonly dialect = new PostgresDialect();
  private readonly threads: number;
  private pool: PostgresConnectionPool | undefined;
  /** `server_version_num`, known after `open()`. */
  serverVersion = 0;

  constructor(private readonly target: PostgresTargetConfig) {
    this.defaultDatabase = postgresDatabaseName(target);
    this.defaultSchema = String(target.schema ?? 'public');
    this.threads = Math.max(1, Math.floor(Number(target.threads ?? 1)));
  }

  /** Connects once (so bad credentials fail here) and reads the server version. */
  async open(): Promise<void> {
    if (this.pool !== undefined) return;
    const setup = this.target.role ? [`set role ${this.target.role}`] : [];
    const pool = new PostgresConnectionPool({ config: clientConfig(this.target), setup }, this.threads);
    this.pool = pool;
    try {
      const result = await this.execute("select current_setting('server_version_num')::int");
      this.serverVersion = Number(result.rows[0]?.[0] ?? 0);
      this.dialect.supportsMerge = this.serverVersion >= MERGE_SERVER_VERSION;
    } catch (error) {
      this.pool = undefined;
      await pool.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    if (pool === undefined) return;
    this.pool = undefined;
    await pool.close();
    // Borrowed connections close as they come back.
    while (pool.hasBusy) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  async withConnection<T>(fn: (connection: AdapterConnection) => Promise<T>): Promise<T> {
    return this.withPooled(fn);
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

  /**
   * Sends the cancel requests and returns at once: the interrupted calls reject on their own
   * (awaiting the side connections here would let them reject before their callers listen).
   */
  async cancel(): Promise<void> {
    void this.pool?.cancelAll();
  }

  poolStats(): PoolStats {
    return this.pool?.stats() ?? { open: 0, inUse: 0, waiting: 0, peakOpen: 0, max: this.threads };
  }

  quote(identifier: string): string {
    return this.dialect.quote(identifier);
  }

  relation(parts: RelationParts): Relation {
    for (const part of [parts.database, parts.schema, parts.identifier]) {
      if (part !== undefined) assertIdentifierLength(part);
    }
    return defaultedRelation(parts, this);
  }

  listSchemas(database?: string): Promise<string[]> {
    return this.introspect((i) => i.listSchemas(database ?? this.defaultDatabase));
  }

  schemaExists(database: string | undefined, schema: string): Promise<boolean> {
    return this.introspect((i) => i.schemaExists(database ?? this.defaultDatabase, schema));
  }

  listRelations(database: string | undefined, schema: string): Promise<Relation[]> {
    return this.introspect((i) => i.listRelations(database ?? this.defaultDatabase, schema));
  }

  getRelation(
    database: string | undefined,
    schema: string,
    identifier: string,
  ): Promise<Relation | undefined> {
    return this.introspect((i) => i.getRelation(database ?? this.defaultDatabase, schema, identifier));
  }

  getColumns(relation: Relation): Promise<ColumnInfo[]> {
    return this.introspect((i) => i.getColumns(relation));
  }

  describeQuery(sql: string): Promise<ResultColumn[]> {
    return this.introspect((i) => i.describeQuery(sql));
  }

  getCatalog(database: string | undefined, schemas: string[]): Promise<CatalogRow[]> {
    return this.introspect((i) => i.getCatalog(database ?? this.defaultDatabase, schemas));
  }

  replaceRelation(target: Relation, options: ReplaceOptions): Promise<string[]> {
    return this.withPooled((connection) => {
      // Introspect on this same connection: borrowing another could deadlock a pool of one.
      const introspector = this.introspector(connection);
      return swapRelation(
        {
          dialect: this.dialect,
          session: connection,
          find: (identifier) =>
            introspector.getRelation(
              target.database ?? this.defaultDatabase,
              target.schema ?? this.defaultSchema,
              identifier,
            ),
        },
        target,
        options,
      );
    });
  }

  loadSeed(relation: Relation, csvPath: string, options: SeedLoadOptions = {}): Promise<SeedLoadResult> {
    return this.withPooled((connection) => {
      const context = seedLoaderContext(this.dialect, this.introspector(connection), this);
      return loadPostgresSeed(context, connection, relation, csvPath, options);
    });
  }

  /** Borrows a pooled connection; a failed `fn` never leaves it inside a transaction. */
  private async withPooled<T>(fn: (connection: PostgresPooledConnection) => Promise<T>): Promise<T> {
    return lendConnection(this.requirePool(), fn, (connection) => !connection.broken);
  }

  /** Runs one catalog read on one borrowed connection. */
  private introspect<T>(fn: (introspector: PostgresIntrospector) => Promise<T>): Promise<T> {
    return this.withPooled((connection) => fn(this.introspector(connection)));
  }

  private introspector(connection: PostgresPooledConnection): PostgresIntrospector {
    const session: IntrospectionSession = {
      execute: (sql, bindings) => connection.execute(sql, bindings),
      describeFields: (sql) => connection.describeFields(sql),
    };
    return new PostgresIntrospector(session, (parts) => this.relation(parts));
  }

  private requirePool(): PostgresConnectionPool {
    if (this.pool === undefined)
      throw new AdapterError('the PostgreSQL adapter is not open: call open() first', 'connection');
    return this.pool;
  }
}
