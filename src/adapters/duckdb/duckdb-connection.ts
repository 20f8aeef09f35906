/**
 * DuckDB connections: one shared `DuckDBInstance` per database file, a pool of at most
 * `threads` connections on it, and the statement runner each pooled connection offers.
 */

import { resolve } from 'node:path';
import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { AdapterError } from '../errors.js';
import type { AdapterConnection, ExecuteResult, PoolStats } from '../types.js';
import { toAdapterError } from './duckdb-errors.js';
import { toJsValue } from './duckdb-types.js';

interface SharedInstance {
  instance: DuckDBInstance;
  users: number;
}

/** Open file-backed instances by path: DuckDB allows one instance per file in a process. */
const sharedInstances = new Map<string, Promise<SharedInstance>>();

/** Opens (or shares) the instance for `path`; `:memory:` always gets a fresh private one. */
export async function openInstance(path: string, options: Record<string, string>): Promise<DuckDBInstance> {
  if (path === ':memory:') return DuckDBInstance.create(path, options);
  const key = resolve(path);
  let entry = sharedInstances.get(key);
  if (entry === undefined) {
    entry = DuckDBInstance.create(path, options).then((instance) => ({ instance, users: 0 }));
    sharedInstances.set(key, entry);
    entry.catch(() => sharedInstances.delete(key));
  }
  const shared = await entry;
  shared.users += 1;
  return shared.instance;
}

/** Gives back an instance from `openInstance`; the last user of a file closes it. */
export async function releaseInstance(path: string, instance: DuckDBInstance): Promise<void> {
  if (path === ':memory:') {
    instance.closeSync();
    return;
  }
  const key = resolve(path);
  const entry = sharedInstances.get(key);
  if (entry === undefined) return;
  const shared = await entry;
  shared.users -= 1;
  if (shared.users <= 0) {
    sharedInstances.delete(key);
    shared.instance.closeSync();
  }
}

/** One pooled DuckDB connection. */
export class DuckDBPooledConnection implements AdapterConnection {
  private running = 0;

  constructor(
    readonly id: number,
    /** The node-api connection (for the appender and other DuckDB-only needs). */
    readonly raw: DuckDBConnection,
  ) {}

  async execute(sql: string, bindings?: unknown[]): Promise<ExecuteResult> {
    this.running += 1;
    try {
      const reader = await this.raw.runAndReadAll(sql, bindings as never);
      return readResult(reader);
    } catch (error) {
      throw toAdapterError(error, sql);
    } finally {
      this.running -= 1;
    }
  }

  async executeMany(script: string | string[]): Promise<ExecuteResult[]> {
    const results: ExecuteResult[] = [];
    if (Array.isArray(script)) {
      for (const sql of script) results.push(await this.execute(sql));
      return results;
    }
    // DuckDB's own splitter knows its quoting rules; prepare each statement in turn.
    this.running += 1;
    try {
      const extracted = await this.raw.extractStatements(script);
      for (let i = 0; i < extracted.count; i++) {
        const prepared = await extracted.prepare(i);
        results.push(readResult(await prepared.runAndReadAll()));
      }
      return results;
    } catch (error) {
      throw toAdapterError(error, script);
    } finally {
      this.running -= 1;
    }
  }

  async begin(): Promise<void> {
    await this.execute('begin transaction');
  }

  async commit(): Promise<void> {
    await this.execute('commit');
  }

  async rollback(): Promise<void> {
    await this.execute('rollback');
  }

  /** Interrupts the running statement; the awaiting call rejects with code `cancelled`. */
  cancel(): void {
    if (this.running > 0) this.raw.interrupt();
  }
}

/** Turns a node-api result into our `ExecuteResult`. */
function readResult(reader: DuckDBResultReader): ExecuteResult {
  const types = reader.columnTypes();
  const names = reader.columnNames();
  const columns = names.map((name, i) => ({ name, type: types[i]!.toString() }));
  const code = STATEMENT_CODES[reader.statementType];
  let rows: unknown[][] = reader.getRowsJson() as unknown[][];
  // DML and CTAS answer with a single `Count` row; surface it as rows affected.
  let rowsAffected: number | undefined = reader.rowsChanged > 0 ? reader.rowsChanged : undefined;
  if (
    names.length === 1 &&
    names[0] === 'Count' &&
    code !== undefined &&
    code !== 'SELECT' &&
    rows.length === 1
  ) {
    rowsAffected = Number(rows[0]![0]);
  }
  rows = rows.map((row) => row.map((value, i) => toJsValue(value, types[i]!)));
  // dbt-duckdb reports a bare `{"_message": "OK"}` for every statement; we do the same.
  return {
    columns,
    rows,
    ...(rowsAffected === undefined ? {} : { rowsAffected }),
    response: { message: 'OK' },
  };
}

/** DuckDB statement type ids (node-bindings `StatementType`) to dbt-ish statement codes. */
const STATEMENT_CODES: Record<number, string> = {
  1: 'SELECT',
  2: 'INSERT',
  3: 'UPDATE',
  5: 'DELETE',
  7: 'CREATE',
  9: 'ALTER',
  10: 'TRANSACTION',
  11: 'COPY',
  15: 'DROP',
  30: 'MERGE',
};

/** A FIFO pool that never holds more than `max` connections. */
export class DuckDBConnectionPool {
  private readonly idle: DuckDBPooledConnection[] = [];
  private readonly busy = new Set<DuckDBPooledConnection>();
  private readonly waiters: ((connection: DuckDBPooledConnection) => void)[] = [];
  private opening = 0;
  private peakOpen = 0;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly max: number,
    /** Runs on every new connection (settings, `use` of the default schema). */
    private readonly setup: (connection: DuckDBPooledConnection) => Promise<void>,
  ) {}

  /** Lends a connection, opening one if under the limit, else waiting for a release. */
  async acquire(): Promise<DuckDBPooledConnection> {
    if (this.closed) throw new AdapterError('the adapter is closed', 'connection');
    const ready = this.idle.pop();
    if (ready !== undefined) {
      this.busy.add(ready);
      return ready;
    }
    if (this.idle.length + this.busy.size + this.opening < this.max) {
      this.opening += 1;
      try {
        const connection = new DuckDBPooledConnection(this.nextId++, await this.instance.connect());
        await this.setup(connection);
        this.busy.add(connection);
        this.peakOpen = Math.max(this.peakOpen, this.busy.size + this.idle.length);
        return connection;
      } finally {
        this.opening -= 1;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Takes a connection back and hands it to the oldest waiter, if any. */
  release(connection: DuckDBPooledConnection): void {
    const next = this.waiters.shift();
    if (next !== undefined) {
      next(connection);
      return;
    }
    this.busy.delete(connection);
    if (this.closed) connection.raw.closeSync();
    else this.idle.push(connection);
  }

  /** Interrupts every lent connection's running statement. */
  cancelAll(): void {
    for (const connection of this.busy) connection.cancel();
  }

  /** Closes idle connections now and busy ones when they come back. */
  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.raw.closeSync();
  }

  /** Whether connections are still lent out. */
  get hasBusy(): boolean {
    return this.busy.size > 0;
  }

  stats(): PoolStats {
    return {
      open: this.idle.length + this.busy.size,
      inUse: this.busy.size,
      waiting: this.waiters.length,
      peakOpen: this.peakOpen,
      max: this.max,
    };
  }
}
