/** `compile`: render selected nodes (or an inline query) to SQL and write target/compiled. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompilableNode, Compiler } from '../compiler/index.js';
import { makeSqlOperationNode } from '../parser/index.js';
import { compiledPath, genericTestKwargs } from '../runner/index.js';
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
  const writer = new CompiledFileWriter();
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
    await writer.finish();
  } finally {
    await writer.close();
    await adapter.close();
  }
  return out;
}

/**
 * Writes compiled files on a worker thread, in batches, while the main thread keeps compiling:
 * creating 30,000 files is mostly kernel time. Files are written in order (two nodes may share
 * one, and the last wins), and a file that already holds the same text is left untouched.
 */
class CompiledFileWriter {
  private readonly worker = new Worker(WRITER_SOURCE, { eval: true });
  private batch: [string, string][] = [];
  private pending = 0;
  private failure: string | undefined;
  private drained: (() => void) | undefined;

  constructor() {
    this.worker.on('message', (errors: string[]) => {
      this.pending--;
      this.failure ??= errors[0];
      if (this.pending === 0) this.drained?.();
    });
    this.worker.on('error', (e) => {
      this.failure ??= String(e);
      this.pending = 0;
      this.drained?.();
    });
  }

  write(file: string, text: string): void {
    this.batch.push([file, text]);
    if (this.batch.length >= 256) this.flush();
  }

  async finish(): Promise<void> {
    this.flush();
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    if (this.failure) throw new Error(`writing compiled SQL failed: ${this.failure}`);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.pending++;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }
}

// Plain JavaScript run by the worker (eval: no loader is needed under tsx or from dist/).
const WRITER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const folders = new Set();
parentPort.on('message', (batch) => {
  const errors = [];
  for (const [file, text] of batch) {
    try {
      const dir = path.dirname(file);
      if (!folders.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        folders.add(dir);
      }
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (st && st.size === Buffer.byteLength(text) && fs.readFileSync(file, 'utf8') === text) continue;
      fs.writeFileSync(file, text);
    } catch (e) {
      errors.push(e && e.message ? e.message : String(e));
    }
  }
  parentPort.postMessage(errors);
});
`;

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
