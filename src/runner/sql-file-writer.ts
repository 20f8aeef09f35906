/**
 * Writes many small SQL files (target/compiled, target/run) on a worker thread, in batches, while
 * the main thread goes on: creating thousands of files is mostly kernel time, and doing it through
 * fs promises costs four thread-pool round trips per file — the pool the warehouse driver's
 * queries wait in too. Files are written in the order given (two nodes may share one file: the
 * last write wins), through a temporary file and a rename unless told otherwise, and a file that
 * already holds the same text is left alone.
 */
import { Worker } from 'node:worker_threads';

/** Writes queued this long ago are sent even when the batch is not full. */
const FLUSH_DELAY_MS = 20;
const BATCH_SIZE = 256;

export class SqlFileWriter {
  constructor(
    private readonly options: {
      /** Through a temporary file and a rename (default); false writes in place, which is faster. */
      atomic?: boolean;
    } = {},
  ) {}

  private worker: Worker | undefined;
  private batch: [string, string][] = [];
  private pending = 0;
  private failure: string | undefined;
  private drained: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Queues `text` for `file` (an absolute path); folders are made as needed. */
  write(file: string, text: string): void {
    this.batch.push([file, text]);
    if (this.batch.length >= BATCH_SIZE) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Waits for every queued write; rejects with the first failure. The worker then stops. */
  async settle(): Promise<void> {
    this.flush();
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const failure = this.failure;
    this.failure = undefined;
    await this.close();
    if (failure) throw new Error(`writing SQL files failed: ${failure}`);
  }

  /** Stops the worker now (queued writes not yet sent are dropped). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
    const worker = this.worker;
    this.worker = undefined;
    this.pending = 0;
    this.drained?.();
    await worker?.terminate();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    this.pending++;
    const worker = this.started();
    worker.ref();
    worker.postMessage({ atomic: this.options.atomic !== false, batch: this.batch });
    this.batch = [];
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WRITER_SOURCE, { eval: true });
    worker.on('message', (errors: string[]) => {
      this.pending--;
      this.failure ??= errors[0];
      if (this.pending > 0) return;
      worker.unref();
      this.drained?.();
    });
    worker.on('error', (e) => {
      this.failure ??= String(e);
      this.pending = 0;
      this.drained?.();
    });
    // Kept alive only while writes are in flight: an idle writer never holds the process open.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

// Plain JavaScript run by the worker (eval: no loader is needed under tsx or from dist/).
const WRITER_SOURCE = `
const { parentPort, threadId } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const folders = new Set();
let counter = 0;
parentPort.on('message', ({ atomic, batch }) => {
  const errors = [];
  for (const [file, text] of batch) {
    try {
      const dir = path.dirname(file);
      if (!folders.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        folders.add(dir);
      }
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (st && st.size === Buffer.byteLength(text) && fs.readFileSync(file, 'utf8') === text) continue;
      if (!atomic) {
        fs.writeFileSync(file, text);
        continue;
      }
      const tmp = file + '.' + process.pid + '.' + threadId + '.' + ++counter + '.tmp';
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    } catch (e) {
      errors.push(e && e.message ? e.message : String(e));
    }
  }
  parentPort.postMessage(errors);
});
`;
