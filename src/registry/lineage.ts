/**
 * Lineage across domains from the latest publications. A publication says which of its models
 * read which products of other projects (`consumes`), so model-level edges run from a product to
 * the consuming model; project-level edges from producer project to consumer project. (Edges
 * inside a project are not published, so a product's upstream falls back to what its project
 * consumes, marked `direct: false`.)
 */
import type { StoredPublication } from './store/index.js';

export interface LineageNode {
  id: string;
  label: string;
  domain: string | null;
  kind: 'project' | 'product' | 'model';
  project: string;
}

export interface LineageEdge {
  from: string;
  to: string;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

export interface LinkedModel {
  id: string;
  project: string;
  name: string;
  domain: string | null;
  kind: LineageNode['kind'];
  direct: boolean;
}

/** `model.<project>.<name>[.v<version>]` → the model's name. */
function modelName(uniqueId: string, project: string): string {
  const prefix = `model.${project}.`;
  const rest = uniqueId.startsWith(prefix)
    ? uniqueId.slice(prefix.length)
    : (uniqueId.split('.').pop() ?? uniqueId);
  return rest.replace(/\.v[^.]+$/, '');
}

export function projectGraph(latest: readonly StoredPublication[]): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const domainOf = new Map(latest.map((s) => [s.project, s.domain]));
  const add = (project: string) => {
    if (!nodes.has(project))
      nodes.set(project, {
        id: project,
        label: project,
        domain: domainOf.get(project) ?? null,
        kind: 'project',
        project,
      });
  };
  for (const stored of latest) {
    add(stored.project);
    for (const consumed of stored.publication.consumes) {
      add(consumed.project);
      edges.set(`${consumed.project}>${stored.project}`, { from: consumed.project, to: stored.project });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function modelGraph(latest: readonly StoredPublication[]): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const domainOf = new Map(latest.map((s) => [s.project, s.domain]));
  const add = (project: string, name: string, kind: LineageNode['kind']) => {
    const id = `${project}.${name}`;
    const known = nodes.get(id);
    if (!known || (known.kind === 'model' && kind === 'product'))
      nodes.set(id, { id, label: name, domain: domainOf.get(project) ?? null, kind, project });
    return id;
  };
  for (const stored of latest)
    for (const p of stored.publication.products) add(stored.project, p.name, 'product');
  for (const stored of latest)
    for (const consumed of stored.publication.consumes) {
      const from = add(
        consumed.project,
        consumed.name,
        nodes.has(`${consumed.project}.${consumed.name}`) ? 'product' : 'model',
      );
      for (const consumer of consumed.consumers) {
        const to = add(stored.project, modelName(consumer, stored.project), 'model');
        edges.set(`${from}>${to}`, { from, to });
      }
    }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The part of `graph` within `depth` steps upstream or downstream of `focus` (undefined: no such node). */
export function focusGraph(
  graph: LineageGraph,
  focus: string,
  depth = Number.POSITIVE_INFINITY,
): LineageGraph | undefined {
  if (!graph.nodes.some((n) => n.id === focus)) return undefined;
  const keep = new Set([focus]);
  for (const direction of ['up', 'down'] as const) {
    let frontier = [focus];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const id of frontier)
        for (const e of graph.edges) {
          const other =
            direction === 'up' ? (e.to === id ? e.from : undefined) : e.from === id ? e.to : undefined;
          if (other !== undefined && !keep.has(other)) {
            keep.add(other);
            next.push(other);
          }
        }
      frontier = next;
    }
  }
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

export function productLineage(latest: readonly StoredPublication[], project: string, name: string) {
  const graph = modelGraph(latest);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const id = `${project}.${name}`;
  const linked = (nodeId: string, direct: boolean): LinkedModel => {
    const n = byId.get(nodeId)!;
    return { id: n.id, project: n.project, name: n.label, domain: n.domain, kind: n.kind, direct };
  };
  let upstream = graph.edges.filter((e) => e.to === id).map((e) => linked(e.from, true));
  if (upstream.length === 0) {
    const own = latest.find((s) => s.project === project);
    const ids = new Set((own?.publication.consumes ?? []).map((c) => `${c.project}.${c.name}`));
    upstream = [...ids].filter((u) => byId.has(u)).map((u) => linked(u, false));
  }
  const downstream = graph.edges.filter((e) => e.from === id).map((e) => linked(e.to, true));
  const consumers = latest.flatMap((stored) =>
    stored.publication.consumes
      .filter((c) => c.project === project && c.name === name)
      .map((c) => ({
        project: stored.project,
        domain: stored.domain,
        models: c.consumers.map((u) => modelName(u, stored.project)),
      })),
  );
  return { upstream, downstream, consumers };
}
