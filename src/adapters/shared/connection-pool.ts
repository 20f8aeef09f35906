/**
 * A FIFO pool that never holds more than `max` connections, for any warehouse: the driver says
 * how a connection is opened, ended and cancelled, and whether it broke (a broken one is never
 * lent again; a waiter gets a fresh one instead).
 */
import { AdapterError } from '../errors.js';
import type { PoolStats } from '../types.js';

/** How the pool makes, ends and interrupts the warehouse's connections. */
export interface PoolDriver<C> {
  /** Opens connection number `id` (1, 2, …), ready to lend (per-connection setup included). */
  open(id: number): Promise<C>;
  /** Ends a connection the pool no longer keeps. */
  end(connection: C): void | Promise<void>;
  /** Interrupts what `connection` is running now, if anything. */
  cancel(connection: C): void | Promise<void>;
  /** Whether `connection` can no longer be used (its socket died); default: never. */
  isBroken?(connection: C): boolean;
}

interface Waiter<C> {
  resolve(connection: C): void;
  reject(error: unknown): void;
}

export class ConnectionPool<C> {
  private readonly idle: C[] = [];
  private readonly busy = new Set<C>();
  private readonly waiters: Waiter<C>[] = [];
  private opening = 0;
  private peakOpen = 0;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly driver: PoolDriver<C>,
    private readonly max: number,
  ) {}

  /** Lends a connection, opening one if under the limit, else waiting for a release. */
  async acquire(): Promise<C> {
    if (this.closed) throw new AdapterError('the adapter is closed', 'connection');
    let ready = this.idle.pop();
    // An idle connection whose socket died (server restart, idle timeout) is dropped, not lent.
    while (ready !== undefined && this.isBroken(ready)) {
      void this.end(ready);
      ready = this.idle.pop();
    }
    if (ready !== undefined) {
      this.busy.add(ready);
      return ready;
    }
    if (this.idle.length + this.busy.size + this.opening < this.max) return this.openOne();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Takes a connection back and hands it (or a fresh one, if it broke) to the oldest waiter. */
  release(connection: C): void {
    if (this.closed || this.isBroken(connection)) {
      this.busy.delete(connection);
      void this.end(connection);
      const waiter = this.waiters.shift();
      if (waiter !== undefined && !this.closed) this.openOne().then(waiter.resolve, waiter.reject);
      return;
    }
    const next = this.waiters.shift();
    if (next !== undefined) {
      next.resolve(connection);
      return;
    }
    this.busy.delete(connection);
    this.idle.push(connection);
  }

  /** Interrupts every lent connection's running statement; resolves once the driver has asked. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.busy].map((connection) => this.driver.cancel(connection)));
  }

  /** Closes idle connections now and busy ones when they come back; waiters are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new AdapterError('the adapter is closed', 'connection'));
    }
    await Promise.all(this.idle.splice(0).map((connection) => this.end(connection)));
  }

  /** Whether connections are still lent out. */
  get hasBusy(): boolean {
    return this.busy.size > 0;
  }

  stats(): PoolStats {
    return {
      open: this.idle.length + this.busy.size,
      inUse: this.busy.size,
      waiting: this.waiters.length,
      peakOpen: this.peakOpen,
      max: this.max,
    };
  }

  private async openOne(): Promise<C> {
    this.opening += 1;
    try {
      const connection = await this.driver.open(this.nextId++);
      this.busy.add(connection);
      this.peakOpen = Math.max(this.peakOpen, this.busy.size + this.idle.length);
      return connection;
    } finally {
      this.opening -= 1;
    }
  }

  private isBroken(connection: C): boolean {
    return this.driver.isBroken?.(connection) ?? false;
  }

  /** Ending is best effort: a connection that fails to close is gone all the same. */
  private async end(connection: C): Promise<void> {
    try {
      await this.driver.end(connection);
    } catch {
      // Nothing to do: the pool has already let go of it.
    }
  }
}
