/**
 * Walks a workspace into manifest-shaped nodes: macros and docs first (templates need them),
 * then properties YAML, sources, models, seeds, analyses, singular and generic tests; then
 * names relations and links refs/sources into `depends_on`. With the partial-parse cache on,
 * files unchanged since the last parse keep their nodes and only the rest is parsed again.
 */
import { Compiler, MacroRegistry } from '../compiler/index.js';
import { type ProjectConfig, type PropertiesFile, resolveNodeConfig } from '../config/index.js';
import { Environment } from '../jinja/index.js';
import { createFileFinder, type FindFiles, type ProjectFile } from './files.js';
import { buildGenericTests } from './generic-tests.js';
import { linkNodes } from './link.js';
import { fileStem } from './node-paths.js';
import type { Documentation, Macro, ManifestNode, SourceDefinition } from './node-types.js';
import { issueOf, type ParseIssue } from './parse-issues.js';
import { findDoc, projectsInOrder, readMacrosAndDocs } from './parse-macros.js';
import {
  buildSeedNode,
  buildSqlNode,
  type FileNodeKind,
  type NodeBuildContext,
  type NodeConfigResolver,
  patchKeyOf,
} from './parse-nodes.js';
import { changedPatchKeys, readPropertiesEntries } from './parse-properties.js';
import { applySnapshotTargets, buildSnapshotNodes, type SnapshotBuildContext } from './parse-snapshots.js';
import {
  type CachedNodeFile,
  cacheKey,
  checkStamp,
  type FileStamp,
  loadPartialParse,
  type PartialParseState,
  partialParsePath,
  readStamped,
  savePartialParse,
  savePartialParseInBackground,
  trackEnvReads,
} from './partial-parse.js';
import { attachSeedFiles, attachVersions, patchIndex } from './patches.js';
import { nameRelations } from './relation-names.js';
import { createSession, type SessionOptions } from './session.js';
import { buildSources } from './sources.js';
import type { Workspace } from './workspace.js';
import { buildYamlSnapshotNodes } from './yaml-snapshots.js';

export type { ParseIssue } from './parse-issues.js';

/** How much of the project was parsed anew. */
export interface ParseStats {
  /** `full`: everything parsed; `partial`: some files re-parsed; `cached`: nothing changed. */
  mode: 'full' | 'partial' | 'cached';
  /** Why a full parse was needed (no cache, macros changed, vars changed, …). */
  fullParseReason?: string;
  /** Project-relative paths of the SQL, CSV and YAML files parsed in this run. */
  reparsedFiles: string[];
}

export interface ParsedProject {
  workspace: Workspace;
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, Macro>;
  docs: Record<string, Documentation>;
  properties: PropertiesFile[];
  /** The same files with the package that holds each one. */
  packageProperties: { pkg: string; file: PropertiesFile }[];
  registry: MacroRegistry;
  env: Environment;
  /** Compiler bound to this parse (no warehouse); the runner makes one with an adapter. */
  compiler: Compiler;
  warnings: ParseIssue[];
  /** True when every node came from the partial-parse cache (nothing changed). */
  fromCache: boolean;
  /** Env vars the project's templates read (name → hash of the value, null when unset). */
  envReads: Record<string, string | null>;
  stats: ParseStats;
  /**
   * `JSON.stringify(nodes)` as written into the partial-parse cache, when `keepNodesJson` asked
   * for it and the cache was written: `parse` writes it into the manifest instead of serialising
   * the same nodes twice. Stale once a node is changed.
   */
  nodesJson?: string;
  /**
   * With `cacheWriteInBackground`: settles (true: written) once the cache is on disk. Await it
   * before anything reads the cache's stamp or the process ends.
   */
  cacheWrite?: Promise<boolean>;
}

export type ParseResult =
  | { ok: true; project: ParsedProject }
  | { ok: false; errors: ParseIssue[]; warnings: ParseIssue[] };

export type ParseOptions = Omit<SessionOptions, 'workspace' | 'registry'> & {
  /** Read and write `<target-path>/partial_parse.json` (off unless asked for). */
  partialParse?: boolean;
  /** Part of the cache key: a cache written by another Tessera version is not reused. */
  toolVersion?: string;
  /**
   * Models of other projects (a mesh's upstream data products), merged into `nodes` before refs
   * are linked so they resolve; never built. Callers turn partial parsing off when giving them.
   */
  externalNodes?: ManifestNode[];
  /** Keep the nodes' JSON text made for the cache in `ParsedProject.nodesJson`. */
  keepNodesJson?: boolean;
  /** Write the cache on libuv's threads; the caller awaits `ParsedProject.cacheWrite`. */
  cacheWriteInBackground?: boolean;
};

/** The Jinja environment dbt-style templates need: dbt's block tags, dbt's defaults. */
export function dbtEnvironment(): Environment {
  return new Environment({
    blockTags: {
      test: 'signature',
      materialization: 'name-and-args',
      snapshot: 'name-and-args',
      docs: 'name-and-args',
    },
  });
}

interface NodeFile {
  pkg: string;
  projectDir: string;
  kind: FileNodeKind;
  file: ProjectFile;
}

const failure = (errors: ParseIssue[], warnings: ParseIssue[]): ParseResult => ({
  ok: false,
  errors,
  warnings,
});

export async function parseProject(workspace: Workspace, options: ParseOptions): Promise<ParseResult> {
  const startedAt = Date.now();
  const warnings: ParseIssue[] = [];
  const envReads = new Map<string, string | null>();
  const sessionOptions = { ...options, env: trackEnvReads(options.env, envReads) };
  const env = dbtEnvironment();
  const dispatchOrders = new Map(
    workspace.root.config.dispatch.map((d) => [d.macroNamespace, d.searchOrder]),
  );
  const registry = new MacroRegistry(workspace.root.name, dispatchOrders);

  // 1-2. Macros and docs, always read: the registry needs them, and their hash guards the cache.
  const findFiles = createFileFinder();
  const { macros, docs, docBlocks, errors, macroHash } = readMacrosAndDocs(
    workspace,
    env,
    registry,
    findFiles,
  );
  const session = createSession({ ...sessionOptions, workspace, registry });
  const docsLookup = (name: string, pkg: string | undefined, from: string) =>
    findDoc(docBlocks, name, pkg, from);
  const compiler = new Compiler({ env, session, nodes: {}, sources: {}, docs: docsLookup });

  // External nodes come from other projects' artifacts, which the cache does not track.
  const cachePath =
    options.partialParse && !options.externalNodes?.length ? partialParsePath(workspace) : undefined;
  const key = cachePath
    ? cacheKey({
        workspace,
        toolVersion: options.toolVersion ?? '',
        adapterType: options.adapterType,
        target: options.target,
        cliVars: options.cliVars,
      })
    : '';
  let previous: PartialParseState | undefined;
  let fullParseReason: string | undefined = cachePath ? undefined : 'partial parsing is off';
  if (cachePath) {
    const loaded = loadPartialParse(cachePath, { key, macroHash }, options.env, options.masker);
    if (loaded.ok) previous = loaded.state;
    else fullParseReason = loaded.reason;
  }
  const reparsed: string[] = [];

  // 3. Properties YAML (rendered with target, var and env_var, as dbt does).
  const propertiesEntries = await readPropertiesEntries({
    workspace,
    findFiles,
    previous,
    render: (src, ctx) => env.renderString(src, ctx),
    env: sessionOptions.env,
    options,
    session,
    errors,
    warnings,
    reparsed,
  });
  if (errors.length) return failure(errors, warnings);
  const properties = propertiesEntries.map((e) => ({ pkg: e.pkg, file: e.file }));
  const touchedPatches = changedPatchKeys(previous, propertiesEntries);

  const dependencies: Record<string, ProjectConfig> = Object.fromEntries(
    workspace.packages.map((p) => [p.name, p.config]),
  );
  const targetSchema = String(options.target.schema ?? 'main');
  const nodeConfig: NodeConfigResolver = (resourceType, fqn, pkg, propertiesConfig, inFileConfig) =>
    resolveNodeConfig({
      root: workspace.root.config,
      resourceType,
      fqn,
      packageName: pkg,
      dependencies,
      propertiesConfig,
      inFileConfig,
    });
  const discovered = discoverNodeFiles(workspace, findFiles);
  const patches = patchIndex(properties);
  attachVersions(
    patches,
    new Set(discovered.filter((f) => f.kind === 'model').map((f) => patchKeyOf(f.pkg, f.file))),
  );
  attachSeedFiles(
    patches,
    discovered
      .filter((f) => f.kind === 'seed')
      .map((f) => ({ pkg: f.pkg, name: fileStem(f.file.path), path: f.file.path })),
  );
  const ctx: NodeBuildContext = { compiler, patches, nodeConfig, targetSchema };
  const snapshotContext: SnapshotBuildContext = {
    compiler,
    targetSchema,
    patches,
    nodeConfig: (fqn, pkg, propertiesConfig, inFileConfig) =>
      nodeConfig('snapshot', fqn, pkg, propertiesConfig, inFileConfig),
  };

  // 4. Models, analyses, singular tests (SQL files whose ref/source/config are captured), seeds.
  const nodeFiles: Record<string, CachedNodeFile> = {};
  const freshNodes: ManifestNode[] = [];
  for (const nf of discovered) {
    const { absolute, originalFilePath } = nf.file;
    const cached = previous?.nodeFiles[absolute];
    let read: { text: string; stamp: FileStamp } | undefined;
    if (
      cached &&
      cached.kind === nf.kind &&
      cached.pkg === nf.pkg &&
      !touchedPatches.has(patchKeyOf(nf.pkg, nf.file))
    ) {
      const check = checkStamp(absolute, cached.stamp, previous!.startedAt);
      if (check.unchanged) {
        nodeFiles[absolute] = check.stamp ? { ...cached, stamp: check.stamp } : cached;
        continue;
      }
      read = check.read;
    }
    try {
      const { text, stamp } = read ?? readStamped(absolute);
      reparsed.push(originalFilePath);
      if (nf.kind === 'snapshot') {
        // A snapshot file may hold several `{% snapshot %}` blocks: the first is the file's node.
        const snaps = await buildSnapshotNodes(snapshotContext, nf.pkg, nf.file, text);
        nodeFiles[absolute] = {
          pkg: nf.pkg,
          kind: nf.kind,
          stamp,
          node: snaps[0] ?? null,
          more: snaps.slice(1),
        };
        freshNodes.push(...snaps);
        continue;
      }
      let node: ManifestNode;
      if (nf.kind === 'seed') node = buildSeedNode(ctx, nf.pkg, nf.projectDir, nf.file, text);
      else {
        const built = buildSqlNode(ctx, nf.kind, nf.pkg, nf.file, text);
        node = built instanceof Promise ? await built : built;
      }
      const enabled = node.config.enabled !== false;
      nodeFiles[absolute] = { pkg: nf.pkg, kind: nf.kind, stamp, node: enabled ? node : null };
      if (enabled) freshNodes.push(node);
    } catch (err) {
      errors.push(issueOf(err, originalFilePath));
    }
  }
  if (errors.length) return failure(errors, warnings);
  const nodes: Record<string, ManifestNode> = {};
  for (const entry of Object.values(nodeFiles)) {
    if (entry.node) nodes[entry.node.unique_id] = entry.node;
    for (const n of entry.more ?? []) nodes[n.unique_id] = n;
  }
  // YAML-defined snapshots have no file of their own: rebuilt from the properties on every parse.
  for (const snap of await buildYamlSnapshotNodes(snapshotContext, properties, errors)) {
    nodes[snap.unique_id] = snap;
    freshNodes.push(snap);
  }
  if (errors.length) return failure(errors, warnings);

  // 5. Sources and generic tests: a file's tests are rebuilt when it changed, or when the set of
  // nodes they may attach to changed.
  const propertiesPaths = new Set(propertiesEntries.map((e) => e.absolute));
  const removedFiles =
    previous !== undefined &&
    (Object.keys(previous.nodeFiles).some((f) => !nodeFiles[f]) ||
      Object.keys(previous.propertiesFiles).some((f) => !propertiesPaths.has(f)));
  if (previous && reparsed.length === 0 && !removedFiles) {
    return cachedResult(previous, { workspace, macros, docs, registry, env, session, docsLookup });
  }
  // Only now, past the all-cached return: comparing 30,000 ids is wasted on a warm parse.
  const sameNodeSet = previous !== undefined && sameNodeIds(previous.nodeFiles, nodeFiles);
  const sources = buildSources(properties, workspace, options.target);
  for (const entry of propertiesEntries) {
    if (!entry.fresh && sameNodeSet) continue;
    try {
      entry.tests = buildGenericTests([entry], nodes, sources, workspace, targetSchema, nodeConfig);
      freshNodes.push(...entry.tests);
    } catch (err) {
      errors.push(issueOf(err));
    }
  }
  for (const entry of propertiesEntries) for (const t of entry.tests) nodes[t.unique_id] = t;

  // 6. Relation names of the new nodes, then refs/sources into depends_on.
  await nameRelations(freshNodes, compiler, options.target, targetSchema, errors);
  for (const node of freshNodes)
    if (node.resource_type === 'snapshot' && applySnapshotTargets(node))
      node.relation_name = compiler.relationFor(node as never).render();
  for (const s of Object.values(sources)) s.relation_name = compiler.sourceRelation(s as never).render();
  for (const external of options.externalNodes ?? []) nodes[external.unique_id] ??= external;
  errors.push(...linkNodes(nodes, sources, registry));
  if (errors.length) return failure(errors, warnings);

  const seenEnv = { ...previous?.envReads, ...Object.fromEntries(envReads) };
  // Serialised once: the cache and (for `parse`) the manifest take the same text.
  const nodesJson = cachePath ? JSON.stringify(nodes) : undefined;
  let cacheWrite: Promise<boolean> | undefined;
  if (cachePath && nodesJson !== undefined) {
    const save = options.cacheWriteInBackground ? savePartialParseInBackground : savePartialParse;
    const saved = save(
      cachePath,
      {
        key,
        macroHash,
        startedAt,
        envReads: seenEnv,
        nodeFiles,
        propertiesFiles: Object.fromEntries(
          propertiesEntries.map(({ absolute, fresh: _f, ...cached }) => [absolute, cached]),
        ),
        nodes,
        sources,
        warnings,
      },
      nodesJson,
    );
    if (saved instanceof Promise) cacheWrite = saved;
  }
  const stats: ParseStats = previous
    ? { mode: 'partial', reparsedFiles: reparsed }
    : { mode: 'full', fullParseReason, reparsedFiles: reparsed };
  return {
    ok: true,
    project: {
      workspace,
      nodes,
      sources,
      macros,
      docs,
      properties: properties.map((p) => p.file),
      packageProperties: properties,
      registry,
      env,
      compiler: new Compiler({
        env,
        session,
        nodes: nodes as never,
        sources: sources as never,
        docs: docsLookup,
      }),
      warnings,
      fromCache: false,
      envReads: seenEnv,
      stats,
      nodesJson: options.keepNodesJson ? nodesJson : undefined,
      cacheWrite,
    },
  };
}

/** Every file that becomes one node, in manifest order: per project models, analyses, tests, seeds. */
function discoverNodeFiles(workspace: Workspace, findFiles: FindFiles): NodeFile[] {
  const out: NodeFile[] = [];
  for (const p of projectsInOrder(workspace)) {
    const add = (kind: FileNodeKind, files: ProjectFile[]) => {
      for (const file of files) out.push({ pkg: p.name, projectDir: p.dir, kind, file });
    };
    add('model', findFiles(p.dir, p.config.modelPaths, ['.sql']));
    add('analysis', findFiles(p.dir, p.config.analysisPaths, ['.sql']));
    add(
      'test',
      // `generic/` holds test macros and `fixtures/` unit-test fixtures: neither is a singular test.
      findFiles(p.dir, p.config.testPaths, ['.sql']).filter(
        (f) => !f.path.startsWith('generic/') && !f.path.startsWith('fixtures/'),
      ),
    );
    add('seed', findFiles(p.dir, p.config.seedPaths, ['.csv']));
    add('snapshot', findFiles(p.dir, p.config.snapshotPaths, ['.sql']));
  }
  return out;
}

function sameNodeIds(before: Record<string, CachedNodeFile>, after: Record<string, CachedNodeFile>): boolean {
  const ids = (files: Record<string, CachedNodeFile>) => {
    const out = new Set<string>();
    for (const f of Object.values(files)) {
      if (f.node) out.add(f.node.unique_id);
      for (const n of f.more ?? []) out.add(n.unique_id);
    }
    return out;
  };
  const a = ids(before);
  const b = ids(after);
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

interface Bound {
  workspace: Workspace;
  macros: Record<string, Macro>;
  docs: Record<string, Documentation>;
  registry: MacroRegistry;
  env: Environment;
  session: ReturnType<typeof createSession>;
  docsLookup: (name: string, pkg: string | undefined, from: string) => string | undefined;
}

/** Nothing changed since the cached parse: its nodes and sources, bound to this run's macros. */
function cachedResult(state: PartialParseState, b: Bound): ParseResult {
  const { nodes, sources } = state;
  return {
    ok: true,
    project: {
      workspace: b.workspace,
      nodes,
      sources,
      macros: b.macros,
      docs: b.docs,
      properties: Object.values(state.propertiesFiles).map((p) => p.file),
      packageProperties: Object.values(state.propertiesFiles).map((p) => ({ pkg: p.pkg, file: p.file })),
      registry: b.registry,
      env: b.env,
      compiler: new Compiler({
        env: b.env,
        session: b.session,
        nodes: nodes as never,
        sources: sources as never,
        docs: b.docsLookup,
      }),
      warnings: state.warnings,
      fromCache: true,
      envReads: state.envReads,
      stats: { mode: 'cached', reparsedFiles: [] },
    },
  };
}
