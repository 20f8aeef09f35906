// The DAG scheduler: dependency order, the thread limit, skipping what depends on a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schedule, type WorkItem } from '../../src/runner/index.js';

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
