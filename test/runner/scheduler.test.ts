// The DAG scheduler: dependency order, the thread limit, skipping what depends on a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schedule, ThreadPool, type WorkItem } from '../../src/runner/index.js';

const items: WorkItem[] = [
  { id: 'a', dependsOn: [] },
  { id: 'b', dependsOn: ['a'] },
  { id: 'c', dependsOn: ['a'] },
  { id: 'd', dependsOn: ['b', 'c'] },
  { id: 'e', dependsOn: [] },
];

test('runs parents before children and never more than `threads` at once', async () => {
  let running = 0;
  let peak = 0;
  const order: string[] = [];
  await schedule(items, {
    threads: 2,
    run: async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      order.push(item.id);
      running--;
      return 'ok';
    },
    failed: () => false,
    skip: () => 'skipped',
  });
  assert.equal(peak, 2);
  assert.ok(order.indexOf('a') < order.indexOf('b'));
  assert.ok(order.indexOf('b') < order.indexOf('d') && order.indexOf('c') < order.indexOf('d'));
  assert.equal(order.length, 5);
});

test('a failure skips every descendant, and only them', async () => {
  const results = await schedule(items, {
    threads: 3,
    run: async (item) => (item.id === 'b' ? 'error' : 'ok'),
    failed: (r) => r === 'error',
    skip: () => 'skipped',
  });
  assert.deepEqual(Object.fromEntries(results), { a: 'ok', e: 'ok', b: 'error', c: 'ok', d: 'skipped' });
});

test('fail-fast starts nothing after the first failure', async () => {
  const results = await schedule(items, {
    threads: 1,
    failFast: true,
    run: async (item) => (item.id === 'a' ? 'error' : 'ok'),
    failed: (r) => r === 'error',
    skip: () => 'skipped',
  });
  assert.equal(results.get('a'), 'error');
  assert.equal(results.has('e'), false);
});

test('an item with external ids takes no thread until they are done, and is skipped when they fail', async () => {
  const gated: WorkItem[] = [
    { id: 'reader', dependsOn: [], external: ['up.model'] },
    { id: 'after', dependsOn: ['reader'] },
    { id: 'free', dependsOn: [] },
    { id: 'blocked', dependsOn: [], external: ['up.broken'] },
    { id: 'below', dependsOn: ['blocked'] },
  ];
  let openGate: () => void = () => {};
  const gate = new Promise<void>((r) => {
    openGate = r;
  });
  const order: string[] = [];
  const skips: string[] = [];
  const results = await schedule(gated, {
    threads: 1,
    run: async (item) => {
      order.push(item.id);
      // The gate opens only once `free` has run: the reader waited without holding the thread.
      if (item.id === 'free') setTimeout(openGate, 20);
      return 'ok';
    },
    failed: (r) => r !== 'ok',
    skip: (item, cause, external) => {
      skips.push(`${item.id}<-${cause}:${external}`);
      return 'skipped';
    },
    awaitExternal: async (ids) => {
      if (ids[0] === 'up.broken') return { ok: false, cause: 'up.broken fail' };
      await gate;
      return { ok: true };
    },
  });
  assert.deepEqual(order, ['free', 'reader', 'after']);
  assert.deepEqual(Object.fromEntries(results), {
    free: 'ok',
    reader: 'ok',
    after: 'ok',
    blocked: 'skipped',
    below: 'skipped',
  });
  assert.deepEqual(skips.sort(), ['below<-up.broken fail:true', 'blocked<-up.broken fail:true']);
});

test('schedules sharing a thread pool never run more than its size together', async () => {
  const pool = new ThreadPool(2);
  let running = 0;
  let peak = 0;
  const threads = new Set<number>();
  const run = async (_item: WorkItem, thread: number) => {
    running++;
    peak = Math.max(peak, running);
    threads.add(thread);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return 'ok';
  };
  const options = { threads: 2, pool, run, failed: () => false, skip: () => 'skipped' };
  const [a, b, c] = await Promise.all([
    schedule(items, options),
    schedule(items, options),
    schedule(items, options),
  ]);
  assert.equal(peak, 2);
  assert.deepEqual([...threads].sort(), [1, 2]);
  assert.equal(a.size + b.size + c.size, 15);
});
