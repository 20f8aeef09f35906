/** `compile`: render selected nodes (or an inline query) to SQL and write target/compiled. */
import type { CompilableNode, Compiler } from '../compiler/index.js';
import { makeSqlOperationNode } from '../parser/index.js';
import { compiledPath, genericTestKwargs, RunState } from '../runner/index.js';
import type { Invocation } from './invocation.js';
import { connect } from './invocation.js';
import { type SelectionFlags, selectFor } from './selection.js';

export interface CompiledNode {
  uniqueId: string;
  sql: string;
}

export async function compileNodes(inv: Invocation, flags: SelectionFlags): Promise<CompiledNode[]> {
  const ids = [...selectFor(inv, 'compile', flags).selected];
  const { adapter, compiler } = await connect(inv);
  const state = new RunState(compiler, adapter, inv.targetDir, { fullRefresh: false, storeFailures: false });
  const out: CompiledNode[] = [];
  try {
    // Files are written while the next nodes compile; a bounded number at a time.
    const writes = new Set<Promise<unknown>>();
    for (const id of ids) {
      const node = inv.project.nodes[id] as unknown as CompilableNode | undefined;
      if (!node || node.resource_type === 'seed') continue;
      const r = await compiler.compile(node, { prepare: genericTestKwargs(node) });
      (node as { compiled_code?: string }).compiled_code = r.sql;
      const w = state.writeSql('compiled', node.package_name, compiledPath(node), r.sql).finally(() => writes.delete(w));
      writes.add(w);
      if (writes.size >= 64) await Promise.race(writes);
      out.push({ uniqueId: id, sql: r.sql });
    }
    await Promise.all(writes);
  } finally {
    await adapter.close();
  }
  return out;
}

/** Compiles a query given on the command line, as dbt's `sql_operation` node `inline_query`. */
export async function compileInline(inv: Invocation, sql: string, compiler?: Compiler): Promise<string> {
  const own = compiler ? undefined : await connect(inv);
  const c = compiler ?? own!.compiler;
  try {
    const node = makeSqlOperationNode({
      name: 'inline_query',
      package_name: inv.workspace.root.name,
      original_file_path: 'from remote system.sql',
      path: 'sql/inline_query',
      schema: String(inv.target.schema),
      raw_code: sql,
    });
    return (await c.compile(node as unknown as CompilableNode)).sql;
  } finally {
    await own?.adapter.close();
  }
}
