/**
 * Executes selected nodes in DAG order on the warehouse, emitting events and collecting
 * dbt-shaped results. The command decides what is selected; this decides how it runs.
 */
import { join, relative } from 'node:path';
import { toDbtAdapterResponse } from '../adapters/index.js';
import { type CompilableNode, CompilerError } from '../compiler/index.js';
import { TemplateError } from '../jinja/index.js';
import type { EventBus, NodeInfo } from './events.js';
import { executeModel } from './execute-model.js';
import { executeSeed } from './execute-seed.js';
import { executeSnapshot } from './execute-snapshot.js';
import { executeTest } from './execute-test.js';
import { executeUnitTest, type FixtureSource } from './execute-unit-test.js';
import { isFailure, type NodeResult, type NodeStatus } from './results.js';
import type { RunState } from './run-state.js';
import { type ExternalOutcome, schedule, type ThreadPool, type WorkItem } from './scheduler.js';

/**
 * Nodes this run reads but another run builds at the same time (a mesh: upstream projects'
 * models). A node waits for them before it takes a thread and is skipped when they fail.
 */
export interface ExternalGate {
  /** Whether a dependency id is built by another run (and must be waited for). */
  isExternal(id: string): boolean;
  /** Settles when these ids (and whatever they stand for, e.g. their tests) are done. */
  wait(ids: readonly string[]): Promise<ExternalOutcome>;
}

export interface RunNodesOptions {
  state: RunState;
  nodes: Record<string, CompilableNode>;
  /** Selected ids in topological order. */
  order: readonly string[];
  /** Extra edges: id → ids it must wait for (build adds test → downstream edges). */
  extraDependencies?: ReadonlyMap<string, readonly string[]>;
  threads: number;
  events: EventBus;
  failFast?: boolean;
  /** Sources by unique_id (unit tests replace them with fixtures). */
  sources?: Record<string, FixtureSource>;
  /** Project root per package name (for seed CSV paths). */
  packageRoots: ReadonlyMap<string, string>;
  cancelled?: () => boolean;
  /** Dependencies on other runs going on at the same time (mesh). */
  external?: ExternalGate;
  /** Threads shared with other runs going on at the same time (mesh). */
  pool?: ThreadPool;
  /** Called with each node's result as soon as it is known (run or skipped). */
  onResult?: (id: string, result: NodeResult) => void;
}

export async function runNodes(options: RunNodesOptions): Promise<NodeResult[]> {
  const { state, nodes, events } = options;
  const runnable = options.order.filter((id) => {
    const n = nodes[id];
    return n && !(n.resource_type === 'model' && n.config.materialized === 'ephemeral');
  });
  const total = runnable.length;
  const position = new Map<string, number>();
  const selected = new Set(runnable);
  const items: WorkItem[] = runnable.map((id) => {
    const node = nodes[id]!;
    // A unit test runs before its model: it waits for the model's parents, not for the model.
    const own = (node.depends_on as { nodes?: string[] } | undefined)?.nodes ?? [];
    const scheduled =
      node.resource_type === 'unit_test'
        ? ((nodes[own[0]!]?.depends_on as { nodes?: string[] } | undefined)?.nodes ?? [])
        : own;
    const deps = scheduled.flatMap((d) => expandEphemeral(d, nodes));
    const extra = options.extraDependencies?.get(id) ?? [];
    const item: WorkItem = { id, dependsOn: [...deps, ...extra].filter((d) => selected.has(d)) };
    // A unit test reads fixtures, not its model's inputs: it need not wait for another run.
    if (options.external && node.resource_type !== 'unit_test') {
      const external = deps.filter((d) => options.external!.isExternal(d));
      if (external.length) item.external = [...new Set(external)];
    }
    return item;
  });
  const report = (id: string, r: NodeResult) => {
    options.onResult?.(id, r);
    return r;
  };
  let counter = 0;
  const results = await schedule<NodeResult>(items, {
    threads: options.threads,
    failFast: options.failFast,
    cancelled: options.cancelled,
    awaitExternal: options.external ? (ids) => options.external!.wait(ids) : undefined,
    pool: options.pool,
    failed: (r) => isFailure(r.status) || r.status === 'skipped',
    skip: (item, cause, external) => {
      const node = nodes[item.id]!;
      const result = report(item.id, skipped(node, external ? `skipped: ${cause}` : null));
      // Shown as it happens, as dbt prints `N of M SKIP relation …` in the run's order.
      events.emit({ type: 'node-finished', index: ++counter, total, node: nodeInfo(state, node), result });
      return result;
    },
    run: async (item, thread) => {
      const node = nodes[item.id]!;
      const info = nodeInfo(state, node);
      const index = ++counter;
      position.set(item.id, index);
      events.emit({ type: 'node-started', index, total, node: info });
      const result = report(item.id, await runOne(options, node, thread));
      events.emit({ type: 'node-finished', index, total, node: info, result });
      return result;
    },
  });
  await state.settle();
  const out: NodeResult[] = [];
  for (const id of runnable) {
    const r = results.get(id) ?? report(id, skipped(nodes[id]!));
    if (!results.has(id))
      events.emit({
        type: 'node-finished',
        index: ++counter,
        total,
        node: nodeInfo(state, nodes[id]!),
        result: r,
      });
    out.push(r);
  }
  return out;
}

function expandEphemeral(
  id: string,
  nodes: Record<string, CompilableNode>,
  seen = new Set<string>(),
): string[] {
  const n = nodes[id];
  if (n?.config.materialized !== 'ephemeral' || seen.has(id)) return [id];
  seen.add(id);
  return ((n.depends_on as { nodes?: string[] } | undefined)?.nodes ?? []).flatMap((d) =>
    expandEphemeral(d, nodes, seen),
  );
}

async function runOne(options: RunNodesOptions, node: CompilableNode, thread: number): Promise<NodeResult> {
  const { state } = options;
  const compileStart = new Date();
  const started = performance.now();
  let compiledCode: string | null = null;
  let compiledAt = compileStart;
  const onCompiled = (sql: string) => {
    compiledCode = sql;
    compiledAt = new Date();
    state.writeLater('compiled', node.package_name, compiledPath(node), sql);
  };
  const base = {
    unique_id: node.unique_id,
    thread_id: `Thread-${thread} (worker)`,
    compiled: false,
    relation_name: (node.relation_name as string | null | undefined) ?? null,
  };
  const finish = (
    status: NodeStatus,
    message: string | null,
    extra: Partial<NodeResult> = {},
  ): NodeResult => {
    const end = new Date();
    return {
      ...base,
      status,
      message,
      failures: null,
      adapter_response: {},
      compiled: compiledCode !== null,
      compiled_code: compiledCode,
      execution_time: (performance.now() - started) / 1000,
      timing: [
        { name: 'compile', started_at: compileStart.toISOString(), completed_at: compiledAt.toISOString() },
        { name: 'execute', started_at: compiledAt.toISOString(), completed_at: end.toISOString() },
      ],
      ...extra,
    };
  };
  try {
    switch (node.resource_type) {
      case 'model': {
        const m = await executeModel(state, node, onCompiled);
        state.writeLater('run', node.package_name, compiledPath(node), `${m.statements.join(';\n\n')};\n`);
        return finish('success', m.message, {
          adapter_response: m.response
            ? toDbtAdapterResponse(m.response)
            : {
                _message: m.message,
                ...(m.rowsAffected !== undefined ? { rows_affected: m.rowsAffected } : {}),
              },
          display: { kind: m.kind, relation: m.relation.render() },
        });
      }
      case 'snapshot': {
        const snap = await executeSnapshot(state, node, onCompiled);
        state.writeLater('run', node.package_name, compiledPath(node), `${snap.statements.join(';\n\n')};\n`);
        return finish('success', snap.message, {
          adapter_response: { _message: snap.message },
          display: { kind: 'snapshot' },
        });
      }
      case 'unit_test': {
        const u = await executeUnitTest(
          state,
          node as never,
          options.nodes,
          options.sources ?? {},
          options.packageRoots.get(node.package_name) ?? '.',
          onCompiled,
        );
        return finish(u.status, u.message, { failures: u.failures, adapter_response: { _message: 'OK' } });
      }
      case 'seed': {
        const s = await executeSeed(state, node, options.packageRoots.get(node.package_name) ?? '.');
        return finish('success', `${s.code} ${s.rows}`, {
          adapter_response: { _message: `${s.code} ${s.rows}`, code: s.code, rows_affected: s.rows },
          display: { kind: 'seed', detail: `${s.code} ${s.rows}` },
        });
      }
      case 'test': {
        const t = await executeTest(state, node, onCompiled);
        const where = relative(
          process.cwd(),
          join(state.targetDir, 'compiled', node.package_name, compiledPath(node)),
        );
        return finish(t.status, t.message, {
          failures: t.failures,
          adapter_response: { _message: 'OK' },
          display: { kind: 'test', detail: where, label: `test ${node.name} (${node.original_file_path})` },
        });
      }
      default:
        return finish('skipped', `nothing to run for ${node.resource_type}`);
    }
  } catch (err) {
    return finish(node.resource_type === 'test' ? 'error' : 'error', errorMessage(err, node));
  }
}

/** One line naming the node, as dbt's "Runtime Error in model x (path)" / "Compilation Error…". */
export function errorMessage(err: unknown, node: CompilableNode): string {
  const where = `${node.resource_type} ${node.name} (${node.original_file_path})`;
  if (err instanceof TemplateError) return `Compilation Error in ${where}\n  ${err.format()}`;
  if (err instanceof CompilerError)
    return err.message.startsWith('Compilation Error')
      ? err.message
      : `Compilation Error in ${where}\n  ${err.message}`;
  const msg = err instanceof Error ? err.message : String(err);
  if (process.env.TESSERA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return `Runtime Error in ${where}\n  ${msg}`;
}

function skipped(node: CompilableNode, message: string | null = null): NodeResult {
  const now = new Date().toISOString();
  return {
    unique_id: node.unique_id,
    status: 'skipped',
    timing: [],
    thread_id: 'Thread-0 (worker)',
    execution_time: 0,
    adapter_response: {},
    message,
    failures: null,
    compiled: false,
    compiled_code: null,
    relation_name: (node.relation_name as string | null | undefined) ?? null,
    display: { kind: 'skip', detail: now },
  };
}

export function nodeInfo(state: RunState, node: CompilableNode): NodeInfo {
  const rel = node.resource_type === 'test' ? node.name : `${node.schema}.${node.alias ?? node.name}`;
  let description: string;
  switch (node.resource_type) {
    case 'model':
      description = `sql ${String(node.config.materialized ?? 'view')} model ${rel}`;
      break;
    case 'seed':
      description = `seed file ${rel}`;
      break;
    case 'test':
      description = `test ${node.name}`;
      break;
    case 'unit_test':
      description = `unit_test ${String(node.model)}::${node.name}`;
      break;
    case 'snapshot':
      description = `snapshot ${rel}`;
      break;
    default:
      description = `${node.resource_type} ${node.name}`;
  }
  void state;
  return { unique_id: node.unique_id, name: node.name, resource_type: node.resource_type, description };
}

/** Where dbt writes a node's SQL under target/compiled/<package>/: generic tests go below their YAML file. */
export function compiledPath(node: CompilableNode): string {
  const original = String(node.original_file_path);
  if (node.test_metadata) return `${original}/${String(node.path)}`;
  // A snapshot file may define several snapshots: one file each below it.
  return node.resource_type === 'snapshot' ? `${original}/${node.name}.sql` : original;
}
