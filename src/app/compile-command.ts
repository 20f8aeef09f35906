/** `compile`: render selected nodes (or an inline query) to SQL and write target/compiled. */
import { join } from 'node:path';
import type { CompilableNode, Compiler } from '../compiler/index.js';
import { makeSqlOperationNode } from '../parser/index.js';
import { compiledPath, genericTestKwargs, SqlFileWriter } from '../runner/index.js';
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
  // Written in place, as dbt writes target/compiled (a run's files go through a rename).
  const writer = new SqlFileWriter({ atomic: false });
  const out: CompiledNode[] = [];
  try {
    for (const id of ids) {
      const node = inv.project.nodes[id] as unknown as CompilableNode | undefined;
      if (!node || node.resource_type === 'seed') continue;
      const r = await compiler.compile(node, { prepare: genericTestKwargs(node) });
      (node as { compiled_code?: string }).compiled_code = r.sql;
      writer.write(join(inv.targetDir, 'compiled', node.package_name, compiledPath(node)), r.sql);
      out.push({ uniqueId: id, sql: r.sql });
    }
    await writer.settle();
  } finally {
    await writer.close();
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
