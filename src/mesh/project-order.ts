/**
 * The project-level graph of a mesh: an edge from each upstream project to the projects that
 * read from it. Projects are built in topological order; a cycle is an error that prints it.
 */
import type { MeshProblem } from './problems.js';
import type { MeshProject, MeshResult, MeshWorkspace } from './workspace.js';

/** `from` is read by `to`. `external` when `from` is not a project of this workspace. */
export interface ProjectEdge {
  from: string;
  to: string;
  external: boolean;
}

export function projectEdges(ws: MeshWorkspace): ProjectEdge[] {
  const names = new Set(ws.projects.map((p) => p.name));
  return ws.projects.flatMap((p) =>
    p.upstream.map((u) => ({ from: u.name, to: p.name, external: !names.has(u.name) })),
  );
}

/**
 * Projects in dependency order (upstream first, otherwise in mesh.yml order), or the cycle
 * (`a -> b -> a`) when there is one.
 */
export function orderProjects(ws: MeshWorkspace): MeshResult<MeshProject[]> {
  const byName = new Map(ws.projects.map((p) => [p.name, p]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: MeshProject[] = [];
  const stack: string[] = [];
  const visit = (p: MeshProject): MeshProblem | undefined => {
    const s = state.get(p.name);
    if (s === 'done') return undefined;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(p.name)), p.name];
      return {
        code: 'E_MESH_CYCLE',
        message: `projects depend on each other in a cycle: ${cycle.join(' -> ')} (see projects: in their dependencies.yml)`,
        file: p.upstream[0]?.file,
        line: p.upstream[0]?.line,
        column: p.upstream[0]?.column,
      };
    }
    state.set(p.name, 'visiting');
    stack.push(p.name);
    for (const u of p.upstream) {
      const up = byName.get(u.name);
      if (!up) continue;
      const problem = visit(up);
      if (problem) return problem;
    }
    stack.pop();
    state.set(p.name, 'done');
    order.push(p);
    return undefined;
  };
  for (const p of ws.projects) {
    const problem = visit(p);
    if (problem) return { ok: false, errors: [problem] };
  }
  return { ok: true, value: order };
}

/** `name` and every workspace project downstream of it (that reads from it, directly or not). */
export function downstreamOf(ws: MeshWorkspace, name: string): Set<string> {
  const out = new Set<string>([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of ws.projects)
      if (!out.has(p.name) && p.upstream.some((u) => out.has(u.name))) {
        out.add(p.name);
        grew = true;
      }
  }
  return out;
}
