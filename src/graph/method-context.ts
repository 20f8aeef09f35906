// What selection methods search over: the graph's members grouped the way dbt's manifest groups
// them (its `nodes` map, sources, exposures, …), computed once per graph.

import type { Graph } from './dag.js';
import type { GraphNode, ResultLookup, SourceStatusLookup, StateComparator } from './types.js';

/** Resource types that live in the manifest's `nodes` map. */
const PARSED_NODE_TYPES = new Set([
  'model',
  'seed',
  'snapshot',
  'analysis',
  'test',
  'operation',
  'sql_operation',
]);

/** Members grouped by how dbt's selector methods iterate them. */
export interface NodeIndex {
  all: GraphNode[];
  /** The manifest's `nodes` map: models, seeds, snapshots, tests, analyses, hooks. */
  parsed: GraphNode[];
  sources: GraphNode[];
  /** Everything but sources (the `fqn` method's search space). */
  nonSource: GraphNode[];
  /** `nodes` plus sources (the `config.X` method's search space). */
  configurable: GraphNode[];
  /** `nodes` plus metrics (the `group` method's search space). */
  groupable: GraphNode[];
  /** `nodes` plus unit tests (the `test_name`/`test_type` methods' search space). */
  parsedAndUnit: GraphNode[];
  byType: Map<string, GraphNode[]>;
  /** Per-member facts derived once (split fqn, folders), by unique_id. */
  facts: Map<string, NodeFacts>;
  /**
   * Files and folders known to exist in the root project (its members' files, YAML files and
   * their folders); undefined when the root project is unknown.
   */
  rootPaths: Set<string> | undefined;
}

/** What selection methods derive from a member, computed once per graph. */
export interface NodeFacts {
  /** The fqn with dotted segments split (`['pkg', 'a', 'b']` for `['pkg', 'a.b']`). */
  flatFqn: string[];
  /** Where the fqn without its package starts in `flatFqn`. */
  unscopedStart: number;
  /** `flatFqn` joined with dots, whole and without the package. */
  joinedFqn: string;
  joinedUnscoped: string;
  /** Folders enclosing `original_file_path`, innermost first, ending with `` (the project). */
  folders: string[];
  /** The YAML file of the patch path, if any. */
  patchFile: string | undefined;
}

function factsOf(node: GraphNode): NodeFacts {
  const flatFqn = node.fqn.flatMap((segment) => segment.split('.'));
  const unscopedStart = node.fqn.length > 0 ? node.fqn[0]!.split('.').length : 0;
  return {
    flatFqn,
    unscopedStart,
    joinedFqn: flatFqn.join('.'),
    joinedUnscoped: flatFqn.slice(unscopedStart).join('.'),
    folders: enclosingFolders(node.original_file_path),
    patchFile: patchFile(node),
  };
}

/** `models/a/b.sql` → `models/a`, `models`, `` (the project folder). */
export function enclosingFolders(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** The file of a `pkg://models/schema.yml` patch path. */
export function patchFile(node: GraphNode): string | undefined {
  return node.patch_path?.split('://')[1];
}

const indexes = new WeakMap<Graph, NodeIndex>();

export function isParsedNode(node: GraphNode): boolean {
  return PARSED_NODE_TYPES.has(node.resource_type);
}

export function nodeIndex(graph: Graph): NodeIndex {
  const cached = indexes.get(graph);
  if (cached) return cached;
  const index: NodeIndex = {
    all: [],
    parsed: [],
    sources: [],
    nonSource: [],
    configurable: [],
    groupable: [],
    parsedAndUnit: [],
    byType: new Map(),
    facts: new Map(),
    rootPaths: graph.projectName === undefined ? undefined : new Set(),
  };
  for (const node of graph.nodes.values()) {
    const type = node.resource_type;
    const parsed = PARSED_NODE_TYPES.has(type);
    index.all.push(node);
    if (parsed) index.parsed.push(node);
    if (type === 'source') index.sources.push(node);
    else index.nonSource.push(node);
    if (parsed || type === 'source') index.configurable.push(node);
    if (parsed || type === 'metric') index.groupable.push(node);
    if (parsed || type === 'unit_test') index.parsedAndUnit.push(node);
    let list = index.byType.get(type);
    if (list === undefined) index.byType.set(type, (list = []));
    list.push(node);
    const facts = factsOf(node);
    index.facts.set(node.unique_id, facts);
    if (index.rootPaths !== undefined && node.package_name === graph.projectName) {
      index.rootPaths.add(node.original_file_path);
      for (const folder of facts.folders) index.rootPaths.add(folder);
      if (facts.patchFile !== undefined) {
        index.rootPaths.add(facts.patchFile);
        for (const folder of enclosingFolders(facts.patchFile)) index.rootPaths.add(folder);
      }
    }
  }
  indexes.set(graph, index);
  return index;
}

/** Everything a method may consult besides the graph: callbacks for previous-run state. */
export interface MethodContext {
  graph: Graph;
  index: NodeIndex;
  projectName: string | undefined;
  state: StateComparator | undefined;
  results: ResultLookup | undefined;
  sourceStatus: SourceStatusLookup | undefined;
}
