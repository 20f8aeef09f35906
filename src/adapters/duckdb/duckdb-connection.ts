/**
 * DuckDB connections: one shared `DuckDBInstance` per database file, a pool of at most
 * `threads` connections on it, and the statement runner each pooled connection offers.
 */

import { resolve } from 'node:path';
import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { ConnectionPool } from '../shared/connection-pool.js';
import type { AdapterConnection, ExecuteResult } from '../types.js';
import { toAdapterError } from './duckdb-errors.js';
import { toJsValue } from './duckdb-types.js';

interface SharedInstance {
  ready: Promise<DuckDBInstance>;
  /** Counted at once, not after the open settles: an open and a close may interleave. */
  users: number;
}

/**
 * Open file-backed instances by resolved path: DuckDB allows one instance per file in a process,
 * and the projects of a mesh run share one file at the same time.
 */
const sharedInstances = new Map<string, SharedInstance>();

/** Opens (or shares) the instance for `path`; `:memory:` always gets a fresh private one. */
export async function openInstance(path: string, options: Record<string, string>): Promise<DuckDBInstance> {
  if (path === ':memory:') return DuckDBInstance.create(path, options);
  const key = resolve(path);
  let entry = sharedInstances.get(key);
  if (entry === undefined) {
    const created: SharedInstance = { ready: DuckDBInstance.create(path, options), users: 0 };
    created.ready.catch(() => {
      if (sharedInstances.get(key) === created) sharedInstances.delete(key);
    });
    sharedInstances.set(key, created);
    entry = created;
  }
  entry.users += 1;
  try {
    return await entry.ready;
  } catch (error) {
    entry.users -= 1;
    throw error;
  }
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
  entry.users -= 1;
  // Closed before anyone can open the file again: the next open makes a fresh instance.
  if (entry.users <= 0) {
    sharedInstances.delete(key);
    instance.closeSync();
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

/** The pool of `threads` connections on one instance (the shared FIFO pool). */
export class DuckDBConnectionPool extends ConnectionPool<DuckDBPooledConnection> {
  constructor(
    instance: DuckDBInstance,
    max: number,
    /** Runs on every new connection (settings, `use` of the default schema). */
    setup: (connection: DuckDBPooledConnection) => Promise<void>,
  ) {
    super(
      {
        open: async (id) => {
          const connection = new DuckDBPooledConnection(id, await instance.connect());
          await setup(connection);
          return connection;
        },
        end: (connection) => connection.raw.closeSync(),
        cancel: (connection) => connection.cancel(),
      },
      max,
    );
  }
}
