/**
 * The incremental materialization's update path: build the new rows into a temporary table,
 * reconcile schemas (`on_schema_change`), then apply the strategy in one transaction.
 */
import type { AdapterResponse, Relation } from '../adapters/index.js';
import { type CompilableNode, CompilerError } from '../compiler/index.js';
import type { RunState } from './run-state.js';

const STRATEGIES = ['append', 'merge', 'delete+insert'] as const;
type Strategy = (typeof STRATEGIES)[number];

export function incrementalStrategy(node: CompilableNode): Strategy {
  const uniqueKey = uniqueKeyOf(node);
  const raw = node.config.incremental_strategy;
  const strategy =
    raw === undefined || raw === null || raw === 'default'
      ? uniqueKey.length
        ? 'delete+insert'
        : 'append'
      : String(raw);
  if (!(STRATEGIES as readonly string[]).includes(strategy))
    throw new CompilerError(
      `Invalid incremental strategy provided: ${strategy}. Expected one of: ${STRATEGIES.map((s) => `'${s}'`).join(', ')}`,
      'E_INCREMENTAL_STRATEGY',
      node.original_file_path,
    );
  if ((strategy === 'merge' || strategy === 'delete+insert') && uniqueKey.length === 0)
    throw new CompilerError(
      `The '${strategy}' incremental strategy needs a unique_key`,
      'E_INCREMENTAL_STRATEGY',
      node.original_file_path,
    );
  return strategy as Strategy;
}

export function uniqueKeyOf(node: CompilableNode): string[] {
  const k = node.config.unique_key;
  if (k === undefined || k === null || k === '') return [];
  return (Array.isArray(k) ? k : [k]).map(String);
}

export async function incrementalStatements(
  state: RunState,
  node: CompilableNode,
  target: Relation,
  sql: string,
): Promise<{ statements: string[]; rowsAffected?: number; response?: AdapterResponse }> {
  const { adapter } = state;
  const strategy = incrementalStrategy(node);
  const identifier = target.identifier ?? '';
  const tmpName = adapter.dialect.helperIdentifier?.(identifier, '__dbt_tmp') ?? `${identifier}__dbt_tmp`;
  const tmp = target.withIdentifier(tmpName, 'table');
  const statements: string[] = [];
  const run = async (list: string[]) => {
    let rows: number | undefined;
    for (const s of list) {
      const r = await adapter.execute(s);
      statements.push(s);
      if (r.rowsAffected !== undefined) rows = (rows ?? 0) + r.rowsAffected;
    }
    return rows;
  };
  await run([adapter.dialect.dropRelation(tmp)]);
  await run(adapter.dialect.createTableAs(tmp, sql));
  try {
    const columns = await reconcileSchema(state, node, target, tmp, statements);
    const predicates = (node.config.incremental_predicates as string[] | undefined) ?? [];
    const uniqueKey = uniqueKeyOf(node);
    const sqlList =
      strategy === 'append'
        ? [adapter.dialect.insertInto(target, tmp, columns)]
        : strategy === 'merge'
          ? adapter.dialect.merge(target, tmp, uniqueKey, columns, predicates)
          : adapter.dialect.deleteInsert(target, tmp, uniqueKey, columns, predicates);
    let inserted: number | undefined;
    let response: AdapterResponse | undefined;
    await adapter.transaction(async (conn) => {
      for (const s of sqlList) {
        const r = await conn.execute(s);
        statements.push(s);
        if (r.rowsAffected !== undefined) inserted = r.rowsAffected;
        response = r.response;
      }
    });
    return { statements, rowsAffected: inserted, response };
  } finally {
    await adapter.execute(adapter.dialect.dropRelation(tmp));
  }
}

/** Applies `on_schema_change`; returns the columns to write. */
async function reconcileSchema(
  state: RunState,
  node: CompilableNode,
  target: Relation,
  tmp: Relation,
  statements: string[],
): Promise<string[]> {
  const { adapter } = state;
  const [targetCols, newCols] = await Promise.all([adapter.getColumns(target), adapter.getColumns(tmp)]);
  const lower = (s: string) => s.toLowerCase();
  const targetNames = new Set(targetCols.map((c) => lower(c.name)));
  const newNames = new Set(newCols.map((c) => lower(c.name)));
  const added = newCols.filter((c) => !targetNames.has(lower(c.name)));
  const removed = targetCols.filter((c) => !newNames.has(lower(c.name)));
  const changed = newCols.filter((c) => {
    const t = targetCols.find((x) => lower(x.name) === lower(c.name));
    return t && adapter.dialect.normalizeType(t.dataType) !== adapter.dialect.normalizeType(c.dataType);
  });
  const mode = String(node.config.on_schema_change ?? 'ignore');
  const differs = added.length > 0 || removed.length > 0 || changed.length > 0;
  if (mode === 'fail' && differs) {
    throw new CompilerError(
      `The source and target schemas on this incremental model are out of sync! Added: [${added.map((c) => c.name).join(', ')}], removed: [${removed.map((c) => c.name).join(', ')}], type changed: [${changed.map((c) => c.name).join(', ')}]. Use --full-refresh or set on_schema_change.`,
      'E_SCHEMA_CHANGE',
      node.original_file_path,
    );
  }
  const exec = async (list: string[]) => {
    for (const s of list) {
      await adapter.execute(s);
      statements.push(s);
    }
  };
  if ((mode === 'append_new_columns' || mode === 'sync_all_columns') && added.length)
    await exec(
      adapter.dialect.addColumns(
        target,
        added.map((c) => ({ name: c.name, dataType: c.dataType })),
      ),
    );
  if (mode === 'sync_all_columns') {
    if (removed.length)
      await exec(
        adapter.dialect.dropColumns(
          target,
          removed.map((c) => c.name),
        ),
      );
    for (const c of changed) await exec([adapter.dialect.alterColumnType(target, c.name, c.dataType)]);
  }
  if (mode === 'append_new_columns' || mode === 'sync_all_columns') return newCols.map((c) => c.name);
  // ignore: write the target's columns that the new rows have.
  return targetCols.filter((c) => newNames.has(lower(c.name))).map((c) => c.name);
}
