/**
 * Snapshot files: each `{% snapshot name %}…{% endsnapshot %}` block in a snapshot path becomes a
 * snapshot node whose code is the block's body; its `config()`, `ref()` and `source()` calls are
 * captured the way a model's are, and its `snapshots:` properties entry (description, columns,
 * config) is applied to it.
 */
import type { Compiler } from '../compiler/index.js';
import type { ProjectFile } from './files.js';
import { applyNodeConfig, makeSnapshotNode } from './node-defaults.js';
import { fileChecksum } from './node-paths.js';
import type { SnapshotNode } from './node-types.js';
import { applyModelProperties, type PatchIndex } from './patches.js';
import { staticExtract } from './static-extract.js';

const BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;

export interface SnapshotBuildContext {
  compiler: Compiler;
  targetSchema: string;
  /** Properties entries by `<package>:<name>`; `snapshots` is the one read here. */
  patches: Pick<PatchIndex, 'snapshots'>;
  /** The project-YAML config merged under the properties config and then the in-file config(). */
  nodeConfig(
    fqn: string[],
    pkg: string,
    propertiesConfig: Record<string, unknown> | undefined,
    inFileConfig: Record<string, unknown>,
  ): Record<string, unknown>;
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
    const node = makeSnapshotNode({
      name,
      package_name: pkg,
      original_file_path: file.originalFilePath,
      path: file.path,
      schema: ctx.targetSchema,
      raw_code: m[2]!,
    });
    // dbt keeps the block's body as written but fingerprints the whole file.
    node.checksum = fileChecksum(text);
    await finishSnapshotNode(ctx, node, {});
    if (node.config.enabled !== false) out.push(node);
  }
  return out;
}

/**
 * Config, refs, sources and properties of a snapshot node whose code is set; `extraConfig` is
 * config that sits above the properties entry's (none for YAML-defined snapshots).
 */
export async function finishSnapshotNode(
  ctx: SnapshotBuildContext,
  node: SnapshotNode,
  extraConfig: Record<string, unknown>,
): Promise<void> {
  const body = node.raw_code;
  let extracted = staticExtract(body);
  if (!extracted) {
    const captured = await ctx.compiler.capture(node as never, body);
    extracted = {
      refs: captured.refs,
      sources: captured.sources,
      config: Object.assign({}, ...captured.configs),
    };
  }
  const patch = ctx.patches.snapshots.get(`${node.package_name}:${node.name}`);
  applyNodeConfig(
    node,
    ctx.nodeConfig(node.fqn, node.package_name, patch?.config, { ...extraConfig, ...extracted.config }),
  );
  if (patch?.tags.length) node.tags = [...new Set([...node.tags, ...patch.tags])];
  if (patch) applyModelProperties(node as never, patch);
  node.refs = extracted.refs.map((r) => ({
    name: r.name,
    package: r.package ?? null,
    version: r.version ?? null,
  }));
  node.sources = extracted.sources.map(([a, b]) => [a, b]);
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
