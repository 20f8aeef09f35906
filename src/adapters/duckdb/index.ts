/** The DuckDB adapter folder's public face (loaded lazily by `createAdapter`). */
import type { AdapterFactory } from '../types.js';
import { DuckDBAdapter, type DuckDBTargetConfig } from './duckdb-adapter.js';

export { DuckDBAdapter, type DuckDBTargetConfig, duckdbDatabaseName } from './duckdb-adapter.js';
export { DuckDBDialect } from './duckdb-dialect.js';
export { normalizeDuckDBType } from './duckdb-types.js';

/** Makes a (not yet opened) DuckDB adapter for a `type: duckdb` target. */
export const createAdapter: AdapterFactory = (target) => new DuckDBAdapter(target as DuckDBTargetConfig);
