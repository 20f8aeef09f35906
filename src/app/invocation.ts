/**
 * Opening a project for a command: dbt_project.yml, packages, profiles.yml, parse, graph. What
 * every command shares before it does its own work.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Adapter } from '../adapters/index.js';
import { createAdapter } from '../adapters/index.js';
import { TESSERA_VERSION } from '../artifacts/index.js';
import { Compiler } from '../compiler/index.js';
import {
  type ConfigError,
  loadProfile,
  PROFILES_FILE_NAME,
  type ProfileTarget,
  peekProjectProfile,
  profilesSearchPath,
  SecretMasker,
} from '../config/index.js';
import { buildGraph, type Graph } from '../graph/index.js';
import { checkAccess, deprecationWarnings } from '../mesh/index.js';
import {
  buildExposures,
  buildGroups,
  buildSemanticLayer,
  buildUnitTests,
  dbtEnvironment,
  type Exposure,
  type Group,
  loadWorkspace,
  type ManifestNode,
  type Metric,
  type ParsedProject,
  parseProject,
  type SemanticModel,
  trackEnvReads,
  type UnitTestDefinition,
  type Workspace,
} from '../parser/index.js';
import { CommandError, type Problem } from './errors.js';
import { hookNodes } from './project-hooks.js';

export interface InvocationOptions {
  projectDir?: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  vars?: Record<string, unknown>;
  threads?: number;
  fullRefresh?: boolean;
  /** Reuse `target/partial_parse.json` for files unchanged since the last parse (default on). */
  partialParse?: boolean;
  /** Keep the nodes' JSON text the parse made (`ParsedProject.nodesJson`), for a manifest written as parsed. */
  keepNodesJson?: boolean;
  /** Write the partial-parse cache in the background (`ParsedProject.cacheWrite` says when it is done). */
  cacheWriteInBackground?: boolean;
  env?: Record<string, string | undefined>;
  /** `which` flag value, e.g. `run`, `build`. */
  command: string;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /**
   * Upstream projects' data products (mesh), as nodes of their own packages: refs resolve to
   * them, only their `public` models may be referenced, and they are never built. A function
   * is called with the target name once the profile is read (publications hold relations per
   * target).
   */
  externalNodes?: ManifestNode[] | ((targetName: string) => ManifestNode[]);
}

export interface Invocation {
  options: InvocationOptions;
  workspace: Workspace;
  exposures: Record<string, Exposure>;
  groups: Record<string, Group>;
  metrics: Record<string, Metric>;
  semanticModels: Record<string, SemanticModel>;
  unitTests: Record<string, UnitTestDefinition>;
  profile: ProfileTarget;
  project: ParsedProject;
  graph: Graph;
  masker: SecretMasker;
  invocationId: string;
  startedAt: Date;
  targetDir: string;
  threads: number;
  /** The target dict templates see as `target`. */
  target: Record<string, unknown>;
}

const configProblem = (e: ConfigError): Problem => ({
  message: e.hint ? `${e.message} (${e.hint})` : e.message,
  code: e.code,
  file: e.file,
  line: e.line,
  column: e.column,
});

/** The project's config and the profile's target, read before any project file is parsed. */
export interface OpenedConfig {
  workspace: Workspace;
  profile: ProfileTarget;
  masker: SecretMasker;
  env: Record<string, string | undefined>;
  projectDir: string;
  threads: number;
  /** The target dict templates see as `target`. */
  target: Record<string, unknown>;
  /** Env vars read while rendering dbt_project.yml and profiles.yml (name → value hash, null: unset). */
  envReads: Map<string, string | null>;
  /** Where profiles.yml was looked for, in order (a file appearing earlier changes the profile). */
  profilesCandidates: string[];
}

/** Reads dbt_project.yml, the installed packages and profiles.yml: the first step of every command. */
export async function openConfig(options: InvocationOptions): Promise<OpenedConfig> {
  const env = options.env ?? process.env;
  const envReads = new Map<string, string | null>();
  const trackedEnv = trackEnvReads(env, envReads);
  const masker = new SecretMasker();
  const projectDir = resolve(options.projectDir ?? '.');
  const jinja = dbtEnvironment();
  const render = (src: string, ctx: Record<string, unknown>) => jinja.renderString(src, ctx);
  const renderOpts = { render, env: trackedEnv, cliVars: options.vars ?? {}, secrets: masker };
  const profileOptions = (profileName: string) => ({
    ...renderOpts,
    profilesDir: options.profilesDir,
    projectDir,
    profileName,
    target: options.target,
  });
  // The profile is read first because dbt_project.yml and package files may read `target`.
  const peeked = options.profile ?? (await peekProjectProfile(projectDir, renderOpts));
  const early = peeked === undefined ? undefined : await loadProfile(profileOptions(peeked));
  const earlyTarget = early?.ok ? targetContext(early.value, options.threads) : undefined;
  const ws = await loadWorkspace(projectDir, { ...renderOpts, targetContext: earlyTarget });
  for (const w of ws.warnings) options.log?.('warn', configProblemText(w));
  if (!ws.ok) throw new CommandError(ws.errors.map(configProblem));
  const workspace = ws.workspace;
  const profileName = options.profile ?? workspace.root.config.profile ?? workspace.root.name;
  const prof = early && profileName === peeked ? early : await loadProfile(profileOptions(profileName));
  if (!prof.ok) throw new CommandError(prof.errors.map(configProblem));
  const profile = prof.value;
  const threads = options.threads ?? profile.threads ?? 1;
  const target = targetContext(profile, options.threads);
  const profilesCandidates = profilesSearchPath(profileOptions(profileName)).map((d) =>
    join(d, PROFILES_FILE_NAME),
  );
  return { workspace, profile, masker, env, projectDir, threads, target, envReads, profilesCandidates };
}

/** The dict templates see as `target`: the profile's target without its secrets. */
function targetContext(profile: ProfileTarget, threadsFlag: number | undefined): Record<string, unknown> {
  const { password: _p, pass: _q, token: _t, ...visible } = profile.credentials;
  return {
    ...visible,
    type: profile.type,
    name: profile.targetName,
    target_name: profile.targetName,
    profile_name: profile.profileName,
    threads: threadsFlag ?? profile.threads ?? 1,
    schema: profile.credentials.schema ?? 'main',
    database: profile.credentials.database ?? defaultDatabase(profile),
  };
}

/**
 * Opens a project for a command: config (unless `config` was already read by `openConfig`),
 * parse, access checks, exposures, groups, unit tests and the graph.
 */
export async function openInvocation(options: InvocationOptions, config?: OpenedConfig): Promise<Invocation> {
  const { workspace, profile, masker, env, projectDir, threads, target } =
    config ?? (await openConfig(options));
  const externalNodes =
    typeof options.externalNodes === 'function'
      ? options.externalNodes(profile.targetName)
      : options.externalNodes;
  const invocationId = randomUUID();
  const startedAt = new Date();
  const parsed = await parseProject(workspace, {
    adapterType: profile.type,
    target,
    cliVars: options.vars ?? {},
    env,
    masker,
    invocationId,
    runStartedAt: startedAt,
    flags: flagsFor(options),
    fullRefresh: options.fullRefresh,
    // The cache does not know about upstream publications: parse everything when there are some.
    partialParse: (options.partialParse ?? true) && !externalNodes?.length,
    toolVersion: TESSERA_VERSION,
    externalNodes,
    keepNodesJson: options.keepNodesJson,
    cacheWriteInBackground: options.cacheWriteInBackground,
  });
  if (!parsed.ok) throw new CommandError(parsed.errors);
  for (const w of parsed.project.warnings) options.log?.('warn', w.message);
  for (const w of deprecationWarnings(parsed.project.nodes)) options.log?.('warn', w);
  const violations = checkAccess({
    nodes: parsed.project.nodes,
    groups: new Set(parsed.project.properties.flatMap((f) => f.groups.map((g) => g.name))),
    restrictedPackages: new Set(workspace.packages.filter((p) => p.config.restrictAccess).map((p) => p.name)),
    externalProjects: new Set((externalNodes ?? []).map((n) => n.package_name)),
  });
  if (violations.length) throw new CommandError(violations);
  const { exposures, errors: exposureErrors } = buildExposures(
    parsed.project.packageProperties,
    parsed.project.nodes,
    parsed.project.sources,
  );
  if (exposureErrors.length) throw new CommandError(exposureErrors);
  const groups = buildGroups(parsed.project.packageProperties);
  const semantic = buildSemanticLayer(parsed.project.packageProperties, parsed.project.nodes);
  if (semantic.errors.length) throw new CommandError(semantic.errors);
  const { unitTests, errors: unitTestErrors } = buildUnitTests(
    parsed.project.properties,
    workspace.root.name,
    parsed.project.nodes,
  );
  if (unitTestErrors.length) throw new CommandError(unitTestErrors);
  const graphResult = buildGraph(
    {
      nodes: parsed.project.nodes as never,
      sources: parsed.project.sources as never,
      exposures: exposures as never,
      unit_tests: unitTests as never,
    },
    { projectName: workspace.root.name },
  );
  if (!graphResult.ok)
    throw new CommandError(graphResult.errors.map((e) => ({ message: e.message, code: e.code })));
  return {
    options,
    workspace,
    profile,
    project: parsed.project,
    graph: graphResult.value,
    exposures,
    groups,
    metrics: semantic.metrics,
    semanticModels: semantic.semanticModels,
    unitTests,
    masker,
    invocationId,
    startedAt,
    targetDir: join(projectDir, workspace.root.config.targetPath),
    threads,
    target,
  };
}

function configProblemText(e: ConfigError): string {
  return e.format();
}

/** DuckDB names its database after the file (`jaffle.duckdb` → `jaffle`), `memory` in memory. */
function defaultDatabase(profile: ProfileTarget): string | undefined {
  if (profile.type !== 'duckdb') return undefined;
  const path = String(profile.credentials.path ?? ':memory:');
  if (path === ':memory:' || path === '') return 'memory';
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]*$/, '');
}

function flagsFor(o: InvocationOptions): Record<string, unknown> {
  return {
    FULL_REFRESH: o.fullRefresh ?? false,
    WHICH: o.command,
    STORE_FAILURES: false,
    WARN_ERROR: false,
    FAIL_FAST: false,
  };
}

/** Opens the warehouse of the invocation's target and a compiler that can use it. */
export async function connect(inv: Invocation): Promise<{ adapter: Adapter; compiler: Compiler }> {
  // dbt has made target/ by the time it connects; DuckDB files often live there.
  await mkdir(inv.targetDir, { recursive: true });
  const adapter = await createAdapter({
    ...inv.profile.credentials,
    type: inv.profile.type,
    threads: inv.threads,
  } as never);
  await adapter.open();
  const base = inv.project.compiler;
  const compiler = new Compiler({
    env: inv.project.env,
    session: { ...base.session, adapter },
    nodes: inv.project.nodes as never,
    sources: inv.project.sources as never,
    graphResources: () => ({
      // dbt's `graph.nodes` lists the project hooks as operation nodes too.
      nodes: { ...inv.project.nodes, ...hookNodes(inv) },
      exposures: inv.exposures,
      groups: inv.groups,
      metrics: inv.metrics,
      semantic_models: inv.semanticModels,
    }),
    docs: (name, pkg) =>
      Object.values(inv.project.docs).find(
        (d) => d.name === name && (pkg === undefined || d.package_name === pkg),
      )?.block_contents,
  });
  return { adapter, compiler };
}

export { dbtEnvironment };
