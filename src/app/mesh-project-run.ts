/**
 * One project's part of a mesh run: its nodes run on the mesh's shared threads (readers of an
 * upstream project's models wait at the mesh gate), then — once its own nodes are done — it
 * publishes if it passed and its consumers' expectations hold.
 */
import type { MeshProject, MeshWorkspace } from '../mesh/index.js';
import { isBrokenExpectation } from '../mesh/index.js';
import type { EventBus, NodeResult, ThreadPool } from '../runner/index.js';
import { CommandError, type Problem } from './errors.js';
import type { Invocation } from './invocation.js';
import { meshGate, type ProjectProgress } from './mesh-progress.js';
import { folderSource, type PublicationSource } from './mesh-sources.js';
import { type PublishOutcome, publishProject } from './publish-command.js';
import { runCommand } from './run-command.js';

export interface MeshProjectOutcome {
  project: string;
  /**
   * `error`: the project could not be opened (bad ref, access, missing publication…);
   * `skipped`: nothing ran (an upstream project could not be opened) or some nodes were skipped
   * because the upstream nodes they read did not pass.
   */
  status: 'success' | 'failed' | 'error' | 'skipped';
  results: NodeResult[];
  elapsed: number;
  problems?: Problem[];
  /** Why it was skipped. */
  reason?: string;
  publish?: PublishOutcome;
}

export interface OpenedProjectRun {
  ws: MeshWorkspace;
  project: MeshProject;
  inv: Invocation;
  command: 'build' | 'test';
  /** The selected ids, in DAG order. */
  ids: readonly string[];
  events: EventBus;
  failFast?: boolean;
  publish: boolean;
  publications?: PublicationSource;
  /** Where this run reports its results, for readers downstream. */
  progress: ProjectProgress;
  /** The progress of the upstream projects in this mesh run, by name. */
  upstream: ReadonlyMap<string, ProjectProgress>;
  pool: ThreadPool;
}

/** Runs an opened project of the mesh, then publishes it (build). */
export async function runOpenedProject(run: OpenedProjectRun): Promise<MeshProjectOutcome> {
  const { project, inv } = run;
  const started = performance.now();
  const externalCauses: string[] = [];
  let outcome: Awaited<ReturnType<typeof runCommand>>;
  try {
    outcome = await runCommand(inv, {
      command: run.command,
      events: run.events,
      failFast: run.failFast,
      onlyIds: [...run.ids],
      pool: run.pool,
      external: meshGate(
        run.upstream,
        (id) => inv.project.nodes[id]?.package_name,
        (cause) => externalCauses.push(cause),
      ),
      onResult: (id, result) => run.progress.record(id, result),
    });
  } catch (err) {
    const problems =
      err instanceof CommandError
        ? err.problems
        : [{ message: (err as Error).message ?? String(err), code: 'E_RUN' }];
    return { project: project.name, status: 'error', results: [], elapsed: 0, problems };
  } finally {
    run.progress.end();
  }
  const elapsed = (performance.now() - started) / 1000;
  const result: MeshProjectOutcome = {
    project: project.name,
    status: outcome.exitCode === 0 ? 'success' : 'failed',
    results: outcome.results,
    elapsed,
  };
  if (result.status === 'success' && externalCauses.length) {
    const skipped = outcome.results.filter((r) => r.status === 'skipped').length;
    result.status = 'skipped';
    result.reason = `${skipped} node${skipped === 1 ? '' : 's'} skipped: ${externalCauses[0]}`;
  }
  if (run.publish && run.command === 'build') await publish(run, result);
  return result;
}

async function publish(run: OpenedProjectRun, outcome: MeshProjectOutcome): Promise<void> {
  const source = run.publications ?? folderSource(run.ws.publicationsDir);
  const consumers = outcome.status === 'success' ? await source.all() : [];
  outcome.publish = await publishProject(run.inv, outcome.results, run.ws.publicationsDir, { consumers });
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
