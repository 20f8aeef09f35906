/**
 * What every node executor of one invocation shares: the compiler, the warehouse, where to
 * write compiled SQL, which schemas already exist, and the run's flags.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Adapter } from '../adapters/index.js';
import type { Compiler } from '../compiler/index.js';

export interface RunFlags {
  fullRefresh: boolean;
  /** Store failing test rows (`--store-failures`). */
  storeFailures: boolean;
  /** Rows `show` returns. */
  limit?: number;
  empty?: boolean;
}

let writeCounter = 0;

export class RunState {
  private readonly schemas = new Map<string, Promise<void>>();
  private readonly folders = new Map<string, Promise<void>>();

  constructor(
    readonly compiler: Compiler,
    readonly adapter: Adapter,
    /** Absolute target folder (`target/`). */
    readonly targetDir: string,
    readonly flags: RunFlags,
  ) {}

  /** Creates a schema once per run, however many nodes need it at the same time. */
  ensureSchema(database: string | undefined, schema: string): Promise<void> {
    const key = `${database ?? ''}.${schema}`.toLowerCase();
    let p = this.schemas.get(key);
    if (!p) {
      p = this.adapter.execute(this.adapter.dialect.createSchema(database, schema)).then(() => undefined);
      this.schemas.set(key, p);
      p.catch(() => this.schemas.delete(key));
    }
    return p;
  }

  private readonly pending = new Set<Promise<unknown>>();

  /**
   * Writes a SQL file off the critical path: the next node need not wait for the disk. `settle()`
   * waits for all of them before the run reports.
   */
  writeLater(kind: 'compiled' | 'run', packageName: string, relPath: string, sql: string): void {
    const p: Promise<unknown> = this.writeSql(kind, packageName, relPath, sql)
      .catch(() => undefined)
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Writes `target/<kind>/<package>/<path>` atomically. */
  async writeSql(
    kind: 'compiled' | 'run',
    packageName: string,
    relPath: string,
    sql: string,
  ): Promise<string> {
    const file = join(this.targetDir, kind, packageName, relPath);
    // Each folder is made once per run, not once per file: compiling 30,000 nodes writes 30,000 files.
    const dir = dirname(file);
    let made = this.folders.get(dir);
    if (!made) this.folders.set(dir, (made = mkdir(dir, { recursive: true }).then(() => undefined)));
    await made;
    // Unique per write: two nodes may share a file (snapshot blocks) and write at once.
    const tmp = `${file}.${process.pid}.${++writeCounter}.tmp`;
    await writeFile(tmp, sql);
    await rename(tmp, file);
    return file;
  }
}
