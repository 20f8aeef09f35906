/**
 * `tessera mesh …`: a workspace of domain projects (mesh.yml). Each project is opened with its
 * upstream projects' data products as external nodes, so cross-project refs resolve to the
 * producer's relation: for an upstream built in the same run, what it will publish after this
 * build (its candidate publication); otherwise its last publication.
 *
 * `build` and `test` are one DAG across the projects, with no barrier between them: every
 * selected project is opened first, then all of them run at once with one limit of `--threads`
 * running nodes. A node that reads an upstream project's model waits for that model and its
 * tests and is skipped when they fail; the rest of the consumer starts at once. Each project
 * keeps its own hooks, artifacts and events, and publishes when its own nodes are done and
 * passed (and its consumers' expectations hold). `select` picks nodes across projects
 * (see mesh-select.ts).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  downstreamOf,
  externalNodesFrom,
  findMeshRoot,
  loadMeshWorkspace,
  type MeshProject,
  type MeshWorkspace,
  orderProjects,
  type Publication,
  parseMeshSelection,
  publicationFromManifest,
  withRefHint,
} from '../mesh/index.js';
import { type EventBus, ThreadPool } from '../runner/index.js';
import { CommandError, type Problem } from './errors.js';
import { type Invocation, type InvocationOptions, openInvocation } from './invocation.js';
import { ProjectProgress } from './mesh-progress.js';
import { type MeshProjectOutcome, runOpenedProject } from './mesh-project-run.js';
import { MeshSelector } from './mesh-select.js';
import { folderSource, type PublicationSource, publicationSource } from './mesh-sources.js';
import { candidatePublication } from './publish-command.js';
import { selectFor } from './selection.js';

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
 * listed with `manifest:`, a candidate for one built in the same mesh run); a missing or
 * unreadable one is an error.
 */
export async function upstreamPublications(
  ws: MeshWorkspace,
  project: MeshProject,
  source: PublicationSource = folderSource(ws.publicationsDir),
  candidates?: ReadonlyMap<string, Publication>,
): Promise<Publication[]> {
  const out: Publication[] = [];
  const problems: Problem[] = [];
  for (const u of project.upstream) {
    const candidate = candidates?.get(u.name);
    if (candidate) {
      out.push(candidate);
      continue;
    }
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
  /** What upstream projects built in the same mesh run will publish, by project name. */
  candidates?: ReadonlyMap<string, Publication>;
};

/** Opens one project of the mesh with its upstream products injected. */
export async function openMeshProject(
  ws: MeshWorkspace,
  project: MeshProject,
  options: MeshProjectOptions,
): Promise<Invocation> {
  const { publications: source, candidates, ...invocationOptions } = options;
  const publications = await upstreamPublications(ws, project, source, candidates);
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

export type { MeshProjectOutcome };

export interface MeshRunOutcome {
  projects: MeshProjectOutcome[];
  exitCode: 0 | 1;
}

/** A project of the run, opened with its selection. */
interface OpenedProject {
  project: MeshProject;
  inv: Invocation;
  ids: string[];
}

/**
 * Builds (or tests) the projects of the mesh as one DAG: every project is opened first (a
 * consumer sees its in-run upstreams' candidate publications), then all of them run at once on
 * `threads` shared threads; a node reading an upstream model waits for that model and its tests.
 */
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
  const outcomes = new Map<string, MeshProjectOutcome>();
  const ended = (project: MeshProject, outcome: MeshProjectOutcome) => {
    outcomes.set(project.name, outcome);
    onProject?.({ project, phase: 'end', outcome });
  };
  // 1. Open every project, upstreams first: a consumer reads what its upstream will publish.
  const opened: OpenedProject[] = [];
  const candidates = new Map<string, Publication>();
  const blocked = new Map<string, string>();
  for (const project of order) {
    if (wanted && !wanted.has(project.name)) continue;
    if (!selector.mayTouch(project)) continue;
    const blocker = blocked.get(project.name);
    if (blocker) {
      ended(project, { project: project.name, status: 'skipped', results: [], elapsed: 0, reason: blocker });
      continue;
    }
    try {
      const inv = await openMeshProject(ws, project, {
        ...invocationOptions,
        command,
        publications: source,
        candidates,
      });
      const selection = selector.forProject(inv, command);
      if (selection.kind === 'none') continue; // nothing selected: consumers read its publication
      const select = selection.kind === 'some' ? selection.select : undefined;
      opened.push({ project, inv, ids: [...selectFor(inv, command, { select }).selected] });
      // `test` rebuilds nothing: the relations are those last published, when there are some.
      const previous = await source.read(project.name);
      candidates.set(
        project.name,
        command === 'test' && previous.ok
          ? previous.publication
          : candidatePublication(inv, [], previous.ok ? previous.publication : undefined),
      );
    } catch (err) {
      onProject?.({ project, phase: 'start' });
      const problems =
        err instanceof CommandError
          ? err.problems
          : [{ message: (err as Error).message ?? String(err), code: 'E_RUN' }];
      ended(project, { project: project.name, status: 'error', results: [], elapsed: 0, problems });
      for (const name of downstreamOf(ws, project.name))
        if (name !== project.name && !blocked.has(name))
          blocked.set(name, `upstream project '${project.name}' did not pass`);
    }
  }
  // 2. Run them all at once: one limit of threads, readers wait only for what they read.
  const progress = new Map(
    opened.map((o) => [o.project.name, ProjectProgress.of(o.inv, o.ids, command)] as const),
  );
  const pool = new ThreadPool(invocationOptions.threads ?? Math.max(1, ...opened.map((o) => o.inv.threads)));
  await Promise.all(
    opened.map(async ({ project, inv, ids }) => {
      onProject?.({ project, phase: 'start' });
      const upstream = new Map(
        project.upstream.flatMap((u) => {
          const p = progress.get(u.name);
          return p ? [[u.name, p] as const] : [];
        }),
      );
      const outcome = await runOpenedProject({
        ws,
        project,
        inv,
        command,
        ids,
        events: events(project),
        failFast,
        publish: publish ?? command === 'build',
        publications: source,
        progress: progress.get(project.name)!,
        upstream,
        pool,
      });
      ended(project, outcome);
    }),
  );
  const list = order.flatMap((p) => outcomes.get(p.name) ?? []);
  return { projects: list, exitCode: list.every((o) => o.status === 'success') ? 0 : 1 };
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
