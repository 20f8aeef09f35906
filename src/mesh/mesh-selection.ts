/**
 * Selection across the projects of a mesh: `orders:fct_orders+` (a dbt selector scoped to one
 * project; a trailing `+` carries on into the projects that read what it selects),
 * `project:orders` (a whole project; `project:orders+` with every project downstream of it,
 * `+project:orders` with every project upstream), and plain dbt selectors, which apply in every
 * project.
 */
import type { MeshProblem } from './problems.js';
import { downstreamOf } from './project-order.js';
import type { MeshResult, MeshWorkspace } from './workspace.js';

export interface MeshSelection {
  /** Projects selected whole. */
  whole: Set<string>;
  /** dbt selector terms scoped to one project, by project. */
  scoped: Map<string, string[]>;
  /** The subset of `scoped` whose trailing `+` crosses into downstream projects. */
  crossing: Map<string, string[]>;
  /** Terms without a project: they select in every project. */
  everywhere: string[];
}

const PROJECT_TERM = /^(\+?)project:([A-Za-z_][A-Za-z0-9_]*)(\+?)$/;

/** Reads `--select` terms (space-separated within one flag value as in dbt). */
export function parseMeshSelection(terms: readonly string[], ws: MeshWorkspace): MeshResult<MeshSelection> {
  const names = new Set(ws.projects.map((p) => p.name));
  const selection: MeshSelection = {
    whole: new Set(),
    scoped: new Map(),
    crossing: new Map(),
    everywhere: [],
  };
  const errors: MeshProblem[] = [];
  const unknown = (name: string, term: string) =>
    errors.push({
      code: 'E_MESH_SELECT',
      message: `--select '${term}': no project named '${name}' in ${ws.file} (projects: ${[...names].join(', ')})`,
    });
  const add = (map: Map<string, string[]>, key: string, value: string) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  for (const term of terms.flatMap((t) => t.split(/\s+/)).filter(Boolean)) {
    const whole = PROJECT_TERM.exec(term);
    if (whole) {
      const [, up, name, down] = whole as unknown as [string, string, string, string];
      if (!names.has(name)) {
        unknown(name, term);
        continue;
      }
      selection.whole.add(name);
      if (down) for (const d of downstreamOf(ws, name)) selection.whole.add(d);
      if (up) for (const u of upstreamOf(ws, name)) selection.whole.add(u);
      continue;
    }
    const colon = term.indexOf(':');
    const prefix = colon > 0 ? term.slice(0, colon).replace(/^\+/, '') : '';
    if (prefix && names.has(prefix)) {
      // `+orders:x` keeps the ancestors inside the project: `+x` there.
      const scoped = `${term.startsWith('+') ? '+' : ''}${term.slice(colon + 1)}`;
      add(selection.scoped, prefix, scoped);
      if (/\+\d*$/.test(scoped)) add(selection.crossing, prefix, scoped);
    } else if (prefix === 'project') unknown(term.slice(colon + 1).replace(/\+$/, ''), term);
    else selection.everywhere.push(term);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: selection };
}

/** Projects `name` reads from, directly or not (without `name`). */
function upstreamOf(ws: MeshWorkspace, name: string): Set<string> {
  const out = new Set<string>();
  const visit = (n: string) => {
    for (const u of ws.projects.find((p) => p.name === n)?.upstream ?? [])
      if (!out.has(u.name)) {
        out.add(u.name);
        visit(u.name);
      }
  };
  visit(name);
  return out;
}
