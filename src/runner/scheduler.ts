/**
 * Runs a DAG of work items with at most `threads` at once, in dependency order. A failed item
 * skips everything downstream of it (`skipDownstreamOf` lets a failing test skip what
 * depends on the node it tests, as `build` wants).
 *
 * Two hooks let several schedules run as one (a mesh of projects): an item may also wait for
 * `external` ids of another schedule (`awaitExternal`, checked before the item takes a thread),
 * and a shared `ThreadPool` caps how many items of all schedules run at once.
 */

export interface WorkItem {
  id: string;
  /** Ids this item waits for (only ids among the items count). */
  dependsOn: readonly string[];
  /** Ids run by another schedule that this item waits for too (see `awaitExternal`). */
  external?: readonly string[];
}

/** What waiting for external ids gave: go, or skip naming the failure. */
export type ExternalOutcome = { ok: true } | { ok: false; cause: string };

export interface ScheduleOptions<R> {
  threads: number;
  run(item: WorkItem, threadIndex: number): Promise<R>;
  /** Whether a result blocks the item's dependants. */
  failed(result: R): boolean;
  /**
   * A result for an item skipped because `cause` failed; `external` when the cause is an
   * external id (or follows from one).
   */
  skip(item: WorkItem, cause: string, external?: boolean): R;
  /** For items whose failure should skip another item's dependants too (tests: their model). */
  skipDownstreamOf?(item: WorkItem): string[];
  /** Stop starting new items after the first failure (`--fail-fast`). */
  failFast?: boolean;
  /** Checked before starting each item; true stops the run (Ctrl-C). */
  cancelled?(): boolean;
  /** Settles when an item's `external` ids are done; the item takes no thread meanwhile. */
  awaitExternal?(ids: readonly string[]): Promise<ExternalOutcome>;
  /** Threads shared with other schedules; `threads` still caps this one. */
  pool?: ThreadPool;
}

/**
 * A counting semaphore that hands out thread numbers (1..size), shared by schedules that run
 * at the same time so that together they never run more than `size` items.
 */
export class ThreadPool {
  private readonly free: number[];
  private readonly waiters: ((thread: number) => void)[] = [];

  constructor(readonly size: number) {
    const n = Math.max(1, Math.floor(size));
    this.free = Array.from({ length: n }, (_, i) => n - i);
  }

  /** A free thread number, now or as soon as one is released (first come, first served). */
  acquire(): Promise<number> {
    const thread = this.free.pop();
    if (thread !== undefined) return Promise.resolve(thread);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(thread: number): void {
    const next = this.waiters.shift();
    if (next) next(thread);
    else this.free.push(thread);
  }
}

export async function schedule<R>(
  items: readonly WorkItem[],
  options: ScheduleOptions<R>,
): Promise<Map<string, R>> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const waiting = new Map<string, number>();
  const dependants = new Map<string, string[]>();
  for (const item of items) {
    const deps = item.dependsOn.filter((d) => byId.has(d) && d !== item.id);
    waiting.set(item.id, new Set(deps).size);
    for (const d of new Set(deps)) {
      const list = dependants.get(d);
      if (list) list.push(item.id);
      else dependants.set(d, [item.id]);
    }
  }
  const order = new Map(items.map((item, i) => [item.id, i]));
  const results = new Map<string, R>();
  const blocked = new Map<string, string>();
  /** Blocked items whose cause is (downstream of) an external failure. */
  const blockedExternally = new Set<string>();
  let stop = false;
  let done = false;
  /** Items waiting for `awaitExternal`. */
  let gated = 0;
  const ready: string[] = [];

  const markSkipped = (id: string, cause: string, external: boolean) => {
    if (results.has(id) || blocked.has(id)) return;
    blocked.set(id, cause);
    if (external) blockedExternally.add(id);
    for (const child of dependants.get(id) ?? []) markSkipped(child, cause, external);
  };

  return new Promise((resolve) => {
    let running = 0;
    const freeThreads = Array.from({ length: Math.max(1, options.threads) }, (_, i) => options.threads - i);

    /** An item whose own dependencies are done: first its external ones, then the queue. */
    const becomeReady = (id: string) => {
      const item = byId.get(id)!;
      if (!item.external?.length || !options.awaitExternal || blocked.has(id)) {
        insertSorted(ready, id, order);
        return;
      }
      gated++;
      options.awaitExternal(item.external).then(
        (outcome) => ungate(id, outcome),
        (err) => ungate(id, { ok: false, cause: String(err) }),
      );
    };
    const ungate = (id: string, outcome: ExternalOutcome) => {
      gated--;
      if (done) return;
      if (!outcome.ok) markSkipped(id, outcome.cause, true);
      insertSorted(ready, id, order);
      pump();
    };
    const release = (id: string) => {
      for (const child of dependants.get(id) ?? []) {
        const n = (waiting.get(child) ?? 0) - 1;
        waiting.set(child, n);
        if (n === 0) becomeReady(child);
      }
    };
    const pump = () => {
      if (done) return;
      if (options.cancelled?.()) stop = true;
      while (!stop && running < options.threads && ready.length > 0) {
        const id = ready.shift()!;
        const item = byId.get(id)!;
        const cause = blocked.get(id);
        if (cause !== undefined) {
          results.set(id, options.skip(item, cause, blockedExternally.has(id)));
          release(id);
          continue;
        }
        running++;
        if (options.pool) void options.pool.acquire().then((thread) => start(item, thread));
        else start(item, freeThreads.pop() ?? 1);
      }
      if (running === 0 && (stop || (ready.length === 0 && gated === 0))) {
        done = true;
        resolve(results);
      }
    };
    const start = (item: WorkItem, thread: number) => {
      // A shared thread may come after a stop (fail-fast, Ctrl-C): give it back unused.
      if (options.pool && (stop || options.cancelled?.())) {
        stop = true;
        options.pool.release(thread);
        running--;
        pump();
        return;
      }
      options.run(item, thread).then(
        (r) => finish(item, r, thread),
        (err) => finish(item, options.skip(item, String(err)), thread),
      );
    };
    const finish = (item: WorkItem, r: R, thread: number) => {
      running--;
      if (options.pool) options.pool.release(thread);
      else freeThreads.push(thread);
      results.set(item.id, r);
      if (options.failed(r)) {
        for (const child of dependants.get(item.id) ?? []) markSkipped(child, item.id, false);
        for (const other of options.skipDownstreamOf?.(item) ?? [])
          for (const child of dependants.get(other) ?? [])
            if (child !== item.id) markSkipped(child, item.id, false);
        if (options.failFast) stop = true;
      }
      release(item.id);
      pump();
    };
    for (const item of items) if (waiting.get(item.id) === 0) becomeReady(item.id);
    pump();
  });
}

function insertSorted(queue: string[], id: string, order: Map<string, number>): void {
  const rank = order.get(id) ?? 0;
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((order.get(queue[mid]!) ?? 0) <= rank) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, id);
}
