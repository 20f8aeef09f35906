/**
 * `tessera publish`: records a project's data products after a build that passed, in
 * `<publications>/<project>.json` plus one ODCS contract per product. A build with a failure
 * (or one that left a public model out) never publishes: consumers keep the last good version.
 */
import { join, resolve } from 'node:path';
import { readRunResults, TESSERA_VERSION } from '../artifacts/index.js';
import {
  buildPublication,
  type NodeOutcome,
  type Publication,
  publishBlocker,
  readPublication,
  writePublication,
} from '../mesh/index.js';
import { CommandError } from './errors.js';
import type { Invocation } from './invocation.js';

export interface PublishOutcome {
  published: boolean;
  /** Why nothing was published. */
  reason?: string;
  /** The publication JSON first, then the ODCS documents. */
  files: string[];
  publication?: Publication;
}

/**
 * What the project of `inv` would publish given these results (none for `mesh diff`, which only
 * compares contracts); `previous` keeps the relations other targets published.
 */
export function candidatePublication(
  inv: Invocation,
  results: readonly NodeOutcome[],
  previous: Publication | undefined,
): Publication {
  const project = inv.workspace.root.name;
  const upstreamProjects = new Set(
    Object.values(inv.project.nodes)
      .map((n) => n.package_name)
      .filter((p) => p !== project && !inv.workspace.packages.some((pkg) => pkg.name === p)),
  );
  return buildPublication({
    project,
    targetName: inv.profile.targetName,
    adapterType: inv.profile.type,
    nodes: inv.project.nodes,
    groups: inv.project.properties.flatMap((f) => f.groups),
    results,
    upstreamProjects,
    previous,
    invocationId: inv.invocationId,
    toolVersion: TESSERA_VERSION,
    connection: connectionOf(inv.profile.credentials),
  });
}

/** Publishes the project of `inv` from the results of the build it just ran. */
export async function publishProject(
  inv: Invocation,
  results: readonly NodeOutcome[],
  publicationsDir: string,
): Promise<PublishOutcome> {
  const project = inv.workspace.root.name;
  const reason = publishBlocker(project, inv.project.nodes, results);
  if (reason) return { published: false, reason, files: [] };
  const previous = await readPublication(publicationsDir, project);
  const publication = candidatePublication(inv, results, previous.ok ? previous.publication : undefined);
  const files = await writePublication(publicationsDir, publication);
  return { published: true, files, publication };
}

/** The profile fields that say where the warehouse is; never passwords or tokens. */
function connectionOf(credentials: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of ['path', 'host', 'port', 'dbname'] as const) {
    const value = credentials[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (typeof out.path === 'string' && out.path !== ':memory:') out.path = resolve(out.path);
  return out;
}

/** Publishes from `target/run_results.json`, which must come from a `build` of the project. */
export async function publishLastBuild(inv: Invocation, publicationsDir: string): Promise<PublishOutcome> {
  const file = join(inv.targetDir, 'run_results.json');
  const read = await readRunResults(file);
  if (!read.ok)
    throw new CommandError([
      {
        message: `nothing to publish: ${read.error.message} (run tessera build first)`,
        code: 'E_PUBLISH',
        file,
      },
    ]);
  const which = read.value.args.which;
  if (which !== 'build')
    return {
      published: false,
      reason: `the last run was '${String(which)}', not 'build': publish after tessera build, which runs models and their tests`,
      files: [],
    };
  return publishProject(inv, read.value.results as NodeOutcome[], publicationsDir);
}
