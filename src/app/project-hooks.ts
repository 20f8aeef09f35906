/**
 * `on-run-start` / `on-run-end` hooks from dbt_project.yml (the root project's and its packages'),
 * rendered as operation nodes and run in order around the nodes of run/seed/test/build.
 */

import type { Adapter } from '../adapters/index.js';
import type { CompilableNode, Compiler } from '../compiler/index.js';
import { makeHookNode } from '../parser/index.js';
import type { EventBus, NodeResult } from '../runner/index.js';
import type { Invocation } from './invocation.js';

/**
 * The hooks as the operation nodes dbt lists in manifest.json (`operation.<pkg>.<pkg>-on-run-end-0`,
 * tagged with the hook type), unrendered: they are rendered only when they run.
 */
export function hookNodes(inv: Invocation): Record<string, CompilableNode> {
  const out: Record<string, CompilableNode> = {};
  for (const p of [inv.workspace.root, ...inv.workspace.packages])
    for (const which of ['on-run-start', 'on-run-end'] as const)
      (which === 'on-run-start' ? p.config.onRunStart : p.config.onRunEnd).forEach((sql, index) => {
        const node = makeHookNode({
          hookType: which,
          index,
          package_name: p.name,
          schema: String(inv.target.schema),
          raw_code: sql,
        }) as unknown as CompilableNode;
        out[node.unique_id] = node;
      });
  return out;
}

export async function runProjectHooks(
  inv: Invocation,
  which: 'on-run-start' | 'on-run-end',
  compiler: Compiler,
  adapter: Adapter,
  events: EventBus,
  results: readonly NodeResult[] = [],
): Promise<void> {
  const projects = [inv.workspace.root, ...inv.workspace.packages];
  const hooks = projects.flatMap((p) =>
    (which === 'on-run-start' ? p.config.onRunStart : p.config.onRunEnd).map((sql, index) => ({
      pkg: p.name,
      sql,
      index,
    })),
  );
  if (hooks.length === 0) return;
  events.emit({
    type: 'log',
    level: 'info',
    message: `Running ${hooks.length} ${which} hook${hooks.length === 1 ? '' : 's'}`,
  });
  // What dbt's on-run-end context offers: the results, and the schemas that were built into.
  const schemas = [...new Set(Object.values(inv.project.nodes).map((n) => n.schema))].sort();
  const extra =
    which === 'on-run-end'
      ? {
          results: results.map((r) => ({ ...r, node: inv.project.nodes[r.unique_id] ?? null })),
          schemas,
          database_schemas: schemas.map((s) => [inv.target.database, s]),
        }
      : {};
  for (const hook of hooks) {
    const node = makeHookNode({
      hookType: which,
      index: hook.index,
      package_name: hook.pkg,
      schema: String(inv.target.schema),
      raw_code: hook.sql,
    }) as unknown as CompilableNode;
    const sql = (
      await compiler.renderString(node, hook.sql, `dbt_project.yml:${which}[${hook.index}]`, extra)
    ).trim();
    const started = performance.now();
    if (sql) await adapter.executeMany(sql);
    events.emit({
      type: 'log',
      level: 'info',
      message: `OK hook: ${node.name} in ${((performance.now() - started) / 1000).toFixed(2)}s`,
    });
  }
}
