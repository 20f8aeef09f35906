/**
 * A mesh workspace: `mesh.yml` at the mesh's root names the domain projects (folders holding a
 * `dbt_project.yml`) and the folder where publications live. Each project's `dependencies.yml`
 * `projects:` says which other projects it reads from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadPackagesSpec, parseYaml, type YamlSource } from '../config/index.js';
import { type MeshProblem, problemOf } from './problems.js';

export const MESH_FILE = 'mesh.yml';

/** One domain project of the workspace. */
export interface MeshProject {
  /** `name:` of its dbt_project.yml. */
  name: string;
  /** Absolute folder. */
  dir: string;
  /** Folder as written in mesh.yml (relative to the mesh root). */
  path: string;
  /** Projects it reads from (`projects:` in its dependencies.yml), in file order. */
  upstream: { name: string; file: string; line: number; column: number }[];
}

/**
 * A project built elsewhere (by dbt-core): never built by the mesh, its public models are read
 * from its `manifest.json` (and test statuses from the `run_results.json` beside it).
 */
export interface ManifestProject {
  name: string;
  /** Absolute path of manifest.json. */
  manifest: string;
  /** Target name its relations are recorded under (`target:`, default `prod`). */
  target: string;
}

export interface MeshWorkspace {
  /** `name:` of mesh.yml, else the folder name. */
  name: string;
  /** Absolute mesh root (the folder of mesh.yml). */
  dir: string;
  file: string;
  /** Absolute folder of `<project>.json` publications (`publications:`, default `publications`). */
  publicationsDir: string;
  /** Registry URL the mesh reads upstream publications from (`registry:`), if set. */
  registry?: string;
  /** Absolute folder of the profiles.yml every project uses (`profiles-dir:`), if set. */
  profilesDir?: string;
  projects: MeshProject[];
  /** Upstream projects known only by their dbt manifest (`- {name: x, manifest: path}`). */
  manifests: ManifestProject[];
}

export type MeshResult<T> = { ok: true; value: T } | { ok: false; errors: MeshProblem[] };

const KNOWN_KEYS = new Set(['name', 'projects', 'publications', 'profiles-dir', 'registry']);

/** The folder holding mesh.yml: `start` itself or the nearest parent that has one. */
export function findMeshRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, MESH_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads `<dir>/mesh.yml` and every project it lists. */
export async function loadMeshWorkspace(dir: string): Promise<MeshResult<MeshWorkspace>> {
  const root = resolve(dir);
  const file = join(root, MESH_FILE);
  if (!existsSync(file))
    return fail({
      code: 'E_MESH_FILE',
      message: `no ${MESH_FILE} in ${root}: run tessera mesh from the mesh's root or pass --workspace DIR`,
      file,
    });
  const parsed = parseYaml(file, readFileSync(file, 'utf8'));
  if (parsed.errors.length)
    return { ok: false, errors: parsed.errors.map((e) => problemOf(e, 'E_MESH_FILE')) };
  const { source } = parsed;
  const data = source.data as Record<string, unknown>;
  const errors: MeshProblem[] = [];
  const at = (path: (string | number)[], message: string) =>
    errors.push({ code: 'E_MESH_FILE', message, ...source.locate(path) });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    at([], `${MESH_FILE} must be a mapping with a 'projects:' list`);
    return { ok: false, errors };
  }
  for (const key of Object.keys(data))
    if (!KNOWN_KEYS.has(key))
      at([key], `unknown key '${key}' in ${MESH_FILE} (known: ${[...KNOWN_KEYS].join(', ')})`);
  for (const key of ['name', 'publications', 'profiles-dir', 'registry'])
    if (data[key] !== undefined && typeof data[key] !== 'string')
      at([key], `'${key}' must be a string (quote it: YAML reads a bare '.' as a number)`);
  const { paths, manifests } = projectEntries(root, data.projects, at);
  const projects: MeshProject[] = [];
  for (const [i, path] of paths) {
    const project = await readProject(root, path, ['projects', i], source, errors);
    if (project) projects.push(project);
  }
  const seen = new Map<string, string>();
  for (const p of [
    ...projects.map((p) => ({ name: p.name, where: p.path })),
    ...manifests.map((m) => ({ name: m.name, where: m.manifest })),
  ]) {
    const other = seen.get(p.name);
    if (other) at(['projects'], `two projects are named '${p.name}': ${other} and ${p.where}`);
    seen.set(p.name, p.where);
  }
  if (errors.length) return { ok: false, errors };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    ok: true,
    value: {
      name: str(data.name) ?? (root.split(/[\\/]/).pop() || 'mesh'),
      dir: root,
      file,
      publicationsDir: resolve(root, str(data.publications) ?? 'publications'),
      ...(str(data.registry) ? { registry: str(data.registry) } : {}),
      profilesDir: str(data['profiles-dir']) ? resolve(root, str(data['profiles-dir'])!) : undefined,
      projects,
      manifests,
    },
  };
}

function projectEntries(
  root: string,
  list: unknown,
  at: (path: (string | number)[], message: string) => void,
): { paths: [number, string][]; manifests: ManifestProject[] } {
  const paths: [number, string][] = [];
  const manifests: ManifestProject[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    at(['projects'], `${MESH_FILE} needs a 'projects:' list of project folders`);
    return { paths, manifests };
  }
  list.forEach((entry, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof e.manifest === 'string') {
      if (typeof e.name !== 'string' || e.name === '')
        at(['projects', i], "a project read from a manifest needs a 'name:' (the dbt project's name)");
      else if (!existsSync(resolve(root, e.manifest)))
        at(
          ['projects', i, 'manifest'],
          `manifest '${e.manifest}' does not exist (build that project with dbt first)`,
        );
      else
        manifests.push({
          name: e.name,
          manifest: resolve(root, e.manifest),
          target: typeof e.target === 'string' ? e.target : 'prod',
        });
      return;
    }
    const path = typeof entry === 'string' ? entry : e.path;
    if (typeof path === 'string' && path !== '') paths.push([i, path]);
    else
      at(
        ['projects', i],
        "a project entry is a folder path, a mapping with 'path:', or 'name:' with 'manifest:'",
      );
  });
  return { paths, manifests };
}

async function readProject(
  root: string,
  path: string,
  place: (string | number)[],
  source: YamlSource,
  errors: MeshProblem[],
): Promise<MeshProject | undefined> {
  const dir = resolve(root, path);
  const projectFile = join(dir, 'dbt_project.yml');
  if (!existsSync(projectFile)) {
    errors.push({
      code: 'E_MESH_PROJECT',
      message: `project folder '${path}' has no dbt_project.yml (looked in ${relative(root, dir) || '.'})`,
      ...source.locate(place),
    });
    return undefined;
  }
  const parsed = parseYaml(projectFile, readFileSync(projectFile, 'utf8'));
  const name = (parsed.source.data as { name?: unknown } | null)?.name;
  if (parsed.errors.length || typeof name !== 'string') {
    errors.push({ code: 'E_MESH_PROJECT', message: `${projectFile} has no 'name:'`, file: projectFile });
    return undefined;
  }
  const spec = await loadPackagesSpec(dir);
  if (!spec.ok) {
    errors.push(...spec.errors.map((e) => problemOf(e, 'E_MESH_PROJECT')));
    return undefined;
  }
  const upstream = spec.value.projects.map((p) => ({ name: p.name, ...p.loc }));
  return { name, dir, path, upstream };
}

function fail<T>(problem: MeshProblem): MeshResult<T> {
  return { ok: false, errors: [problem] };
}
