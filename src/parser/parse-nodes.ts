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
import { fileStem, fqnFromPath } from './node-paths.js';
import type { ManifestNode, ModelNode } from './node-types.js';
import { applyModelProperties, foreignSeedPatch, type PatchIndex } from './patches.js';
import {
  type InertMacroCheck,
  isInertMacroSql,
  type StaticExtract,
  staticExtract,
} from './static-extract.js';

/** `macros`: unique ids of the macros the template itself calls, for `depends_on.macros`. */
type Extracted = Pick<StaticExtract, 'refs' | 'sources' | 'config'> & { macros?: string[] };

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
    if (extracted.macros?.length) node.depends_on.macros = [...extracted.macros];
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
  const inertCalls: string[] = [];
  const extracted = staticExtract(raw, inertMacroCheck(ctx, pkg, inertCalls));
  const built = extracted
    ? finish({ ...extracted, macros: inertCalls })
    : captureByRendering(ctx.compiler, node, raw).then(finish);
  return hasHookCalls(node) || built instanceof Promise
    ? Promise.resolve(built).then((n) => addHookMacros(ctx.compiler, n))
    : built;
}

type Hook = { sql?: unknown };
const HOOK_CALL = /\{[{%][^}]*\(/;

function hooksOf(node: ManifestNode): string[] {
  const config = node.config as Record<string, unknown>;
  const hooks = [
    ...((config['pre-hook'] as Hook[] | undefined) ?? []),
    ...((config['post-hook'] as Hook[] | undefined) ?? []),
  ];
  return hooks.map((h) => (typeof h === 'string' ? h : String(h?.sql ?? '')));
}

/** Whether a hook of the node may call a macro (only then is it rendered at parse time). */
function hasHookCalls(node: ManifestNode): boolean {
  return hooksOf(node).some((sql) => HOOK_CALL.test(sql));
}

const hookCallsCache = new WeakMap<Compiler, Map<string, string[]>>();

/**
 * dbt renders a node's hooks when it parses the node: the macros they call join its
 * `depends_on.macros`, after those of its SQL. Remembered per package and hook text.
 */
async function addHookMacros(compiler: Compiler, node: ManifestNode): Promise<ManifestNode> {
  let cache = hookCallsCache.get(compiler);
  if (!cache) hookCallsCache.set(compiler, (cache = new Map()));
  for (const sql of hooksOf(node)) {
    if (!HOOK_CALL.test(sql)) continue;
    const key = `${node.package_name}\0${sql}`;
    let calls = cache.get(key);
    if (!calls) {
      // A hook that cannot render at parse time (it may need the warehouse) names no macros.
      calls = await compiler.capture(node as never, sql).then(
        (c) => c.macroCalls ?? [],
        () => [],
      );
      cache.set(key, calls);
    }
    for (const id of calls) if (!node.depends_on.macros.includes(id)) node.depends_on.macros.push(id);
  }
  return node;
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
  const patch =
    ctx.patches.seeds.get(`${pkg}:${name}`) ??
    foreignSeedPatch(
      ctx.patches,
      pkg,
      name,
      (owner, path, config) =>
        ctx.nodeConfig('seed', fqnFromPath(owner, path, name), owner, config).enabled !== false,
    );
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

/**
 * Whether `name`, called from a file of `pkg`, resolves to an inert macro (remembered per macro).
 * The unique ids of the inert macros found are added to `calls` (the template calls them).
 */
function inertMacroCheck(ctx: NodeBuildContext, pkg: string, calls: string[]): InertMacroCheck {
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
    const called = found ? registry.resolve(name, pkg) : undefined;
    if (called && !calls.includes(called.uniqueId)) calls.push(called.uniqueId);
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
  return { refs: captured.refs, sources: captured.sources, config, macros: captured.macroCalls ?? [] };
}
