/** Errors raised by adapters: typed values the runner attaches a node to. */

/** What went wrong, independent of the warehouse. */
export type AdapterErrorCode =
  | 'syntax' // the SQL does not parse
  | 'binder' // names or types do not resolve
  | 'catalog' // a relation, schema or function is missing or already there
  | 'constraint' // NOT NULL, UNIQUE, CHECK… violated
  | 'conversion' // a value does not fit a type
  | 'cancelled' // interrupted by cancel()
  | 'connection' // cannot open or use the database
  | 'seed' // a seed file cannot be loaded as asked
  | 'database'; // anything else the warehouse reported

/** A position inside the SQL text, 1-based. */
export interface SqlPosition {
  line: number;
  column: number;
}

/** An error reported by the warehouse (or by the adapter about its input). */
export class AdapterError extends Error {
  constructor(
    message: string,
    /** Kind of failure. */
    readonly code: AdapterErrorCode,
    /** The statement that failed, when there was one. */
    readonly sql: string | undefined = undefined,
    /** Where in `sql` the warehouse pointed, when it did. */
    readonly position: SqlPosition | undefined = undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdapterError';
  }
}
