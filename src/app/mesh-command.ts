/**
 * `tessera mesh …`: a workspace of domain projects (mesh.yml). Each project is opened with its
 * upstream projects' publications as external nodes, so cross-project refs resolve to the
 * producer's published relation. `build` runs the projects one after another in dependency order
 * (a barrier between projects; nodes inside a project run with `--threads`) and publishes each
 * project whose build passed (and whose consumers' expectations hold); projects downstream of a
 * failure are skipped. `select` picks nodes across projects (see mesh-selection.ts).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  downstreamOf,
  externalNodesFrom,
  findMeshRoot,
  isBrokenExpectation,
  loadMeshWorkspace,
  type MeshProject,
  type MeshWorkspace,
  orderProjects,
  type Publication,
  parseMeshSelection,
  publicationFromManifest,
  withRefHint,
} from '../mesh/index.js';
import type { EventBus, NodeResult } from '../runner/index.js';
import { CommandError, type Problem } from './errors.js';
import { type Invocation, type InvocationOptions, openInvocation } from './invocation.js';
import { MeshSelector } from './mesh-select.js';
import { folderSource, type PublicationSource, publicationSource } from './mesh-sources.js';
import { type PublishOutcome, publishProject } from './publish-command.js';
import { runCommand } from './run-command.js';

/** Env var set for every project of a mesh run: the absolute mesh root, for profiles.yml paths. */
export const MESH_ROOT_ENV = 'TESSERA_MESH_ROOT';

/** Reads mesh.yml and checks the project graph has no cycle; throws a CommandError otherwise. */
export async function openMesh(dir: string): Promise<{ workspace: MeshWorkspace; order: MeshProject[] }> {
  const ws = await loadMeshWorkspace(dir);
  if (!ws.ok) throw new CommandError(ws.errors);
  const order = orderProjects(ws.value);
  if (!order.ok) throw new CommandError(order.errors);
  return { workspace: ws.value, order: order.value };
}

/**
 * The publications of a project's upstream projects (a dbt manifest stands in for a project
 * listed with `manifest:`); a missing or unreadable one is an error.
 */
export async function upstreamPublications(
  ws: MeshWorkspace,
  project: MeshProject,
  source: PublicationSource = folderSource(ws.publicationsDir),
): Promise<Publication[]> {
  const out: Publication[] = [];
  const problems: Problem[] = [];
  for (const u of project.upstream) {
    const fromManifest = ws.manifests.find((m) => m.name === u.name);
    const r = fromManifest ? await publicationFromManifest(fromManifest) : await source.read(u.name);
    if (r.ok) out.push(r.publication);
    else
      problems.push({
        ...r.problem,
        message: `${project.name} depends on project '${u.name}': ${r.problem.message}`,
        file: u.file,
        line: u.line,
        column: u.column,
      });
  }
  if (problems.length) throw new CommandError(problems);
  return out;
}

export type MeshProjectOptions = Omit<InvocationOptions, 'projectDir' | 'externalNodes'> & {
  /** Where upstream publications are read (default: the mesh's publications folder). */
  publications?: PublicationSource;
};

/** Opens one project of the mesh with its upstream products injected. */
export async function openMeshProject(
  ws: MeshWorkspace,
  project: MeshProject,
  options: MeshProjectOptions,
): Promise<Invocation> {
  const { publications: source, ...invocationOptions } = options;
  const publications = await upstreamPublications(ws, project, source);
  // Made before any warehouse opens: a mesh may keep its shared DuckDB file beside it (target/).
  await mkdir(ws.publicationsDir, { recursive: true });
  const opening = openInvocation({
    ...invocationOptions,
    projectDir: project.dir,
    profilesDir: options.profilesDir ?? ws.profilesDir,
    env: { ...(options.env ?? process.env), [MESH_ROOT_ENV]: ws.dir },
    externalNodes: (targetName) => {
      const external = externalNodesFrom(publications, targetName);
      if (external.problems.length) throw new CommandError(external.problems);
      return external.nodes;
    },
  });
  try {
    return await opening;
  } catch (err) {
    if (err instanceof CommandError)
      throw new CommandError(err.problems.map((p) => withRefHint(p, publications)));
    throw err;
  }
}

export interface MeshRunOptions extends Omit<MeshProjectOptions, 'command'> {
  command: 'build' | 'test';
  /** Only these projects (their upstreams are read from their publications). */
  projects?: string[];
  /** Mesh selection (`orders:fct_orders+`, `project:orders+`, plain dbt selectors). */
  select?: string[];
  /**
   * Read upstream publications from this registry (and send each new publication there too);
   * default: `registry:` of mesh.yml, TESSERA_REGISTRY_URL, else the publications folder.
   */
  registry?: string;
  /** Publish each project whose build passed (default: true for build). */
  publish?: boolean;
  failFast?: boolean;
  /** Where each project's node events go. */
  events: (project: MeshProject) => EventBus;
  /** Called as each project starts and ends. */
  onProject?: (
    event:
      | { project: MeshProject; phase: 'start' }
      | { project: MeshProject; phase: 'end'; outcome: MeshProjectOutcome },
  ) => void;
}

export interface MeshProjectOutcome {
  project: string;
  /** `error`: the project could not be opened (bad ref, access, missing publication…). */
  status: 'success' | 'failed' | 'error' | 'skipped';
  results: NodeResult[];
  elapsed: number;
  problems?: Problem[];
  /** Why it was skipped. */
  reason?: string;
  publish?: PublishOutcome;
}

export interface MeshRunOutcome {
  projects: MeshProjectOutcome[];
  exitCode: 0 | 1;
}

export async function runMesh(
  ws: MeshWorkspace,
  order: MeshProject[],
  options: MeshRunOptions,
): Promise<MeshRunOutcome> {
  const wanted = options.projects?.length ? new Set(options.projects) : undefined;
  for (const name of wanted ?? [])
    if (!ws.projects.some((p) => p.name === name))
      throw new CommandError([
        {
          message: `no project named '${name}' in ${ws.file} (projects: ${ws.projects.map((p) => p.name).join(', ')})`,
          code: 'E_MESH_PROJECT',
        },
      ]);
  const parsed = options.select?.length ? parseMeshSelection(options.select, ws) : undefined;
  if (parsed && !parsed.ok) throw new CommandError(parsed.errors);
  const selector = new MeshSelector(parsed?.value);
  const blocked = new Map<string, string>();
  const outcomes: MeshProjectOutcome[] = [];
  const {
    command,
    projects: _p,
    select: _s,
    registry,
    publish,
    failFast,
    events,
    onProject,
    ...invocationOptions
  } = options;
  const source = publicationSource(ws, registry);
  for (const project of order) {
    if (wanted && !wanted.has(project.name)) continue;
    if (!selector.mayTouch(project)) continue;
    const blocker = blocked.get(project.name);
    if (blocker) {
      const outcome: MeshProjectOutcome = {
        project: project.name,
        status: 'skipped',
        results: [],
        elapsed: 0,
        reason: blocker,
      };
      outcomes.push(outcome);
      onProject?.({ project, phase: 'end', outcome });
      continue;
    }
    const projectOptions = { ...invocationOptions, command, publications: source };
    const outcome = await runOneProject(ws, project, projectOptions, events(project), {
      publish: publish ?? command === 'build',
      failFast,
      selector,
      onStart: () => onProject?.({ project, phase: 'start' }),
    });
    if (outcome === undefined) continue; // nothing selected in it
    outcomes.push(outcome);
    onProject?.({ project, phase: 'end', outcome });
    if (outcome.status !== 'success')
      for (const name of downstreamOf(ws, project.name))
        if (name !== project.name && !blocked.has(name))
          blocked.set(name, `upstream project '${project.name}' did not pass`);
  }
  return { projects: outcomes, exitCode: outcomes.every((o) => o.status === 'success') ? 0 : 1 };
}

async function runOneProject(
  ws: MeshWorkspace,
  project: MeshProject,
  options: MeshProjectOptions & { command: 'build' | 'test' },
  events: EventBus,
  how: { publish: boolean; failFast?: boolean; selector: MeshSelector; onStart: () => void },
): Promise<MeshProjectOutcome | undefined> {
  const started = performance.now();
  let inv: Invocation;
  let run: Awaited<ReturnType<typeof runCommand>>;
  let announced = false;
  const announce = () => {
    if (!announced) how.onStart();
    announced = true;
  };
  try {
    inv = await openMeshProject(ws, project, options);
    const selection = how.selector.forProject(inv, options.command);
    if (selection.kind === 'none') return undefined;
    announce();
    const select = selection.kind === 'some' ? selection.select : undefined;
    run = await runCommand(inv, { command: options.command, events, failFast: how.failFast, select });
  } catch (err) {
    announce();
    const problems =
      err instanceof CommandError
        ? err.problems
        : [{ message: (err as Error).message ?? String(err), code: 'E_RUN' }];
    return { project: project.name, status: 'error', results: [], elapsed: 0, problems };
  }
  const elapsed = (performance.now() - started) / 1000;
  const status = run.exitCode === 0 ? 'success' : 'failed';
  const outcome: MeshProjectOutcome = { project: project.name, status, results: run.results, elapsed };
  if (how.publish && options.command === 'build') {
    const source = options.publications ?? folderSource(ws.publicationsDir);
    const consumers = status === 'success' ? await source.all() : [];
    outcome.publish = await publishProject(inv, run.results, ws.publicationsDir, { consumers });
    // A consumer's broken expectation fails the producer: its consumers keep the last good version.
    if (outcome.publish.expectations?.some(isBrokenExpectation)) outcome.status = 'failed';
    if (outcome.publish.published && outcome.publish.publication && source.publish)
      try {
        await source.publish(outcome.publish.publication);
      } catch (err) {
        outcome.status = 'failed';
        outcome.problems = [
          {
            message: `not sent to the registry at ${source.where}: ${(err as Error).message}`,
            code: 'E_REGISTRY',
          },
        ];
      }
  }
  return outcome;
}

/**
 * Opens the project of a single-project command. Inside a mesh (a `mesh.yml` at or above the
 * project that lists it), the project's upstream data products come with it, so a consumer can
 * `tessera build` on its own; elsewhere it is a plain dbt project.
 */
export async function openProject(options: InvocationOptions): Promise<Invocation> {
  const dir = resolve(options.projectDir ?? '.');
  const root = findMeshRoot(dir);
  if (root === undefined) return openInvocation(options);
  const ws = await loadMeshWorkspace(root);
  const member = ws.ok ? ws.value.projects.find((p) => resolve(p.dir) === dir) : undefined;
  if (!ws.ok || member === undefined || member.upstream.length === 0) return openInvocation(options);
  return openMeshProject(ws.value, member, { ...options, publications: publicationSource(ws.value) });
}
