/**
 * The warehouse adapter contract. The runner, the compiler's Jinja context (`adapter.*`,
 * `run_query`, `statement`) and the CLI talk to every warehouse through these types only;
 * a warehouse is a folder (`duckdb/`, `postgres/`, …) implementing `Adapter`.
 */
import type { Relation, RelationType } from './relation.js';

/** A target from `profiles.yml` (`type` picks the adapter; other keys are adapter-specific). */
export interface TargetConfig {
  /** Adapter name: `duckdb`, `postgres`, … */
  type: string;
  /** Most connections the pool may hold at once (dbt `threads`); default 1. */
  threads?: number;
  /** Default database; adapters derive one when absent (DuckDB: the file's stem). */
  database?: string;
  /** Default schema; adapters pick one when absent (DuckDB: `main`). */
  schema?: string;
  [key: string]: unknown;
}

/** Name and warehouse type of one result column. */
export interface ResultColumn {
  name: string;
  /** The adapter's own spelling, e.g. DuckDB `INTEGER`, `DECIMAL(10,2)`. */
  type: string;
}

/**
 * What dbt writes as `adapter_response` in run_results. `toDbtAdapterResponse` turns it into
 * dbt's JSON keys (`_message`, `code`, `rows_affected`).
 */
export interface AdapterResponse {
  /** Short status text: DuckDB says `OK` (as dbt-duckdb); PostgreSQL-style drivers give `INSERT 0 3`. */
  message: string;
  /** Statement kind when the driver tells it (`SELECT`, `INSERT`, …). */
  code?: string;
  /** Rows written by DML, when known. */
  rowsAffected?: number;
}

/** Outcome of one statement. Values are plain JS values; see the adapter for its mapping. */
export interface ExecuteResult {
  columns: ResultColumn[];
  rows: unknown[][];
  rowsAffected?: number;
  response: AdapterResponse;
}

/** A column as introspected from a relation (`adapter.get_columns_in_relation`). */
export interface ColumnInfo {
  name: string;
  /** Type in dbt's spelling for the adapter (DuckDB: `INTEGER`, `VARCHAR`, `DECIMAL(18,3)`). */
  dataType: string;
  /** 1-based ordinal position. */
  index: number;
}

/** A column constraint from a model contract. */
export interface ContractConstraint {
  type: 'not_null' | 'unique' | 'primary_key' | 'foreign_key' | 'check' | 'custom';
  expression?: string;
  name?: string;
}

/** A column of an enforced model contract. */
export interface ContractColumn {
  name: string;
  dataType: string;
  constraints?: ContractConstraint[];
  /** Quote the name in DDL (dbt `quote: true`). */
  quote?: boolean;
}

/** Options of `SqlDialect.createTableAs`. */
export interface CreateTableOptions {
  temporary?: boolean;
  /** When present, the table is declared with these columns first, then filled (contract enforcement). */
  contract?: { columns: ContractColumn[] };
}

/** One row of the `docs generate` catalog (dbt's get_catalog shape, one row per column). */
export interface CatalogRow {
  tableDatabase: string;
  tableSchema: string;
  tableName: string;
  /** `BASE TABLE` or `VIEW`, as dbt's catalog spells it. */
  tableType: string;
  tableComment: string | null;
  tableOwner: string | null;
  columnName: string;
  columnIndex: number;
  columnType: string;
  columnComment: string | null;
  /** Adapter statistics (row count, bytes…); empty when the warehouse has none cheap to read. */
  stats: Record<string, { label: string; value: unknown; include: boolean; description?: string }>;
}

/** A database statement runner bound to one connection (transactions live here). */
export interface AdapterSession {
  /**
   * Runs one statement. `bindings` fill `?` placeholders in order (an adapter whose driver uses
   * another style rewrites them). Throws `AdapterError`.
   */
  execute(sql: string, bindings?: unknown[]): Promise<ExecuteResult>;
  /** Runs a script of several `;`-separated statements in order; returns one result per statement. */
  executeMany(script: string | string[]): Promise<ExecuteResult[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** A pooled connection handed out by `Adapter.withConnection`. */
export interface AdapterConnection extends AdapterSession {
  /** Pool-unique id, for logs and tests. */
  readonly id: number;
  /** Interrupts the statement running on this connection, if any. */
  cancel(): void;
}

/** Pool counters (for logs and for tests that the pool honours `threads`). */
export interface PoolStats {
  /** Connections currently open. */
  open: number;
  /** Connections currently lent out. */
  inUse: number;
  /** Callers waiting for a connection. */
  waiting: number;
  /** Most connections ever open at once. */
  peakOpen: number;
  /** The configured maximum (`threads`). */
  max: number;
}

/** Options of `Adapter.loadSeed` (dbt seed configs). */
export interface SeedLoadOptions {
  /** Column name → SQL type; overrides inference (`column_types`), names matched exactly as dbt does. */
  columnTypes?: Record<string, string>;
  /** Field separator (`delimiter`), default `,`. */
  delimiter?: string;
  /** Quote column names in the DDL (`quote_columns`); dbt's default is true. */
  quoteColumns?: boolean;
  /** Drop and recreate instead of truncate-and-reload (`--full-refresh`). */
  fullRefresh?: boolean;
}

/** What `loadSeed` did. */
export interface SeedLoadResult {
  relation: Relation;
  rowsAffected: number;
  /** The columns created (or kept), with the SQL types used. */
  columns: { name: string; dataType: string }[];
  /** dbt's seed status: `CREATE` under full refresh, else `INSERT` (even for a new table). */
  code: 'CREATE' | 'INSERT';
  /** What dbt writes for a seed: `{_message: 'INSERT 3', code: 'INSERT', rows_affected: 3}`. */
  response: AdapterResponse;
  /** The statements run, for the compiled/run SQL files. */
  sql: string[];
}

/** Pure SQL-text builders for the materializations; the runner executes what they return. */
export interface SqlDialect {
  /** Quotes one identifier with the adapter's quote character, escaping as needed. */
  quote(identifier: string): string;
  /** A string literal, escaped. */
  literal(value: string): string;
  createSchema(database: string | undefined, schema: string): string;
  dropSchema(database: string | undefined, schema: string): string;
  createTableAs(relation: Relation, sql: string, options?: CreateTableOptions): string[];
  createViewAs(relation: Relation, sql: string): string;
  dropRelation(relation: Relation): string;
  /** Renames within the same schema (the new name is an identifier, not a path). */
  renameRelation(from: Relation, toIdentifier: string): string;
  truncate(relation: Relation): string;
  /** Appends `columns` of `source` into `target`. */
  insertInto(target: Relation, source: Relation, columns: string[]): string;
  /** Upsert: update matching rows by `uniqueKey`, insert the rest; `predicates` narrow the target. */
  merge(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates?: string[],
  ): string[];
  /** Deletes target rows whose key appears in source, then inserts all of source. */
  deleteInsert(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates?: string[],
  ): string[];
  addColumns(relation: Relation, columns: { name: string; dataType: string }[]): string[];
  dropColumns(relation: Relation, columns: string[]): string[];
  alterColumnType(relation: Relation, column: string, dataType: string): string;
  currentTimestamp(): string;
  castSql(expression: string, dataType: string): string;
  /** Grant statements; empty when the warehouse has no grants (DuckDB). */
  grant(relation: Relation, privilege: string, grantees: string[]): string[];
  /** Canonical spelling of a type, so `int` and `INTEGER` compare equal in contracts. */
  normalizeType(dataType: string): string;
  /**
   * `identifier` + `suffix` (`__dbt_tmp`) as a name the warehouse keeps whole: shortened when it
   * would pass an identifier length limit (PostgreSQL: 63 bytes). Absent: plain concatenation.
   */
  helperIdentifier?(identifier: string, suffix: string): string;
}

/** Options of `Adapter.replaceRelation`. */
export interface ReplaceOptions {
  /** What the new relation is. */
  type: Extract<RelationType, 'table' | 'view'>;
  /** Model SQL (a SELECT). */
  sql: string;
  /** Contract enforced when building a table. */
  contract?: { columns: ContractColumn[] };
  /**
   * Called with the response of the statement that built the relation (dbt's `main` statement),
   * for adapters whose responses say more than `OK` (PostgreSQL: `SELECT 10`, `CREATE VIEW`).
   */
  onResponse?: (response: AdapterResponse) => void;
}

/**
 * A warehouse. One instance per target; open it once, share it between threads, close it at
 * the end. Methods that run SQL borrow a pooled connection unless given one.
 */
export interface Adapter {
  /** Adapter name (`duckdb`). */
  readonly type: string;
  /** `target.database`: where unqualified relations live. */
  readonly defaultDatabase: string;
  /** `target.schema`. */
  readonly defaultSchema: string;
  /** SQL text builders for this warehouse. */
  readonly dialect: SqlDialect;

  /** Opens the database (and nothing else: connections are made on demand). */
  open(): Promise<void>;
  /** Closes every connection and the database; waits for borrowed connections' work to settle. */
  close(): Promise<void>;
  /** Runs one statement on a borrowed connection (see `AdapterSession.execute`). */
  execute(sql: string, bindings?: unknown[]): Promise<ExecuteResult>;
  /** Runs a multi-statement script on one borrowed connection. */
  executeMany(script: string | string[]): Promise<ExecuteResult[]>;
  /** Borrows a connection for `fn`, returning it afterwards (at most `threads` at once). */
  withConnection<T>(fn: (connection: AdapterConnection) => Promise<T>): Promise<T>;
  /** Runs `fn` inside BEGIN/COMMIT on one connection; ROLLBACK and rethrow on error. */
  transaction<T>(fn: (connection: AdapterConnection) => Promise<T>): Promise<T>;
  /** Interrupts every running statement (Ctrl-C). */
  cancel(): Promise<void>;
  /** Pool counters. */
  poolStats(): PoolStats;

  /** Quotes an identifier (`adapter.quote`). */
  quote(identifier: string): string;
  /** Builds a Relation with this adapter's quoting; missing parts default to the target's. */
  relation(parts: { database?: string; schema?: string; identifier: string; type?: RelationType }): Relation;

  listSchemas(database?: string): Promise<string[]>;
  schemaExists(database: string | undefined, schema: string): Promise<boolean>;
  listRelations(database: string | undefined, schema: string): Promise<Relation[]>;
  /** The relation if it exists (matched as the warehouse resolves names), else undefined. */
  getRelation(
    database: string | undefined,
    schema: string,
    identifier: string,
  ): Promise<Relation | undefined>;
  getColumns(relation: Relation): Promise<ColumnInfo[]>;
  /** Output columns of a query, without running it (model contracts). */
  describeQuery(sql: string): Promise<ResultColumn[]>;
  /** Catalog rows for `docs generate`, for all relations in the given schemas. */
  getCatalog(database: string | undefined, schemas: string[]): Promise<CatalogRow[]>;

  /**
   * Builds `target` from `options.sql` so a failure leaves the previous relation untouched:
   * build `<name>__tessera_tmp`, then in one transaction move the old one aside, rename the
   * new one in, drop the old. Handles table↔view switches. Returns the statements run.
   */
  replaceRelation(target: Relation, options: ReplaceOptions): Promise<string[]>;

  /** Loads a CSV seed with dbt's type inference. */
  loadSeed(relation: Relation, csvPath: string, options?: SeedLoadOptions): Promise<SeedLoadResult>;
}

/** A module in an adapter folder exports one of these as `createAdapter`. */
export type AdapterFactory = (target: TargetConfig) => Adapter;
