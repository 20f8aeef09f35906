/** The PostgreSQL adapter folder's public face (loaded lazily by `createAdapter`). */
import type { AdapterFactory } from '../types.js';
import { PostgresAdapter } from './postgres-adapter.js';
import type { PostgresTargetConfig } from './postgres-config.js';

export { PostgresAdapter } from './postgres-adapter.js';
export { clientConfig, type PostgresTargetConfig, postgresDatabaseName } from './postgres-config.js';
export {
  assertIdentifierLength,
  helperIdentifier,
  MAX_IDENTIFIER_BYTES,
  PostgresDialect,
} from './postgres-dialect.js';
export { positionAt } from './postgres-errors.js';
export { numberPlaceholders } from './postgres-placeholders.js';
export { seedCellValue } from './postgres-seed-loader.js';
export { normalizePostgresType, parseInt8, parseNumeric } from './postgres-types.js';

/** Makes a (not yet opened) PostgreSQL adapter for a `type: postgres` target. */
export const createAdapter: AdapterFactory = (target) => new PostgresAdapter(target as PostgresTargetConfig);
