/** `sources:` entries into manifest source definitions, with dbt's defaults and inheritance. */
import type { FreshnessSpec, PropertiesFile } from '../config/index.js';
import { defaultSourceConfig } from './node-config-defaults.js';
import type { JsonObject, SourceDefinition } from './node-types.js';
import { columnsFrom } from './patches.js';
import { makeSourceDefinition } from './resource-defaults.js';
import type { Workspace } from './workspace.js';

export function buildSources(
  files: readonly { pkg: string; file: PropertiesFile }[],
  _ws: Workspace,
  target: Record<string, unknown>,
): Record<string, SourceDefinition> {
  const out: Record<string, SourceDefinition> = {};
  for (const { pkg, file } of files) {
    for (const src of file.sources) {
      for (const table of src.tables) {
        const freshness = mergedFreshness([
          src.freshness,
          src.config.freshness as FreshnessSpec | null | undefined,
          table.freshness,
          table.config.freshness as FreshnessSpec | null | undefined,
        ]);
        const def = makeSourceDefinition({
          source_name: src.name,
          name: table.name,
          package_name: pkg,
          original_file_path: file.file,
          database: src.database ?? (target.database as string | undefined) ?? null,
          schema: src.schema ?? src.name,
          identifier: table.identifier ?? table.name,
          source_description: src.description,
          description: table.description,
          loader: src.loader ?? '',
          loaded_at_field: table.loadedAtField ?? src.loadedAtField ?? null,
          loaded_at_query: table.loadedAtQuery ?? src.loadedAtQuery ?? null,
          freshness: freshness as never,
          config: { ...defaultSourceConfig(), freshness: freshness as never },
          columns: columnsFrom(table.columns),
          meta: { ...(src.meta as JsonObject), ...(table.meta as JsonObject) },
          source_meta: src.meta as JsonObject,
          tags: [...new Set([...src.tags, ...table.tags])],
          external: (table.external as JsonObject | undefined) ?? null,
        });
        out[def.unique_id] = def;
      }
    }
  }
  return out;
}

type Threshold = { count: number | null; period: string | null };
interface Freshness {
  warn_after: Threshold;
  error_after: Threshold;
  filter: string | null;
}

const NO_THRESHOLD = (): Threshold => ({ count: null, period: null });

/**
 * A source table's freshness from its layers, outermost first (source `freshness:`, source
 * `config.freshness`, table `freshness:`, table `config.freshness`). A layer left out changes
 * nothing, `null` switches freshness off, a mapping is merged over what the outer layers set
 * (each of `warn_after`/`error_after` key by key), as dbt does. Never set: thresholds all null.
 */
export function mergedFreshness(layers: readonly (FreshnessSpec | null | undefined)[]): Freshness | null {
  let out: Freshness | null = { warn_after: NO_THRESHOLD(), error_after: NO_THRESHOLD(), filter: null };
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer === null) {
      out = null;
      continue;
    }
    const base: Freshness = out ?? { warn_after: NO_THRESHOLD(), error_after: NO_THRESHOLD(), filter: null };
    out = {
      warn_after: { ...base.warn_after, ...definedOnly(layer.warn_after) },
      error_after: { ...base.error_after, ...definedOnly(layer.error_after) },
      filter: layer.filter !== undefined ? layer.filter : base.filter,
    };
  }
  return out;
}

function definedOnly(rule: object | null | undefined): Partial<Threshold> {
  if (!rule) return {};
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as Partial<Threshold>;
}
