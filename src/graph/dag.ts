// The DAG of every enabled graph member: parents/children maps, topological order, traversals.

import { findCycles } from './cycles.js';
import { GraphError, type GraphResult } from './errors.js';
import { reachable, StringHeap } from './traversal.js';
import type { GraphInput, GraphNode, ManifestLike } from './types.js';

const MANIFEST_MAPS = [
  'nodes',
  'sources',
  'exposures',
  'unit_tests',
  'metrics',
  'semantic_models',
  'saved_queries',
  'functions',
] as const;

const NO_IDS: readonly string[] = Object.freeze([]);

/** Exposures are always members; everything else only while `config.enabled` is not false. */
export function isEnabled(node: GraphNode): boolean {
  return node.resource_type === 'exposure' || node.config?.enabled !== false;
}

/** An immutable DAG, built once by `buildGraph`; all lookups are map reads. */
export class Graph {
  /** Enabled members by unique_id, in input order. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Members left out because `config.enabled` is false (dbt keeps them out of the graph too). */
  readonly disabled: ReadonlyMap<string, GraphNode>;
  /** The root project's name, for `package:this`. */
  readonly projectName: string | undefined;
  private readonly parents: Map<string, string[]>;
  private readonly children: Map<string, string[]>;
  private readonly order: string[];
  private readonly rank: Map<string, number>;

  constructor(init: {
    nodes: Map<string, GraphNode>;
    disabled: Map<string, GraphNode>;
    parents: Map<string, string[]>;
    children: Map<string, string[]>;
    order: string[];
    projectName: string | undefined;
  }) {
    this.nodes = init.nodes;
    this.disabled = init.disabled;
    this.parents = init.parents;
    this.children = init.children;
    this.order = init.order;
    this.projectName = init.projectName;
    this.rank = new Map(init.order.map((id, i) => [id, i]));
  }

  get(uniqueId: string): GraphNode | undefined {
    return this.nodes.get(uniqueId);
  }

  has(uniqueId: string): boolean {
    return this.nodes.has(uniqueId);
  }

  /** Direct parents (what the node depends on), sorted. */
  parentsOf = (uniqueId: string): readonly string[] => this.parents.get(uniqueId) ?? NO_IDS;

  /** Direct children (what depends on the node), sorted. */
  childrenOf = (uniqueId: string): readonly string[] => this.children.get(uniqueId) ?? NO_IDS;

  /** Every member, parents before children; ties in alphabetical order of unique_id. */
  topologicalOrder(): readonly string[] {
    return this.order;
  }

  /** The given ids in topological order (unknown ids are dropped). */
  sortTopologically(ids: Iterable<string>): string[] {
    const wanted = ids instanceof Set ? (ids as ReadonlySet<string>) : new Set(ids);
    // A large share of the graph: one pass over the order beats sorting.
    if (wanted.size * 16 > this.order.length) return this.order.filter((id) => wanted.has(id));
    const known = [...wanted].filter((id) => this.rank.has(id));
    return known.sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
  }

  /** Nodes upstream of `uniqueId`, at most `depth` edges away (all when undefined). */
  ancestors(uniqueId: string, depth?: number): Set<string> {
    return reachable([uniqueId], this.parentsOf, depth);
  }

  /** Nodes downstream of `uniqueId`, at most `depth` edges away (all when undefined). */
  descendants(uniqueId: string, depth?: number): Set<string> {
    return reachable([uniqueId], this.childrenOf, depth);
  }

  /** The manifest's `parent_map`: every member a key, its parents sorted. */
  parentMap(): Record<string, string[]> {
    return this.asRecord(this.parents);
  }

  /** The manifest's `child_map`: every member a key, its children sorted. */
  childMap(): Record<string, string[]> {
    return this.asRecord(this.children);
  }

  private asRecord(edges: Map<string, string[]>): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const id of [...this.nodes.keys()].sort()) out[id] = [...(edges.get(id) ?? NO_IDS)];
    return out;
  }
}

function isManifestLike(input: GraphInput): input is ManifestLike {
  return typeof (input as Iterable<GraphNode>)[Symbol.iterator] !== 'function';
}

function membersOf(input: GraphInput): { members: GraphNode[]; projectName: string | undefined } {
  if (!isManifestLike(input)) return { members: [...input], projectName: undefined };
  const members: GraphNode[] = [];
  for (const key of MANIFEST_MAPS) members.push(...Object.values(input[key] ?? {}));
  return { members, projectName: input.metadata?.project_name ?? undefined };
}

/**
 * Builds the DAG from graph members: nodes, sources, exposures, unit tests, … Edges come from each
 * member's `depends_on.nodes`. Fails with `cycle` errors naming the cycle's path, and with
 * `dependency-not-found` when a member depends on something missing or disabled.
 */
export function buildGraph(input: GraphInput, options: { projectName?: string } = {}): GraphResult<Graph> {
  const { members, projectName } = membersOf(input);
  const errors: GraphError[] = [];
  const nodes = new Map<string, GraphNode>();
  const disabled = new Map<string, GraphNode>();
  for (const node of members) {
    if (nodes.has(node.unique_id) || disabled.has(node.unique_id)) {
      errors.push(
        new GraphError('duplicate-node', `Found two resources with the unique id '${node.unique_id}'`),
      );
      continue;
    }
    (isEnabled(node) ? nodes : disabled).set(node.unique_id, node);
  }

  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const id of nodes.keys()) children.set(id, []);
  for (const [id, node] of nodes) {
    const deps = [...new Set(node.depends_on?.nodes ?? [])].sort();
    const known: string[] = [];
    for (const dep of deps) {
      if (nodes.has(dep)) {
        known.push(dep);
        children.get(dep)!.push(id);
        continue;
      }
      const why = disabled.has(dep) ? 'which is disabled' : 'which was not found';
      errors.push(
        new GraphError('dependency-not-found', `'${id}' depends on '${dep}' ${why}`, {
          file: node.original_file_path,
        }),
      );
    }
    parents.set(id, known);
  }
  for (const list of children.values()) list.sort();

  const order = topologicalSort(nodes.keys(), parents, children);
  if (order.length < nodes.size) {
    const placed = new Set(order);
    const stuck = [...nodes.keys()].filter((id) => !placed.has(id));
    for (const cycle of findCycles(stuck, (id) => children.get(id) ?? NO_IDS)) {
      const path = cycle.join(' -> ');
      errors.push(
        new GraphError('cycle', `Found a cycle: ${path}`, {
          selector: path,
          file: nodes.get(cycle[0]!)?.original_file_path,
        }),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const graph = new Graph({
    nodes,
    disabled,
    parents,
    children,
    order,
    projectName: options.projectName ?? projectName,
  });
  return { ok: true, value: graph };
}

/** Kahn's algorithm; nodes on a cycle never reach in-degree zero and are left out. */
function topologicalSort(
  ids: Iterable<string>,
  parents: Map<string, string[]>,
  children: Map<string, string[]>,
): string[] {
  const waiting = new Map<string, number>();
  const ready = new StringHeap();
  for (const id of ids) {
    const count = parents.get(id)?.length ?? 0;
    waiting.set(id, count);
    if (count === 0) ready.push(id);
  }
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    for (const child of children.get(id) ?? NO_IDS) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return order;
}
