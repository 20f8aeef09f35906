/**
 * Runs a DAG of work items with at most `threads` at once, in dependency order. A failed item
 * skips everything downstream of it (`skipDownstreamOf` lets a failing test skip what
 * depends on the node it tests, as `build` wants).
 */

export interface WorkItem {
  id: string;
  /** Ids this item waits for (only ids among the items count). */
  dependsOn: readonly string[];
}

export interface ScheduleOptions<R> {
  threads: number;
  run(item: WorkItem, threadIndex: number): Promise<R>;
  /** Whether a result blocks the item's dependants. */
  failed(result: R): boolean;
  /** A result for an item skipped because `cause` failed. */
  skip(item: WorkItem, cause: string): R;
  /** For items whose failure should skip another item's dependants too (tests: their model). */
  skipDownstreamOf?(item: WorkItem): string[];
  /** Stop starting new items after the first failure (`--fail-fast`). */
  failFast?: boolean;
  /** Checked before starting each item; true stops the run (Ctrl-C). */
  cancelled?(): boolean;
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
  const ready: string[] = items.filter((i) => waiting.get(i.id) === 0).map((i) => i.id);
  const results = new Map<string, R>();
  const blocked = new Map<string, string>();
  let stop = false;

  const markSkipped = (id: string, cause: string) => {
    if (results.has(id) || blocked.has(id)) return;
    blocked.set(id, cause);
    for (const child of dependants.get(id) ?? []) markSkipped(child, cause);
  };

  const release = (id: string) => {
    for (const child of dependants.get(id) ?? []) {
      const n = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, n);
      if (n === 0) insertSorted(ready, child, order);
    }
  };

  return new Promise((resolve) => {
    let running = 0;
    const freeThreads = Array.from({ length: Math.max(1, options.threads) }, (_, i) => options.threads - i);
    const pump = () => {
      if (options.cancelled?.()) stop = true;
      while (!stop && running < options.threads && ready.length > 0) {
        const id = ready.shift()!;
        const item = byId.get(id)!;
        const cause = blocked.get(id);
        if (cause !== undefined) {
          results.set(id, options.skip(item, cause));
          release(id);
          continue;
        }
        running++;
        const thread = freeThreads.pop() ?? 1;
        options.run(item, thread).then(
          (r) => finish(item, r, thread),
          (err) => finish(item, options.skip(item, String(err)), thread),
        );
      }
      if (running === 0 && (ready.length === 0 || stop)) resolve(results);
    };
    const finish = (item: WorkItem, r: R, thread: number) => {
      running--;
      freeThreads.push(thread);
      results.set(item.id, r);
      if (options.failed(r)) {
        for (const child of dependants.get(item.id) ?? []) markSkipped(child, item.id);
        for (const other of options.skipDownstreamOf?.(item) ?? [])
          for (const child of dependants.get(other) ?? []) if (child !== item.id) markSkipped(child, item.id);
        if (options.failFast) stop = true;
      }
      release(item.id);
      pump();
    };
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
