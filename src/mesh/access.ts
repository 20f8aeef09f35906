/**
 * Model governance inside a project (dbt 1.6+): a `private` model may be referenced only from its
 * own group, a `protected` one only from its own package (unless that package restricts access,
 * packages may reference each other's protected models as dbt allows), a `public` one from
 * anywhere. Checked after parsing, so a forbidden ref fails before anything runs. Across projects
 * of a mesh only `public` models may be referenced, whatever their group.
 */
import type { ManifestNode } from '../parser/index.js';

export interface AccessViolation {
  message: string;
  code: 'E_ACCESS' | 'E_GROUP';
  file: string;
}

interface GovernedNode {
  unique_id: string;
  resource_type: string;
  package_name: string;
  original_file_path: string;
  group?: string | null;
  access?: string;
  config: Record<string, unknown>;
  depends_on?: { nodes?: string[] };
}

export interface AccessCheckInput {
  nodes: Record<string, ManifestNode>;
  /** Group names defined in properties YAML, by package. */
  groups: ReadonlySet<string>;
  /** Packages whose dbt_project.yml sets `restrict-access: true`. */
  restrictedPackages: ReadonlySet<string>;
  /** Upstream mesh projects whose published models were added as external nodes. */
  externalProjects?: ReadonlySet<string>;
}

const REFERENCING_TYPES = new Set(['model', 'snapshot', 'analysis']);

export function checkAccess(input: AccessCheckInput): AccessViolation[] {
  const out: AccessViolation[] = [];
  const nodes = input.nodes as unknown as Record<string, GovernedNode>;
  const external = input.externalProjects ?? new Set<string>();
  for (const node of Object.values(nodes)) {
    // An upstream project's groups are defined in that project, not here.
    if (external.has(node.package_name)) continue;
    const group = groupOf(node);
    if (group && !input.groups.has(group))
      out.push({
        code: 'E_GROUP',
        file: node.original_file_path,
        message: `${node.unique_id} is in group '${group}', which is not defined (define it under groups: in a properties YAML file${input.groups.size ? `; known groups: ${[...input.groups].sort().join(', ')}` : ''})`,
      });
    if (node.resource_type === 'model' && accessOf(node) === 'private' && !group)
      out.push({
        code: 'E_GROUP',
        file: node.original_file_path,
        message: `${node.unique_id} has access 'private' but belongs to no group: a private model must be in a group`,
      });
  }
  for (const node of Object.values(nodes)) {
    if (!REFERENCING_TYPES.has(node.resource_type)) continue;
    for (const id of node.depends_on?.nodes ?? []) {
      const target = nodes[id];
      if (target?.resource_type !== 'model') continue;
      const access = accessOf(target);
      const targetGroup = groupOf(target);
      let allowed = true;
      let why = '';
      if (external.has(target.package_name) && node.package_name !== target.package_name) {
        allowed = access === 'public';
        why = `only public models of project '${target.package_name}' may be referenced from project '${node.package_name}'`;
      } else if (access === 'private' && groupOf(node) !== targetGroup) {
        allowed = false;
        why = `it is private to the '${targetGroup ?? '(none)'}' group and ${node.unique_id} is ${groupOf(node) ? `in group '${groupOf(node)}'` : 'in no group'}`;
      } else if (
        access === 'protected' &&
        node.package_name !== target.package_name &&
        input.restrictedPackages.has(target.package_name)
      ) {
        allowed = false;
        why = `it is protected: only package '${target.package_name}' may reference it`;
      }
      if (!allowed)
        out.push({
          code: 'E_ACCESS',
          file: node.original_file_path,
          message: `${node.unique_id} may not reference ${target.unique_id} (access: ${access}, group: ${targetGroup ?? 'none'}): ${why}`,
        });
    }
  }
  return out;
}

function accessOf(node: GovernedNode): string {
  return String(node.config.access ?? node.access ?? 'protected');
}

function groupOf(node: GovernedNode): string | undefined {
  const g = node.config.group ?? node.group;
  return typeof g === 'string' && g !== '' ? g : undefined;
}
