// The shared FIFO pool on its own: its driver here hands out plain numbered objects, so the
// pool's rules (limit, order, broken connections, closing) are seen without a warehouse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdapterError } from '../../src/adapters/errors.js';
import { ConnectionPool, type PoolDriver } from '../../src/adapters/shared/connection-pool.js';

interface Fake {
  id: number;
  broken: boolean;
  ended: boolean;
  cancelled: number;
}

function pool(max: number) {
  const opened: Fake[] = [];
  const driver: PoolDriver<Fake> = {
    open: async (id) => {
      const fake = { id, broken: false, ended: false, cancelled: 0 };
      opened.push(fake);
      return fake;
    },
    end: (fake) => {
      fake.ended = true;
    },
    cancel: (fake) => {
      fake.cancelled += 1;
    },
    isBroken: (fake) => fake.broken,
  };
  return { pool: new ConnectionPool(driver, max), opened };
}

test('never more than max open; waiters are served first come, first served', async () => {
  const { pool: p, opened } = pool(2);
  const a = await p.acquire();
  const b = await p.acquire();
  const order: number[] = [];
  const served = (n: number) => (c: Fake) => {
    order.push(n);
    return c;
  };
  const first = p.acquire().then(served(1));
  const second = p.acquire().then(served(2));
  assert.deepEqual(p.stats(), { open: 2, inUse: 2, waiting: 2, peakOpen: 2, max: 2 });
  p.release(b);
  p.release(a);
  assert.equal((await first).id, b.id);
  assert.equal((await second).id, a.id);
  assert.deepEqual(order, [1, 2]);
  assert.equal(opened.length, 2);
});

test('a broken connection is ended, never lent again; its waiter gets a fresh one', async () => {
  const { pool: p, opened } = pool(1);
  const a = await p.acquire();
  const waiting = p.acquire();
  a.broken = true;
  p.release(a);
  const fresh = await waiting;
  assert.equal(a.ended, true);
  assert.notEqual(fresh.id, a.id);
  p.release(fresh);
  fresh.broken = true;
  const again = await p.acquire();
  assert.notEqual(again.id, fresh.id, 'a broken idle connection is dropped at acquire');
  assert.equal(opened.length, 3);
});

test('cancelAll reaches every lent connection; close refuses waiters and ends the rest', async () => {
  const { pool: p } = pool(1);
  const a = await p.acquire();
  const waiting = p.acquire();
  await p.cancelAll();
  assert.equal(a.cancelled, 1);
  await p.close();
  await assert.rejects(waiting, (error) => error instanceof AdapterError && error.code === 'connection');
  assert.equal(p.hasBusy, true);
  p.release(a);
  assert.equal(a.ended, true);
  assert.equal(p.hasBusy, false);
  await assert.rejects(p.acquire(), /the adapter is closed/);
});
