/**
 * Main-thread side of the guarded renderer: sends templates to a worker (render-worker.ts) and
 * waits at most `timeoutMs` for each. A render that overruns, or a worker that dies (e.g. past
 * its memory cap), is reported for that render and the worker is replaced, so one runaway
 * template can neither stall the run nor eat the machine's memory.
 */
import { Worker } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from './render-worker.js';

export type GuardedOutcome =
  | Exclude<RenderReply, { id: -1 | 0 }>
  | { id: number; type: 'timeout'; timeoutMs: number }
  | { id: number; type: 'worker-crash'; detail: string };

/** Heap cap of the rendering worker: a runaway render dies here instead of swapping the machine. */
const WORKER_HEAP_MB = 256;

/** Start a worker that runs TypeScript through tsx (workers do not inherit the --import hook). */
function startWorker(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const script = new URL('./render-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); })`;
  return new Worker(code, {
    eval: true,
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}

interface LiveWorker {
  worker: Worker;
  /** Resolves once the worker has loaded the engine (or died trying). */
  ready: Promise<void>;
  /** Set when the worker died; its pending renders have been answered. */
  deathReason?: string;
}

type Pending = { resolve: (outcome: GuardedOutcome) => void; timer?: NodeJS.Timeout };

export class GuardedRenderer {
  private live: LiveWorker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Unhandled rejections reported from inside the worker. */
  readonly unhandledRejections: string[] = [];

  constructor(private readonly timeoutMs: number) {}

  private spawn(): LiveWorker {
    const worker = startWorker();
    let markReady = () => {};
    const live: LiveWorker = { worker, ready: new Promise((resolve) => (markReady = resolve)) };
    worker.on('message', (reply: RenderReply) => {
      if (reply.type === 'ready') markReady();
      else if (reply.type === 'unhandled-rejection') this.unhandledRejections.push(reply.detail);
      else this.settle(reply.id, reply);
    });
    const died = (detail: string) => {
      live.deathReason = detail;
      markReady();
      this.failAll(detail);
    };
    worker.on('error', (error) => died(`worker error: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => died(`worker exited with code ${code}`));
    return live;
  }

  /** The current worker, replacing a dead one. */
  private async current(): Promise<LiveWorker> {
    if (this.live === undefined || this.live.deathReason !== undefined) this.live = this.spawn();
    const live = this.live;
    await live.ready;
    return live;
  }

  private settle(id: number, outcome: GuardedOutcome): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.resolve(outcome);
  }

  private failAll(detail: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { id, type: 'worker-crash', detail });
  }

  /** Stop a worker that may be stuck in a synchronous loop; its renders are already answered. */
  private discard(live: LiveWorker, reason: string): void {
    live.worker.removeAllListeners();
    live.deathReason = reason;
    this.failAll(reason);
    void live.worker.terminate();
  }

  async render(source: string, context: Record<string, unknown>): Promise<GuardedOutcome> {
    const live = await this.current();
    const id = this.nextId++;
    if (live.deathReason !== undefined) {
      // The worker could not even start: report it rather than retrying forever.
      return { id, type: 'worker-crash', detail: live.deathReason };
    }
    return new Promise((resolve) => {
      const pending: Pending = { resolve };
      this.pending.set(id, pending);
      pending.timer = setTimeout(() => {
        this.settle(id, { id, type: 'timeout', timeoutMs: this.timeoutMs });
        this.discard(live, 'replaced after a timeout');
      }, this.timeoutMs);
      live.worker.postMessage({ id, source, context } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    this.failAll('renderer closed');
    if (live !== undefined && live.deathReason === undefined) {
      live.worker.removeAllListeners();
      await live.worker.terminate();
    }
  }
}
