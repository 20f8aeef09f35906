// Sanity bounds on a 10,000-member graph: building once and selecting must stay far from
// quadratic. Limits are generous (shared CI machines); typical figures are in the diagnostics.

import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { buildGraph, type GraphNode, selectNodes } from '../../src/graph/index.js';
import { genericTest, model, source } from './helpers.js';

/** A deterministic pseudo-random generator (mulberry32), so the graph is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bigProject(): GraphNode[] {
  const rand = random(42);
  const nodes: GraphNode[] = [];
  for (let i = 0; i < 200; i++) nodes.push(source(`src${i % 20}`, `t${i}`));
  const models: string[] = [];
  for (let i = 0; i < 6800; i++) {
    const deps = new Set<string>();
    const count = 1 + Math.floor(rand() * 3);
    for (let d = 0; d < count; d++) {
      deps.add(
        models.length === 0 || rand() < 0.1
          ? nodes[Math.floor(rand() * 200)]!.unique_id
          : models[Math.max(0, models.length - 1 - Math.floor(rand() * 200))]!,
      );
    }
    const node = model(`m${i}`, { dir: `dir${i % 30}/sub${i % 7}`, deps: [...deps], tags: [`t${i % 50}`] });
    nodes.push(node);
    models.push(node.unique_id);
  }
  for (let i = 0; i < 3000; i++) {
    const a = models[Math.floor(rand() * models.length)]!;
    const parents = rand() < 0.3 ? [a, models[Math.floor(rand() * models.length)]!] : [a];
    nodes.push({ ...genericTest(`t${i}`, 'unique', [...new Set(parents)]), unique_id: `test.shop.t${i}.x` });
  }
  return nodes;
}

test('10,000 members: build once, select in milliseconds', (t) => {
  const nodes = bigProject();
  assert.equal(nodes.length, 10_000);
  let start = performance.now();
  const built = buildGraph(nodes, { projectName: 'shop' });
  const buildMs = performance.now() - start;
  assert.ok(built.ok);
  const graph = built.value;
  assert.equal(graph.topologicalOrder().length, 10_000);
  t.diagnostic(`buildGraph: ${buildMs.toFixed(1)} ms`);
  assert.ok(buildMs < 3000, `buildGraph took ${buildMs} ms`);

  const cases: [string, Parameters<typeof selectNodes>[1]][] = [
    ['everything', {}],
    ['+m6000+', { select: '+m6000+' }],
    ['@m100', { select: '@m100' }],
    ['tag:t7,path:models/dir3', { select: 'tag:t7,path:models/dir3' }],
    ['m1* minus tag:t1*', { select: 'm1*', exclude: 'tag:t1*' }],
    [
      'config.materialized:view cautious',
      { select: 'config.materialized:view', indirectSelection: 'cautious' },
    ],
    ['source:src1+ buildable', { select: 'source:src1+', indirectSelection: 'buildable' }],
  ];
  for (const [label, options] of cases) {
    start = performance.now();
    const result = selectNodes(graph, options);
    const ms = performance.now() - start;
    assert.ok(result.ok);
    assert.ok(result.value.selected.size > 0, label);
    t.diagnostic(`select ${label}: ${result.value.selected.size} nodes in ${ms.toFixed(1)} ms`);
    assert.ok(ms < 2000, `${label} took ${ms} ms`);
  }
});
