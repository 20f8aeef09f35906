/**
 * Snapshot files: each `{% snapshot name %}…{% endsnapshot %}` block in a snapshot path becomes a
 * snapshot node whose code is the block's body; its `config()`, `ref()` and `source()` calls are
 * captured the way a model's are.
 */
import type { Compiler } from '../compiler/index.js';
import type { ProjectFile } from './files.js';
import { applyNodeConfig, makeSnapshotNode } from './node-defaults.js';
import type { SnapshotNode } from './node-types.js';
import { staticExtract } from './static-extract.js';

const BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;

export interface SnapshotBuildContext {
  compiler: Compiler;
  targetSchema: string;
  /** The project-YAML + properties config for a snapshot, merged under its in-file config(). */
  nodeConfig(fqn: string[], pkg: string, inFileConfig: Record<string, unknown>): Record<string, unknown>;
}

export async function buildSnapshotNodes(
  ctx: SnapshotBuildContext,
  pkg: string,
  file: ProjectFile,
  text: string,
): Promise<SnapshotNode[]> {
  const out: SnapshotNode[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const name = m[1]!;
    const body = m[2]!.trim();
    const node = makeSnapshotNode({
      name,
      package_name: pkg,
      original_file_path: file.originalFilePath,
      path: file.path,
      schema: ctx.targetSchema,
      raw_code: body,
    });
    let extracted = staticExtract(body);
    if (!extracted) {
      const captured = await ctx.compiler.capture(node as never, body);
      extracted = {
        refs: captured.refs,
        sources: captured.sources,
        config: Object.assign({}, ...captured.configs),
      };
    }
    applyNodeConfig(node, ctx.nodeConfig(node.fqn, pkg, extracted.config));
    node.refs = extracted.refs.map((r) => ({
      name: r.name,
      package: r.package ?? null,
      version: r.version ?? null,
    }));
    node.sources = extracted.sources.map(([a, b]) => [a, b]);
    if (node.config.enabled !== false) out.push(node);
  }
  return out;
}

/**
 * dbt's legacy `target_schema` / `target_database` place a snapshot exactly there, with no
 * `generate_schema_name`; applied after relation naming.
 */
export function applySnapshotTargets(node: SnapshotNode): boolean {
  let changed = false;
  if (node.config.target_schema) {
    node.schema = node.config.target_schema;
    changed = true;
  }
  if (node.config.target_database) {
    node.database = node.config.target_database;
    changed = true;
  }
  return changed;
}
