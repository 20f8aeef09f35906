/**
 * Column differences between an incremental model's new rows and its existing table, for
 * `on_schema_change` (ignore, fail, append_new_columns, sync_all_columns). Names compare
 * case-insensitively; types through the dialect's `normalizeType`.
 */
import type { ColumnInfo } from './types.js';

/** What changed between the target table and the new source columns. */
export interface SchemaChange {
  /** Source columns the target lacks (add them for append_new_columns / sync_all_columns). */
  added: ColumnInfo[];
  /** Target columns the source no longer has (dropped by sync_all_columns). */
  removed: ColumnInfo[];
  /** Columns in both whose types differ: the source's type is the new one. */
  retyped: { name: string; fromType: string; toType: string }[];
  /** Whether anything at all differs. */
  changed: boolean;
}

/** Compares `source` (new rows) with `target` (existing table) columns. */
export function diffColumns(
  source: ColumnInfo[],
  target: ColumnInfo[],
  normalizeType: (dataType: string) => string,
): SchemaChange {
  const key = (name: string) => name.toLowerCase();
  const targetByName = new Map(target.map((column) => [key(column.name), column]));
  const sourceNames = new Set(source.map((column) => key(column.name)));
  const added = source.filter((column) => !targetByName.has(key(column.name)));
  const removed = target.filter((column) => !sourceNames.has(key(column.name)));
  const retyped: SchemaChange['retyped'] = [];
  for (const column of source) {
    const existing = targetByName.get(key(column.name));
    if (existing !== undefined && normalizeType(existing.dataType) !== normalizeType(column.dataType)) {
      retyped.push({ name: existing.name, fromType: existing.dataType, toType: column.dataType });
    }
  }
  return { added, removed, retyped, changed: added.length + removed.length + retyped.length > 0 };
}
