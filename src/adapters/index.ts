/**
 * Warehouse adapters, the public face. The interface types and `Relation` load eagerly;
 * each warehouse folder (and its driver) loads only when `createAdapter` asks for it.
 */
import { AdapterError } from './errors.js';
import type { Adapter, AdapterFactory, TargetConfig } from './types.js';

export { AdapterError, type AdapterErrorCode, type SqlPosition } from './errors.js';
export {
  DEFAULT_RELATION_STYLE,
  type PartPolicy,
  quoteIdentifier,
  Relation,
  type RelationPath,
  type RelationStyle,
  type RelationType,
} from './relation.js';
export { toDbtAdapterResponse } from './response.js';
export { diffColumns, type SchemaChange } from './schema-change.js';
export {
  defaultSeedSqlType,
  type InferredSeedColumn,
  type SeedColumnKind,
  SeedTypeInferrer,
  seedColumnNames,
} from './seeds/seed-type-inference.js';
export type {
  Adapter,
  AdapterConnection,
  AdapterFactory,
  AdapterResponse,
  AdapterSession,
  CatalogRow,
  ColumnInfo,
  ContractColumn,
  ContractConstraint,
  CreateTableOptions,
  ExecuteResult,
  PoolStats,
  ReplaceOptions,
  ResultColumn,
  SeedLoadOptions,
  SeedLoadResult,
  SqlDialect,
  TargetConfig,
} from './types.js';

/** Adapter folders by target `type`; each is imported on first use only. */
const LOADERS: Record<string, () => Promise<{ createAdapter: AdapterFactory }>> = {
  duckdb: () => import('./duckdb/index.js'),
  postgres: () => import('./postgres/index.js'),
};

/** Adapter types this build knows. */
export const ADAPTER_TYPES: readonly string[] = Object.keys(LOADERS);

/** Makes the adapter for a target (not yet opened: call `open()`). */
export async function createAdapter(target: TargetConfig): Promise<Adapter> {
  const load = LOADERS[target.type];
  if (load === undefined) {
    throw new AdapterError(
      `unknown adapter type '${target.type}' (known: ${ADAPTER_TYPES.join(', ')})`,
      'connection',
    );
  }
  const module = await load();
  return module.createAdapter(target);
}
