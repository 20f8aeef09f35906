/**
 * The production store's database: a PostgreSQL connection pool. Transactions take a client of
 * their own; rows that must not change under a publish are locked with `for update`.
 */
import pg from 'pg';
import type { Row, SqlConnection, SqlExecutor, SqlParam } from './sql-connection.js';

export async function openPostgresConnection(url: string, maxConnections = 10): Promise<SqlConnection> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // Fail at open, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const query = async (sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await pool.query(sql, params as SqlParam[])).rows as Row[];
  return {
    dialect: 'postgres',
    lockRows: ' for update',
    query,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: SqlExecutor = {
          query: async (sql, params = []) => (await client.query(sql, params as SqlParam[])).rows as Row[],
        };
        const result = await work(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
