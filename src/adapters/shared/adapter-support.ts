/**
 * What every pooled adapter does the same way: lending a connection, wrapping work in a
 * transaction, making relations with the target's defaults, and handing the seed loader its view
 * of the catalog on one connection.
 */
import { DEFAULT_RELATION_STYLE, Relation, type RelationType } from '../relation.js';
import type { AdapterSession, ColumnInfo } from '../types.js';
import type { BaseSqlDialect } from './base-dialect.js';
import type { SeedLoaderContext } from './seed-table.js';

/** The target's database and schema, filled in where a caller leaves them out. */
export interface RelationDefaults {
  readonly defaultDatabase: string;
  readonly defaultSchema: string;
}

/** The parts of a relation an adapter's `relation()` takes. */
export interface RelationParts {
  database?: string;
  schema?: string;
  identifier: string;
  type?: RelationType;
}

/** How an introspector turns a catalog row into the adapter's relation. */
export type MakeRelation = (parts: {
  database: string;
  schema: string;
  identifier: string;
  type: RelationType;
}) => Relation;

/** A relation with the target's defaults for missing parts, every part double-quoted. */
export function defaultedRelation(parts: RelationParts, defaults: RelationDefaults): Relation {
  return Relation.create(
    {
      database: parts.database ?? defaults.defaultDatabase,
      schema: parts.schema ?? defaults.defaultSchema,
      identifier: parts.identifier,
      ...(parts.type === undefined ? {} : { type: parts.type }),
    },
    DEFAULT_RELATION_STYLE,
  );
}

/** The pool operations `lendConnection` needs. */
export interface Lender<C> {
  acquire(): Promise<C>;
  release(connection: C): void;
}

/**
 * Lends a pool connection to `fn`. `fn` may have failed inside a transaction it began: unless the
 * connection is past rolling back (`canRollBack`), it is rolled back so no aborted transaction is
 * ever lent out again.
 */
export async function lendConnection<C extends AdapterSession, T>(
  pool: Lender<C>,
  fn: (connection: C) => Promise<T>,
  canRollBack: (connection: C) => boolean = () => true,
): Promise<T> {
  const connection = await pool.acquire();
  try {
    return await fn(connection);
  } catch (error) {
    if (canRollBack(connection)) await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    pool.release(connection);
  }
}

/** Runs `fn` between begin and commit on `connection`; a failure rolls back and rethrows. */
export async function inTransaction<C extends AdapterSession, T>(
  connection: C,
  fn: (connection: C) => Promise<T>,
): Promise<T> {
  await connection.begin();
  try {
    const result = await fn(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  }
}

/** Catalog reads on one connection, as the seed loader uses them. */
export interface CatalogReader {
  getRelation(database: string, schema: string, identifier: string): Promise<Relation | undefined>;
  getColumns(relation: Relation): Promise<ColumnInfo[]>;
}

/** The seed loader's view of the adapter: its dialect and catalog reads with the target's defaults. */
export function seedLoaderContext<D extends BaseSqlDialect>(
  dialect: D,
  catalog: CatalogReader,
  defaults: RelationDefaults,
): SeedLoaderContext<D> {
  return {
    dialect,
    getRelation: (r) =>
      catalog.getRelation(
        r.database ?? defaults.defaultDatabase,
        r.schema ?? defaults.defaultSchema,
        r.identifier ?? '',
      ),
    getColumns: (r) => catalog.getColumns(r),
  };
}
