/**
 * `on-run-start` / `on-run-end` hooks from dbt_project.yml (the root project's and its packages'),
 * rendered as operation nodes and run in order around the nodes of run/seed/test/build.
 */

import type { Adapter } from '../adapters/index.js';
import type { CompilableNode, Compiler } from '../compiler/index.js';
import { resolveNodeConfig } from '../config/index.js';
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
        const node = projectHookNode(inv, which, p.name, index, sql);
        out[node.unique_id] = node;
      });
  return out;
}

/** One hook as an operation node; like dbt, it takes the `models:` configs of `<pkg>.hooks`. */
function projectHookNode(
  inv: Invocation,
  which: 'on-run-start' | 'on-run-end',
  pkg: string,
  index: number,
  sql: string,
): CompilableNode {
  const config = resolveNodeConfig({
    root: inv.workspace.root.config,
    resourceType: 'model',
    fqn: [pkg, 'hooks', `${pkg}-${which}-${index}`],
    packageName: pkg,
    dependencies: Object.fromEntries(inv.workspace.packages.map((p) => [p.name, p.config])),
  });
  return makeHookNode({
    hookType: which,
    index,
    package_name: pkg,
    database: String(inv.target.database),
    schema: String(inv.target.schema),
    raw_code: sql,
    config,
  }) as unknown as CompilableNode;
}

/**
 * Runs one kind of project hook, in order, as dbt does: each is a `1 of N START hook: …` /
 * `OK hook: …` pair of events and a result (`<pkg>.<hook>.<n> passed`) for run_results.json and
 * the summary. A failing hook throws: the command stops there.
 */
export async function runProjectHooks(
  inv: Invocation,
  which: 'on-run-start' | 'on-run-end',
  compiler: Compiler,
  adapter: Adapter,
  events: EventBus,
  results: readonly NodeResult[] = [],
): Promise<NodeResult[]> {
  const projects = [inv.workspace.root, ...inv.workspace.packages];
  const hooks = projects.flatMap((p) =>
    (which === 'on-run-start' ? p.config.onRunStart : p.config.onRunEnd).map((sql, index) => ({
      pkg: p.name,
      sql,
      index,
    })),
  );
  if (hooks.length === 0) return [];
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
  const out: NodeResult[] = [];
  for (const [i, hook] of hooks.entries()) {
    const node = projectHookNode(inv, which, hook.pkg, hook.index, hook.sql);
    const label = `${hook.pkg}.${which}.${hook.index}`;
    const info = {
      unique_id: node.unique_id,
      name: node.name,
      resource_type: 'operation',
      description: `hook: ${label}`,
    };
    events.emit({ type: 'node-started', index: i + 1, total: hooks.length, node: info });
    const compileStart = new Date();
    const started = performance.now();
    const sql = (
      await compiler.renderString(node, hook.sql, `dbt_project.yml:${which}[${hook.index}]`, extra)
    ).trim();
    const executeStart = new Date();
    if (sql) await adapter.executeMany(sql);
    const end = new Date();
    const result: NodeResult = {
      unique_id: node.unique_id,
      status: 'success',
      timing: [
        { name: 'compile', started_at: compileStart.toISOString(), completed_at: executeStart.toISOString() },
        { name: 'execute', started_at: executeStart.toISOString(), completed_at: end.toISOString() },
      ],
      thread_id: 'main',
      execution_time: (performance.now() - started) / 1000,
      adapter_response: {},
      message: `${label} passed`,
      failures: 0,
      compiled: true,
      compiled_code: sql,
      relation_name: null,
      display: { kind: 'hook' },
    };
    events.emit({ type: 'node-finished', index: i + 1, total: hooks.length, node: info, result });
    out.push(result);
  }
  return out;
}
