/**
 * One file into one node: models, analyses and singular tests (SQL whose ref/source/config are
 * captured statically or by rendering), and seeds (CSV). Used by the cold parse for every file and
 * by the partial parse for the files that changed.
 */
import { type Compiler, INTERNAL_PACKAGE } from '../compiler/index.js';
import { contractChecksum } from './contract-checksum.js';
import type { ProjectFile } from './files.js';
import { versionColumns } from './model-versions.js';
import {
  applyNodeConfig,
  makeAnalysisNode,
  makeModelNode,
  makeSeedNode,
  makeSingularTestNode,
} from './node-defaults.js';
import { fileStem } from './node-paths.js';
import type { ManifestNode, ModelNode } from './node-types.js';
import { applyModelProperties, type PatchIndex } from './patches.js';
import {
  type InertMacroCheck,
  isInertMacroSql,
  type StaticExtract,
  staticExtract,
} from './static-extract.js';

type Extracted = Pick<StaticExtract, 'refs' | 'sources' | 'config'>;

export type SqlNodeKind = 'model' | 'analysis' | 'test';
export type FileNodeKind = SqlNodeKind | 'seed' | 'snapshot';

export type NodeConfigResolver = (
  resourceType: 'model' | 'seed' | 'test' | 'analysis' | 'snapshot',
  fqn: string[],
  pkg: string,
  propertiesConfig?: Record<string, unknown>,
  inFileConfig?: Record<string, unknown>,
) => Record<string, unknown>;

export interface NodeBuildContext {
  compiler: Compiler;
  patches: PatchIndex;
  nodeConfig: NodeConfigResolver;
  targetSchema: string;
}

/** The properties-index key of the entry that patches a file's node (`<pkg>:<name>`), by kind. */
export function patchKeyOf(pkg: string, file: ProjectFile): string {
  return `${pkg}:${fileStem(file.path)}`;
}

/**
 * A model, analysis or singular test; its node even when disabled (the caller drops those).
 * Synchronous when the static extractor reads the file (most files): no promise per node.
 */
export function buildSqlNode(
  ctx: NodeBuildContext,
  kind: SqlNodeKind,
  pkg: string,
  file: ProjectFile,
  raw: string,
): ManifestNode | Promise<ManifestNode> {
  const stem = fileStem(file.path);
  // A versioned model's file (`dim_v2.sql` or its `defined_in`) is one version of `dim`.
  const versioned = kind === 'model' ? ctx.patches.versions.get(`${pkg}:${stem}`) : undefined;
  const name = versioned ? versioned.model.name : stem;
  const patch =
    kind === 'model'
      ? ctx.patches.models.get(`${pkg}:${name}`)
      : kind === 'analysis'
        ? ctx.patches.analyses.get(`${pkg}:${name}`)
        : undefined;
  // dbt keeps the code stripped of surrounding whitespace; analyses get their own path prefix.
  const init = {
    ...(versioned
      ? {
          version: versioned.version.v,
          latest_version: versioned.latest,
          deprecation_date: versioned.version.deprecationDate ?? versioned.model.deprecationDate ?? null,
        }
      : {}),
    name,
    package_name: pkg,
    original_file_path: file.originalFilePath,
    ...(kind === 'analysis' ? {} : { path: file.path }),
    schema: ctx.targetSchema,
    raw_code: raw.trim(),
  };
  const node =
    kind === 'model'
      ? makeModelNode(init)
      : kind === 'analysis'
        ? makeAnalysisNode(init)
        : makeSingularTestNode(init);
  const finish = (extracted: Extracted) => {
    const fromProperties = versioned
      ? { ...propertiesConfig(patch), ...versioned.version.config }
      : propertiesConfig(patch);
    applyNodeConfig(node, ctx.nodeConfig(kind, node.fqn, pkg, fromProperties, extracted.config));
    if (patch?.tags.length) node.tags = [...new Set([...node.tags, ...patch.tags])];
    (node as { refs: unknown[] }).refs = extracted.refs.map((r) => ({
      name: r.name,
      package: r.package ?? null,
      version: r.version ?? null,
    }));
    (node as { sources: string[][] }).sources = extracted.sources.map(([a, b]) => [a, b]);
    if (patch && kind === 'model') {
      applyModelProperties(
        node as never,
        versioned ? { ...patch, columns: versionColumns(versioned.model, versioned.version) } : patch,
      );
      const model = node as ModelNode;
      model.contract.checksum = contractChecksum(model);
    }
    return node;
  };
  const extracted = staticExtract(raw, inertMacroCheck(ctx, pkg));
  return extracted ? finish(extracted) : captureByRendering(ctx.compiler, node, raw).then(finish);
}

/** A seed node from its CSV text (only its checksum is kept). */
export function buildSeedNode(
  ctx: NodeBuildContext,
  pkg: string,
  projectDir: string,
  file: ProjectFile,
  csv: string,
): ManifestNode {
  const name = fileStem(file.path);
  const patch = ctx.patches.seeds.get(`${pkg}:${name}`);
  const node = makeSeedNode({
    name,
    package_name: pkg,
    original_file_path: file.originalFilePath,
    path: file.path,
    schema: ctx.targetSchema,
    root_path: projectDir,
    csv_contents: csv,
  });
  applyNodeConfig(node, ctx.nodeConfig('seed', node.fqn, pkg, patch?.config));
  if (patch?.tags.length) node.tags = [...new Set([...node.tags, ...patch.tags])];
  if (patch) applyModelProperties(node as never, patch);
  return node;
}

const inertByEntry = new WeakMap<object, boolean>();

/** Whether `name`, called from a file of `pkg`, resolves to an inert macro (remembered per macro). */
function inertMacroCheck(ctx: NodeBuildContext, pkg: string): InertMacroCheck {
  const registry = ctx.compiler.session.registry;
  const packages = [pkg, registry.rootPackage, INTERNAL_PACKAGE];
  // Every macro the name could resolve to must be inert, whichever precedence rendering uses.
  return (name) => {
    let found = false;
    for (const p of packages) {
      const entry = registry.get(p, name);
      if (!entry) continue;
      found = true;
      let inert = inertByEntry.get(entry);
      if (inert === undefined) inertByEntry.set(entry, (inert = isInertMacroSql(entry.macroSql)));
      if (!inert) return false;
    }
    return found;
  };
}

/** A model's `access:` and `group:` properties are configs too, below its `config:` block. */
function propertiesConfig(
  patch: { config: Record<string, unknown>; access?: string; group?: string } | undefined,
) {
  if (!patch) return undefined;
  return {
    ...(patch.access ? { access: patch.access } : {}),
    ...(patch.group ? { group: patch.group } : {}),
    ...patch.config,
  };
}

async function captureByRendering(compiler: Compiler, node: ManifestNode, raw: string): Promise<Extracted> {
  const captured = await compiler.capture(node as never, raw);
  const config: Record<string, unknown> = {};
  for (const c of captured.configs) Object.assign(config, c);
  return { refs: captured.refs, sources: captured.sources, config };
}
