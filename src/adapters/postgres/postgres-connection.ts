/**
 * PostgreSQL connections: a `pg.Client` per pooled connection, the statement runner each one
 * offers (bindings, multi-statement scripts, dbt-postgres' adapter response), and the pool that
 * never opens more than `threads` of them.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { AdapterError } from '../errors.js';
import { ConnectionPool, type PoolDriver } from '../shared/connection-pool.js';
import type { AdapterConnection, ExecuteResult, ResultColumn } from '../types.js';
import { toAdapterError } from './postgres-errors.js';
import type { DescribedField } from './postgres-introspector.js';
import { numberPlaceholders } from './postgres-placeholders.js';
import { BUILTIN_TYPE_NAMES } from './postgres-types.js';

/** How new connections are made and what runs on each before it is lent out. */
export interface ConnectionFactory {
  config: pg.ClientConfig;
  /** Statements run once per new connection (`set role …`). */
  setup: string[];
}

/** Type names of OIDs already looked up, shared by the pool's connections. */
export type TypeNameCache = Map<number, string>;

type RawResult = pg.QueryResult<unknown[]>;

/** One pooled PostgreSQL connection. */
export class PostgresPooledConnection implements AdapterConnection {
  /** The server process serving this connection (for `pg_cancel_backend`). */
  backendPid = 0;
  /** Set when the socket failed: the pool then drops the connection instead of lending it again. */
  broken = false;
  private running = 0;
  /** Command tags (`INSERT 0 3`) of the statement(s) in flight, in order. */
  private tags: string[] = [];

  constructor(
    readonly id: number,
    /** The `pg` client (for PostgreSQL-only needs). */
    readonly raw: pg.Client,
    private readonly typeNames: TypeNameCache,
    private readonly onCancel: (connection: PostgresPooledConnection) => void,
  ) {
    raw.on('error', () => {
      this.broken = true;
    });
    // pg keeps only the tag's verb and count; dbt-postgres reports the whole tag (`CREATE VIEW`).
    (raw.connection as unknown as NodeJS.EventEmitter).on('commandComplete', (message: { text?: string }) => {
      this.tags.push(message.text ?? '');
    });
  }

  async execute(sql: string, bindings?: unknown[]): Promise<ExecuteResult> {
    const results = await this.run(sql, bindings);
    const last = results[results.length - 1];
    if (last === undefined) return { columns: [], rows: [], response: { message: '' } };
    return last;
  }

  async executeMany(script: string | string[]): Promise<ExecuteResult[]> {
    if (!Array.isArray(script)) return this.run(script, undefined);
    const results: ExecuteResult[] = [];
    for (const sql of script) results.push(await this.execute(sql));
    return results;
  }

  /** The result fields (name, type OID, type modifier) of running `sql`, for describing queries. */
  async describeFields(sql: string): Promise<DescribedField[]> {
    if (this.broken) throw new AdapterError('the PostgreSQL connection was lost', 'connection', sql);
    this.running += 1;
    try {
      const result = await this.raw.query({ text: sql, rowMode: 'array' });
      return result.fields.map((field) => ({
        name: field.name,
        typeOid: field.dataTypeID,
        typeModifier: field.dataTypeModifier,
      }));
    } catch (error) {
      const adapterError = toAdapterError(error, sql);
      if (adapterError.code === 'connection') this.broken = true;
      throw adapterError;
    } finally {
      this.running -= 1;
    }
  }

  /**
   * Runs `COPY … FROM STDIN` (`sql`), streaming `data` (text chunks in the statement's format)
   * to the server; resolves to the rows copied.
   */
  async copyFrom(sql: string, data: AsyncIterable<string>): Promise<number> {
    if (this.broken) throw new AdapterError('the PostgreSQL connection was lost', 'connection', sql);
    this.running += 1;
    try {
      const sink = this.raw.query(copyFromStdin(sql));
      await pipeline(Readable.from(data, { objectMode: false }), sink);
      return sink.rowCount;
    } catch (error) {
      if (error instanceof AdapterError) throw error;
      const adapterError = toAdapterError(error, sql);
      if (adapterError.code === 'connection') this.broken = true;
      throw adapterError;
    } finally {
      this.running -= 1;
    }
  }

  async begin(): Promise<void> {
    await this.execute('begin');
  }

  async commit(): Promise<void> {
    await this.execute('commit');
  }

  async rollback(): Promise<void> {
    await this.execute('rollback');
  }

  /** Asks the server to cancel the running statement; the awaiting call rejects with `cancelled`. */
  cancel(): void {
    if (this.running > 0) this.onCancel(this);
  }

  /** Whether a statement is running now. */
  get busy(): boolean {
    return this.running > 0;
  }

  /**
   * Without bindings the text goes through the simple protocol, so a `;`-separated script runs
   * whole (as psycopg2 runs it for dbt-postgres); with bindings, `?` become `$n`.
   */
  private async run(sql: string, bindings: unknown[] | undefined): Promise<ExecuteResult[]> {
    if (this.broken) throw new AdapterError('the PostgreSQL connection was lost', 'connection', sql);
    const hasBindings = bindings !== undefined && bindings.length > 0;
    const text = hasBindings ? numberPlaceholders(sql).text : sql;
    this.running += 1;
    this.tags = [];
    try {
      const raw = (await this.raw.query({
        text,
        ...(hasBindings ? { values: bindings } : {}),
        rowMode: 'array',
      })) as RawResult | RawResult[] | undefined;
      const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const tags = this.tags;
      await this.lookUpTypeNames(list);
      return list.map((result, i) => this.toResult(result, tags[i]));
    } catch (error) {
      const adapterError = toAdapterError(error, sql);
      if (adapterError.code === 'connection') this.broken = true;
      throw adapterError;
    } finally {
      this.running -= 1;
    }
  }

  /** Names unknown result type OIDs once per pool (user types, arrays of rare types). */
  private async lookUpTypeNames(results: RawResult[]): Promise<void> {
    const unknown = new Set<number>();
    for (const result of results) {
      for (const field of result.fields ?? []) {
        if (!BUILTIN_TYPE_NAMES.has(field.dataTypeID) && !this.typeNames.has(field.dataTypeID)) {
          unknown.add(field.dataTypeID);
        }
      }
    }
    if (unknown.size === 0) return;
    const found = await this.raw.query<{ oid: number; name: string }>(
      'select oid::int as oid, format_type(oid, null) as name from pg_type where oid = any($1::oid[])',
      [[...unknown]],
    );
    for (const row of found.rows) this.typeNames.set(row.oid, row.name);
  }

  private toResult(result: RawResult, tag: string | undefined): ExecuteResult {
    const fields = result.fields ?? [];
    const columns: ResultColumn[] = fields.map((field) => ({
      name: field.name,
      type: BUILTIN_TYPE_NAMES.get(field.dataTypeID) ?? this.typeNames.get(field.dataTypeID) ?? 'unknown',
    }));
    const message = tag ?? [result.command, result.rowCount].filter((part) => part != null).join(' ');
    // dbt-postgres: the code is the tag without its numbers; rows affected is the cursor's count.
    const code = message
      .split(' ')
      .filter((part) => part !== '' && !/^\d+$/.test(part))
      .join(' ');
    const count = typeof result.rowCount === 'number' ? result.rowCount : undefined;
    // A statement without a result set (DML, CTAS) reports what it wrote.
    const rowsAffected = fields.length === 0 ? count : undefined;
    return {
      columns,
      rows: result.rows ?? [],
      ...(rowsAffected === undefined ? {} : { rowsAffected }),
      response: { message, ...(code === '' ? {} : { code }), rowsAffected: count ?? -1 },
    };
  }
}

/**
 * The pool of `threads` PostgreSQL connections (the shared FIFO pool); lost connections are
 * replaced, and a cancel goes to the server from a side connection.
 */
export class PostgresConnectionPool extends ConnectionPool<PostgresPooledConnection> {
  constructor(factory: ConnectionFactory, max: number) {
    super(new PostgresPoolDriver(factory), max);
  }
}

/** How the pool opens, ends and cancels PostgreSQL connections. */
class PostgresPoolDriver implements PoolDriver<PostgresPooledConnection> {
  /** Type names of OIDs already looked up, shared by the pool's connections. */
  private readonly typeNames: TypeNameCache = new Map();

  constructor(private readonly factory: ConnectionFactory) {}

  async open(id: number): Promise<PostgresPooledConnection> {
    const client = new pg.Client(this.factory.config);
    const connection = new PostgresPooledConnection(id, client, this.typeNames, (c) => {
      void this.cancelBackend(c);
    });
    try {
      await client.connect();
      const pid = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      connection.backendPid = pid.rows[0]?.pid ?? 0;
      for (const sql of this.factory.setup) await connection.execute(sql);
    } catch (error) {
      await client.end().catch(() => undefined);
      const adapterError = toAdapterError(error, undefined);
      throw new AdapterError(
        `cannot connect to PostgreSQL at ${this.factory.config.host}:${this.factory.config.port}: ${adapterError.message.replace(/^PostgreSQL connection failed: /, '')}`,
        'connection',
        undefined,
        undefined,
        { cause: error },
      );
    }
    return connection;
  }

  async end(connection: PostgresPooledConnection): Promise<void> {
    await connection.raw.end().catch(() => undefined);
  }

  isBroken(connection: PostgresPooledConnection): boolean {
    return connection.broken;
  }

  /** Only a connection running a statement has anything to cancel. */
  async cancel(connection: PostgresPooledConnection): Promise<void> {
    if (connection.busy) await this.cancelBackend(connection);
  }

  /** `pg_cancel_backend` from a short-lived side connection (the pool may be full). */
  private async cancelBackend(connection: PostgresPooledConnection): Promise<void> {
    const side = new pg.Client(this.factory.config);
    try {
      await side.connect();
      await side.query('select pg_cancel_backend($1)', [connection.backendPid]);
    } catch {
      // The statement may have ended meanwhile, or the server is gone: nothing left to cancel.
    } finally {
      await side.end().catch(() => undefined);
    }
  }
}
