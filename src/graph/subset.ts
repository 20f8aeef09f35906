// The selection as a schedule: which selected nodes must finish before each selected node.

import type { Graph } from './dag.js';

/**
 * For each selected node, the selected nodes it waits for: direct parents, and selected nodes
 * reached through unselected ones (as dbt keeps transitive edges when it cuts the graph down to
 * the selection). Keys and lists follow the graph's topological order.
 */
export function selectedDependencies(graph: Graph, selected: ReadonlySet<string>): Map<string, string[]> {
  // Parents come first in topological order, so one pass fills in what each node sees upstream.
  const upstream = new Map<string, ReadonlySet<string>>();
  const out = new Map<string, string[]>();
  for (const id of graph.topologicalOrder()) {
    const seen = new Set<string>();
    for (const parent of graph.parentsOf(id)) {
      if (selected.has(parent)) seen.add(parent);
      else for (const above of upstream.get(parent) ?? []) seen.add(above);
    }
    if (selected.has(id)) out.set(id, graph.sortTopologically(seen));
    else upstream.set(id, seen);
  }
  return out;
}
