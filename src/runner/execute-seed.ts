/** Loads a seed CSV into its table through the adapter's bulk loader. */
import { join } from 'node:path';
import type { CompilableNode } from '../compiler/index.js';
import type { RunState } from './run-state.js';

export interface SeedOutcome {
  rows: number;
  code: string;
  statements: string[];
}

export async function executeSeed(
  state: RunState,
  node: CompilableNode,
  projectRoot: string,
): Promise<SeedOutcome> {
  const relation = state.compiler.relationFor(node, 'table');
  await state.ensureSchema(relation.database, relation.schema!);
  const config = node.config;
  const r = await state.adapter.loadSeed(relation, join(projectRoot, node.original_file_path), {
    columnTypes: (config.column_types ?? {}) as Record<string, string>,
    delimiter: (config.delimiter as string | undefined) ?? ',',
    quoteColumns:
      config.quote_columns === undefined || config.quote_columns === null
        ? undefined
        : Boolean(config.quote_columns),
    fullRefresh: state.flags.fullRefresh || config.full_refresh === true,
  });
  return { rows: r.rowsAffected, code: r.code, statements: r.sql };
}
