/**
 * Turns a mesh selection into each project's own dbt selection, in build order. A trailing `+`
 * crosses projects: the nodes it selected are remembered, and in every project that reads one of
 * them (through its published product), that product's readers and their descendants are selected
 * too, and cross on in turn.
 */
import { descendants } from '../graph/index.js';
import {
  type MeshProject,
  type MeshSelection,
  type MeshWorkspace,
  type Publication,
  parseMeshSelection,
} from '../mesh/index.js';
import { CommandError } from './errors.js';
import type { Invocation } from './invocation.js';
import { type MeshProjectOptions, openMeshProject } from './mesh-command.js';
import { folderSource } from './mesh-sources.js';
import { candidatePublication } from './publish-command.js';
import { selectFor } from './selection.js';

/** What one project runs: `all`, nothing, or these dbt selector terms. */
export type ProjectSelection = { kind: 'all' } | { kind: 'none' } | { kind: 'some'; select: string[] };

export class MeshSelector {
  /** unique_ids selected by a crossing term, in any project so far. */
  private readonly crossed = new Set<string>();

  constructor(private readonly selection: MeshSelection | undefined) {}

  /** Whether the project may have anything selected, without opening it. */
  mayTouch(project: MeshProject): boolean {
    const s = this.selection;
    if (!s) return true;
    if (s.whole.has(project.name) || s.scoped.has(project.name) || s.everywhere.length) return true;
    return this.crossed.size > 0 && project.upstream.length > 0;
  }

  /** The project's selection; call once per project, upstream projects first. */
  forProject(inv: Invocation, command: string): ProjectSelection {
    const s = this.selection;
    if (!s) return { kind: 'all' };
    const name = inv.workspace.root.name;
    const own = (id: string) => inv.project.nodes[id]?.package_name === name;
    const crossing = [...(s.crossing.get(name) ?? [])];
    const terms = [...s.everywhere, ...(s.scoped.get(name) ?? [])];
    // Readers of products selected upstream by a crossing term, and everything after them.
    const reached = new Set<string>();
    for (const id of this.crossed)
      if (inv.graph.nodes.has(id)) for (const d of descendants(inv.graph, id)) if (own(d)) reached.add(d);
    for (const id of reached) {
      const fqn = (inv.project.nodes[id]?.fqn ?? []).join('.');
      if (fqn) {
        terms.push(`fqn:${fqn}`);
        crossing.push(`fqn:${fqn}`);
      }
    }
    if (crossing.length)
      for (const id of selectFor(inv, command, { select: crossing }).selected) this.crossed.add(id);
    if (s.whole.has(name)) return { kind: 'all' };
    return terms.length ? { kind: 'some', select: terms } : { kind: 'none' };
  }
}

/** The nodes a mesh selection picks, project by project in build order (`mesh ls --select`). */
export async function meshSelectedNodes(
  ws: MeshWorkspace,
  order: readonly MeshProject[],
  select: readonly string[],
  options: MeshProjectOptions,
): Promise<{ project: string; nodes: string[] }[]> {
  const parsed = select.length ? parseMeshSelection(select, ws) : undefined;
  if (parsed && !parsed.ok) throw new CommandError(parsed.errors);
  const selector = new MeshSelector(parsed?.value);
  const out: { project: string; nodes: string[] }[] = [];
  // A project never published yet still lists: its consumers read what it would publish.
  const source = options.publications ?? folderSource(ws.publicationsDir);
  const candidates = new Map<string, Publication>();
  for (const project of order) {
    const published = await source.read(project.name);
    // Untouched projects are opened only when unpublished, for the candidate their consumers read.
    if (!selector.mayTouch(project) && published.ok) continue;
    const inv = await openMeshProject(ws, project, { ...options, candidates });
    candidates.set(
      project.name,
      published.ok ? published.publication : candidatePublication(inv, [], undefined),
    );
    if (!selector.mayTouch(project)) continue;
    const selection = selector.forProject(inv, 'build');
    if (selection.kind === 'none') continue;
    const select = selection.kind === 'some' ? selection.select : undefined;
    out.push({ project: project.name, nodes: [...selectFor(inv, 'build', { select }).selected] });
  }
  return out;
}
