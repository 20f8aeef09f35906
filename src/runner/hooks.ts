/** Model pre-/post-hooks: rendered in the node's context, run before or after the build. */
import type { CompilableNode } from '../compiler/index.js';
import type { RunState } from './run-state.js';

interface HookConfig {
  sql: string;
  transaction?: boolean;
}

/** `pre-hook`/`post-hook` configs come as strings, lists, or `{sql, transaction}` objects. */
export function hookList(value: unknown): HookConfig[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .map((h) => (typeof h === 'string' ? { sql: h } : (h as HookConfig)))
    .filter((h) => h && typeof h.sql === 'string' && h.sql.trim() !== '');
}

export async function runHooks(
  state: RunState,
  node: CompilableNode,
  which: 'pre-hook' | 'post-hook',
): Promise<string[]> {
  const ran: string[] = [];
  const hooks = hookList(node.config[which]);
  for (const [i, hook] of hooks.entries()) {
    const sql = (
      await state.compiler.renderString(node, hook.sql, `${node.original_file_path}:${which}[${i}]`)
    ).trim();
    if (!sql) continue;
    await state.adapter.executeMany(sql);
    ran.push(sql);
  }
  return ran;
}
