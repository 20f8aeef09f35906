/**
 * One schedule across a mesh: each project's run records its node results in a `ProjectProgress`,
 * and a consumer's node that reads an upstream model waits on it through `meshGate` — for the
 * model and, in `build`, the model's tests — before it takes a thread. Nothing else waits.
 */
import { type ExternalGate, type ExternalOutcome, isFailure, type NodeResult } from '../runner/index.js';
import type { Invocation } from './invocation.js';

/** What one project's run has done so far, for readers in other projects. */
export class ProjectProgress {
  private readonly results = new Map<string, NodeResult>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private ended = false;
  /** Tests of each planned node that readers wait for too (build). */
  private readonly testsOf = new Map<string, string[]>();

  constructor(
    readonly project: string,
    /** The ids this run executes. */
    private readonly planned: ReadonlySet<string>,
  ) {}

  /**
   * The progress of `inv`'s run of these ids: in `build` a reader waits for a model's tests as
   * well (a failing test skips it, as inside one project).
   */
  static of(inv: Invocation, planned: Iterable<string>, command: string): ProjectProgress {
    // Ephemeral models never run: nothing would ever report them.
    const ids = new Set(
      [...planned].filter((id) => {
        const n = inv.project.nodes[id];
        return !(n?.resource_type === 'model' && n.config.materialized === 'ephemeral');
      }),
    );
    const progress = new ProjectProgress(inv.workspace.root.name, ids);
    if (command === 'build')
      for (const id of ids) {
        const n = inv.project.nodes[id];
        if (n?.resource_type !== 'test') continue;
        for (const parent of n.depends_on.nodes) {
          if (!ids.has(parent)) continue;
          const list = progress.testsOf.get(parent);
          if (list) list.push(id);
          else progress.testsOf.set(parent, [id]);
        }
      }
    return progress;
  }

  /** Records a node's result (the runner calls this as each one is known). */
  record(id: string, result: NodeResult): void {
    this.results.set(id, result);
    for (const wake of this.waiting.get(id) ?? []) wake();
    this.waiting.delete(id);
  }

  /** The run is over (or never started): whatever did not report counts as not run. */
  end(): void {
    this.ended = true;
    for (const wakes of this.waiting.values()) for (const wake of wakes) wake();
    this.waiting.clear();
  }

  /** Settles when `id` and its tests are done: ok, or the cause naming what did not pass. */
  async wait(id: string): Promise<ExternalOutcome> {
    if (!this.planned.has(id)) return { ok: true }; // not part of this run: read as it is
    const ids = [id, ...(this.testsOf.get(id) ?? [])];
    await Promise.all(ids.map((one) => this.done(one)));
    for (const one of ids) {
      const r = this.results.get(one);
      const status = r?.status ?? 'not run';
      if (!r || r.status === 'skipped' || isFailure(r.status))
        return {
          ok: false,
          cause:
            one === id
              ? `upstream ${id} (project '${this.project}') ${status}`
              : `upstream ${id} (project '${this.project}'): ${one} ${status}`,
        };
    }
    return { ok: true };
  }

  private done(id: string): Promise<void> {
    if (this.results.has(id) || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiting.get(id);
      if (list) list.push(resolve);
      else this.waiting.set(id, [resolve]);
    });
  }
}

/**
 * The gate a consumer's run waits at: a dependency of a package that is an upstream project of
 * this run waits for that project's progress. `onFailure` hears each cause (for the summary).
 */
export function meshGate(
  upstream: ReadonlyMap<string, ProjectProgress>,
  packageOf: (id: string) => string | undefined,
  onFailure?: (cause: string) => void,
): ExternalGate {
  return {
    isExternal: (id) => {
      const pkg = packageOf(id);
      return pkg !== undefined && upstream.has(pkg);
    },
    async wait(ids) {
      const outcomes = await Promise.all(ids.map((id) => upstream.get(packageOf(id) ?? '')!.wait(id)));
      const failed = outcomes.find((o) => !o.ok);
      if (failed && !failed.ok) {
        onFailure?.(failed.cause);
        return failed;
      }
      return { ok: true };
    },
  };
}
