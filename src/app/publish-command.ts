/**
 * `tessera publish`: records a project's data products after a build that passed, in
 * `<publications>/<project>.json` plus one ODCS contract per product. A build with a failure
 * (or one that left a public model out) never publishes: consumers keep the last good version.
 */
import { join, resolve } from 'node:path';
import { readRunResults, TESSERA_VERSION } from '../artifacts/index.js';
import { loadPackagesSpec } from '../config/index.js';
import {
  buildPublication,
  type ConsumerExpectation,
  describeExpectation,
  type ExpectationResult,
  expectationsFromDependencies,
  isBrokenExpectation,
  type NodeOutcome,
  type Publication,
  publishBlocker,
  readAllPublications,
  readPublication,
  writePublication,
} from '../mesh/index.js';
import { CommandError } from './errors.js';
import type { Invocation } from './invocation.js';
import { runConsumerExpectations } from './mesh-expectations.js';

export interface PublishOutcome {
  published: boolean;
  /** Why nothing was published. */
  reason?: string;
  /** The publication JSON first, then the ODCS documents. */
  files: string[];
  publication?: Publication;
  /** Downstream projects' expectations, run against this build before publishing. */
  expectations?: ExpectationResult[];
}

export interface PublishOptions {
  /**
   * Publications of the other projects, whose expectations on this one must pass first
   * (default: every publication in the publications folder).
   */
  consumers?: readonly Publication[];
}

/**
 * What the project of `inv` would publish given these results (none for `mesh diff`, which only
 * compares contracts); `previous` keeps the relations other targets published.
 */
export function candidatePublication(
  inv: Invocation,
  results: readonly NodeOutcome[],
  previous: Publication | undefined,
  expectations: readonly ConsumerExpectation[] = [],
): Publication {
  const project = inv.workspace.root.name;
  const upstreamProjects = new Set(
    Object.values(inv.project.nodes)
      .map((n) => n.package_name)
      .filter((p) => p !== project && !inv.workspace.packages.some((pkg) => pkg.name === p)),
  );
  const publication = buildPublication({
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
  return expectations.length ? { ...publication, expectations: [...expectations] } : publication;
}

/** The expectations the project of `inv` declares on its upstream projects (dependencies.yml). */
export async function declaredExpectations(inv: Invocation): Promise<ConsumerExpectation[]> {
  const dir = inv.workspace.root.dir;
  const spec = await loadPackagesSpec(dir);
  return spec.ok ? expectationsFromDependencies(spec.value.projects, dir) : [];
}

/** Publishes the project of `inv` from the results of the build it just ran. */
export async function publishProject(
  inv: Invocation,
  results: readonly NodeOutcome[],
  publicationsDir: string,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const project = inv.workspace.root.name;
  const reason = publishBlocker(project, inv.project.nodes, results);
  if (reason) return { published: false, reason, files: [] };
  const consumers = options.consumers ?? (await readAllPublications(publicationsDir));
  const expectations = await runConsumerExpectations(inv, consumers);
  const broken = expectations.filter(isBrokenExpectation);
  if (broken.length)
    return {
      published: false,
      reason: `${broken.length} consumer expectation${broken.length === 1 ? '' : 's'} would break: ${broken
        .map((r) => `${r.consumer} expects ${describeExpectation(r.expectation)} (${r.message})`)
        .join('; ')}`,
      files: [],
      expectations,
    };
  const previous = await readPublication(publicationsDir, project);
  const publication = candidatePublication(
    inv,
    results,
    previous.ok ? previous.publication : undefined,
    await declaredExpectations(inv),
  );
  const files = await writePublication(publicationsDir, publication);
  return { published: true, files, publication, expectations };
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
export async function publishLastBuild(
  inv: Invocation,
  publicationsDir: string,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
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
  return publishProject(inv, read.value.results as NodeOutcome[], publicationsDir, options);
}
