/**
 * target/catalog.json, schema v1: what the warehouse says about every relation the project
 * built or reads (types, owners, columns with types and positions, stats), keyed like the manifest.
 */
import type { CatalogRow } from '../adapters/index.js';
import { type BaseArtifactMetadata, type BaseMetadataInit, buildBaseMetadata } from './metadata.js';

export const CATALOG_SCHEMA_URL = 'https://schemas.getdbt.com/dbt/catalog/v1.json';

interface StatsItem {
  id: string;
  label: string;
  value: boolean | string | number | null;
  include: boolean;
  description: string | null;
}

export interface CatalogTable {
  metadata: {
    type: string;
    schema: string;
    name: string;
    database: string | null;
    comment: string | null;
    owner: string | null;
  };
  columns: Record<string, { type: string; index: number; name: string; comment: string | null }>;
  stats: Record<string, StatsItem>;
  unique_id: string | null;
}

export interface Catalog {
  metadata: BaseArtifactMetadata;
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

/** What the catalog is built for: a relation and the unique_id naming it in the manifest. */
export interface CatalogMember {
  unique_id: string;
  database: string | null;
  schema: string;
  identifier: string;
}

const NO_STATS: StatsItem = {
  id: 'has_stats',
  label: 'Has Stats?',
  value: false,
  include: false,
  description: 'Indicates whether there are statistics for this table',
};

export function buildCatalog(
  input: BaseMetadataInit & {
    rows: readonly CatalogRow[];
    nodes: readonly CatalogMember[];
    sources: readonly CatalogMember[];
    errors?: string[];
  },
): Catalog {
  const key = (db: string | null | undefined, schema: string, name: string) =>
    `${db ?? ''}.${schema}.${name}`.toLowerCase();
  const tables = new Map<string, CatalogTable>();
  for (const row of input.rows) {
    const k = key(row.tableDatabase, row.tableSchema, row.tableName);
    let t = tables.get(k);
    if (!t) {
      const stats: Record<string, StatsItem> = {};
      for (const [id, s] of Object.entries(row.stats))
        stats[id] = {
          id,
          label: s.label,
          value: s.value as StatsItem['value'],
          include: s.include,
          description: s.description ?? null,
        };
      stats.has_stats = { ...NO_STATS, value: Object.keys(row.stats).length > 0 };
      t = {
        metadata: {
          type: row.tableType,
          schema: row.tableSchema,
          name: row.tableName,
          database: row.tableDatabase,
          comment: row.tableComment,
          owner: row.tableOwner,
        },
        columns: {},
        stats,
        unique_id: null,
      };
      tables.set(k, t);
    }
    t.columns[row.columnName] = {
      type: row.columnType,
      index: row.columnIndex,
      name: row.columnName,
      comment: row.columnComment,
    };
  }
  const pick = (members: readonly CatalogMember[]) => {
    const out: Record<string, CatalogTable> = {};
    for (const m of members) {
      const t = tables.get(key(m.database, m.schema, m.identifier));
      if (t) out[m.unique_id] = { ...t, unique_id: m.unique_id };
    }
    return out;
  };
  return {
    metadata: buildBaseMetadata(CATALOG_SCHEMA_URL, input),
    nodes: pick(input.nodes),
    sources: pick(input.sources),
    errors: input.errors?.length ? input.errors : null,
  };
}
