/**
 * `run`, `seed`, `test`, `build`: select, connect, execute in DAG order, write run_results and
 * the manifest. Events go to whatever printers the caller attached.
 */
import { buildManifest, buildRunResults, writeManifest, writeRunResults } from '../artifacts/index.js';
import type { CompilableNode } from '../compiler/index.js';
import {
  type EventBus,
  type ExternalGate,
  type NodeResult,
  type RunFlags,
  RunState,
  runNodes,
  type ThreadPool,
} from '../runner/index.js';
import { connect, type Invocation } from './invocation.js';
import { manifestIsCurrent, recordManifestStamp } from './manifest-stamp.js';
import { hookNodes, runProjectHooks } from './project-hooks.js';
import { type SelectionFlags, selectFor } from './selection.js';

export interface RunCommandOptions extends SelectionFlags {
  command: 'run' | 'seed' | 'test' | 'build' | 'snapshot';
  failFast?: boolean;
  storeFailures?: boolean;
  events: EventBus;
  /** Only these ids (retry); selection flags are ignored when given. */
  onlyIds?: string[];
  /** Aborting (Ctrl-C) interrupts running queries and starts nothing new; results are still written. */
  signal?: AbortSignal;
  /** Mesh: nodes of upstream projects built at the same time, which readers wait for. */
  external?: ExternalGate;
  /** Mesh: threads shared by the projects built at the same time. */
  pool?: ThreadPool;
  /** Mesh: each node's result as soon as it is known (readers downstream wait on it). */
  onResult?: (id: string, result: NodeResult) => void;
}

export interface RunOutcome {
  results: NodeResult[];
  elapsed: number;
  /** 0 when everything passed (warnings allowed), 1 when something failed or errored. */
  exitCode: 0 | 1;
}

export async function runCommand(inv: Invocation, options: RunCommandOptions): Promise<RunOutcome> {
  const started = performance.now();
  const order = options.onlyIds
    ? inv.graph.sortTopologically(options.onlyIds)
    : [...selectFor(inv, options.command, options).selected];
  const { adapter, compiler } = await connect(inv);
  const flags: RunFlags = {
    fullRefresh: inv.options.fullRefresh ?? false,
    storeFailures: options.storeFailures ?? false,
  };
  const state = new RunState(compiler, adapter, inv.targetDir, flags);
  const nodes = { ...inv.project.nodes, ...inv.unitTests } as unknown as Record<string, CompilableNode>;
  const onAbort = () => void adapter.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.events.emit({
    type: 'run-started',
    total: order.length,
    command: options.command,
    threads: inv.threads,
  });
  let results: NodeResult[] = [];
  try {
    // dbt creates the selected relations' schemas before on-run-start, so hooks may write there.
    for (const id of order) {
      const node = nodes[id];
      if (!node || !['model', 'seed', 'snapshot'].includes(node.resource_type)) continue;
      if (node.config.materialized === 'ephemeral') continue;
      const relation = compiler.relationFor(node);
      if (relation.schema !== undefined) await state.ensureSchema(relation.database, relation.schema);
    }
    const startHooks = await runProjectHooks(inv, 'on-run-start', compiler, adapter, options.events);
    results = await runNodes({
      state,
      nodes,
      order,
      extraDependencies: options.command === 'build' ? buildTestEdges(inv, new Set(order)) : undefined,
      sources: inv.project.sources,
      threads: inv.threads,
      events: options.events,
      failFast: options.failFast,
      packageRoots: new Map([
        [inv.workspace.root.name, inv.workspace.root.dir],
        ...inv.workspace.packages.map((p) => [p.name, p.dir] as [string, string]),
      ]),
      cancelled: () => options.signal?.aborted ?? false,
      external: options.external,
      pool: options.pool,
      onResult: options.onResult,
    });
    const endHooks = options.signal?.aborted
      ? []
      : await runProjectHooks(inv, 'on-run-end', compiler, adapter, options.events, results);
    // Hooks are results too, as in dbt's run_results.json and summary.
    results = [...startHooks, ...results, ...endHooks];
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await adapter.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  await writeArtifacts(inv, results, elapsed, options.command);
  options.events.emit({
    type: 'run-finished',
    results,
    elapsed,
    interrupted: options.signal?.aborted ?? false,
  });
  const failed = results.some(
    (r) => r.status === 'error' || r.status === 'fail' || r.status === 'runtime error',
  );
  return { results, elapsed, exitCode: failed ? 1 : 0 };
}

/**
 * In `build`, a node waits for the tests of its parents, so a failing test skips what is
 * downstream. Edges that would close a cycle (a test that also reads a descendant) are left out.
 */
export function buildTestEdges(inv: Invocation, selected: Set<string>): Map<string, string[]> {
  const testsOf = new Map<string, string[]>();
  for (const id of selected) {
    const n = inv.project.nodes[id];
    if (n?.resource_type !== 'test') continue;
    for (const parent of n.depends_on.nodes) {
      const list = testsOf.get(parent);
      if (list) list.push(id);
      else testsOf.set(parent, [id]);
    }
  }
  const edges = new Map<string, string[]>();
  // A model waits for its unit tests, so a failing one skips the model (dbt build).
  const unitTestsOf = new Map<string, string[]>();
  for (const id of selected) {
    const u = inv.unitTests[id];
    if (!u) continue;
    const model = u.depends_on.nodes[0];
    if (model && selected.has(model)) edges.set(model, [...(edges.get(model) ?? []), id]);
    if (model) unitTestsOf.set(model, [...(unitTestsOf.get(model) ?? []), id]);
  }
  // dbt runs a model's unit tests one after another and skips the rest after the first failure.
  for (const ids of unitTestsOf.values()) {
    ids.sort();
    for (let i = 1; i < ids.length; i++) edges.set(ids[i]!, [...(edges.get(ids[i]!) ?? []), ids[i - 1]!]);
  }
  for (const id of selected) {
    const n = inv.project.nodes[id];
    if (!n || n.resource_type === 'test' || !('depends_on' in n)) continue;
    // dbt gates a node on a test only when every node the test reads is upstream of it; a test
    // with one parent always is. The ancestor walk is costly on big projects: only for the others.
    let ancestors: Set<string> | undefined;
    const readsBelow = (parents: string[]) =>
      parents.length > 1 && parents.some((p) => !(ancestors ??= inv.graph.ancestors(id)).has(p));
    const waits: string[] = [];
    for (const parent of (n.depends_on as { nodes?: string[] }).nodes ?? []) {
      for (const test of testsOf.get(parent) ?? []) {
        const testParents =
          (inv.project.nodes[test]?.depends_on as { nodes?: string[] } | undefined)?.nodes ?? [];
        if (readsBelow(testParents)) continue;
        waits.push(test);
      }
    }
    if (waits.length) edges.set(id, [...(edges.get(id) ?? []), ...waits]);
  }
  return edges;
}

export async function writeArtifacts(
  inv: Invocation,
  results: readonly NodeResult[] | undefined,
  elapsed: number,
  command: string,
): Promise<void> {
  const env = inv.options.env ?? process.env;
  // A parse that changed nothing need not write the same 60 MB manifest again.
  const parseOnly = command === 'parse' && !results;
  if (parseOnly && inv.project.fromCache && manifestIsCurrent(inv.targetDir, env)) return;
  const mask = (text: string) => inv.masker.mask(text);
  const metadata = {
    invocationId: inv.invocationId,
    invocationStartedAt: inv.startedAt,
    generatedAt: new Date(),
  };
  const manifest = buildManifest({
    nodes: { ...inv.project.nodes, ...(hookNodes(inv) as unknown as typeof inv.project.nodes) },
    sources: inv.project.sources,
    macros: inv.project.macros,
    docs: inv.project.docs,
    exposures: inv.exposures,
    groups: inv.groups,
    unitTests: inv.unitTests,
    metrics: inv.metrics,
    semanticModels: inv.semanticModels,
    metadata: {
      ...metadata,
      projectName: inv.workspace.root.name,
      adapterType: inv.profile.type,
      runStartedAt: inv.startedAt,
    },
  });
  await writeManifest(inv.targetDir, manifest, { mask });
  if (parseOnly) recordManifestStamp(inv.targetDir, env, inv.project.fromCache ? undefined : inv.startedAt);
  if (results) {
    const runResults = buildRunResults({
      ...metadata,
      results: results.map(({ display: _d, ...r }) => r) as never,
      elapsedTime: elapsed,
      args: {
        which: command,
        threads: inv.threads,
        full_refresh: inv.options.fullRefresh ?? false,
        project_dir: inv.workspace.root.dir,
      },
    });
    await writeRunResults(inv.targetDir, runResults, { mask });
  }
}
