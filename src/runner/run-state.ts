/**
 * What every node executor of one invocation shares: the compiler, the warehouse, where to
 * write compiled SQL, which schemas already exist, and the run's flags.
 */
import { join } from 'node:path';
import type { Adapter } from '../adapters/index.js';
import type { Compiler } from '../compiler/index.js';
import { SqlFileWriter } from './sql-file-writer.js';

export interface RunFlags {
  fullRefresh: boolean;
  /** Store failing test rows (`--store-failures`). */
  storeFailures: boolean;
  /** Rows `show` returns. */
  limit?: number;
  empty?: boolean;
}

export class RunState {
  private readonly schemas = new Map<string, Promise<void>>();
  private readonly files = new SqlFileWriter();

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

  /**
   * Writes `target/<kind>/<package>/<path>` off the critical path (see sql-file-writer.ts): the
   * next node need not wait for the disk. `settle()` waits for all of them before the run reports.
   */
  writeLater(kind: 'compiled' | 'run', packageName: string, relPath: string, sql: string): void {
    this.files.write(join(this.targetDir, kind, packageName, relPath), sql);
  }

  /** Waits for the queued SQL files. A file that could not be written does not fail the run. */
  async settle(): Promise<void> {
    await this.files.settle().catch(() => undefined);
  }
}
