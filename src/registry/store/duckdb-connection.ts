/**
 * The embedded store's database: one DuckDB file (or `:memory:`) and one connection. DuckDB
 * connections run one statement at a time, so every query and transaction waits its turn in a
 * queue: publishes are serialised, which is what makes them safe without row locks.
 */
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { Row, SqlConnection, SqlExecutor, SqlParam } from './sql-connection.js';

export async function openDuckdbConnection(path: string): Promise<SqlConnection> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  const run: SqlExecutor['query'] = async (sql, params = []) => {
    const reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS().map(plainRow);
  };
  return {
    dialect: 'duckdb',
    lockRows: '',
    query: (sql: string, params?: readonly SqlParam[]) => serialised(() => run(sql, params)),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      serialised(async () => {
        await run('begin transaction');
        try {
          const result = await work({ query: run });
          await run('commit');
          return result;
        } catch (error) {
          await run('rollback');
          throw error;
        }
      }),
    close: () =>
      serialised(async () => {
        connection.closeSync();
        instance.closeSync();
      }),
  };
}

/** BIGINT comes back as bigint (counts, sums): the store only deals in small numbers. */
function plainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}
