/** `sources:` entries into manifest source definitions, with dbt's defaults and inheritance. */
import type { PropertiesFile } from '../config/index.js';
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
        const freshness = table.freshness === undefined ? src.freshness : table.freshness;
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
          freshness: freshness
            ? ({
                warn_after: freshness.warn_after ?? { count: null, period: null },
                error_after: freshness.error_after ?? { count: null, period: null },
                filter: freshness.filter ?? null,
              } as never)
            : null,
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
