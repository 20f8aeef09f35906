/**
 * The little a store needs from a SQL database: parameterised queries (`$1`, `$2`, …) returning
 * plain row objects, and transactions. The SQL the store writes runs unchanged on DuckDB and
 * PostgreSQL; the few differences are flags here.
 */

export type SqlParam = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  query(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export interface SqlConnection extends SqlExecutor {
  readonly dialect: 'duckdb' | 'postgres';
  /** Appended to a `select` that must lock the rows it reads (empty where writes are serialised anyway). */
  readonly lockRows: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
