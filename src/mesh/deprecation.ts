/** Warnings for whoever references a model version that is, or will be, deprecated. */
import type { ManifestNode } from '../parser/index.js';

interface Dated {
  unique_id: string;
  name: string;
  version?: string | number | null;
  deprecation_date?: string | null;
  depends_on?: { nodes?: string[] };
  resource_type: string;
}

export function deprecationWarnings(nodes: Record<string, ManifestNode>, today = new Date()): string[] {
  const all = nodes as unknown as Record<string, Dated>;
  const out: string[] = [];
  for (const node of Object.values(all)) {
    if (node.resource_type === 'test') continue;
    for (const id of node.depends_on?.nodes ?? []) {
      const target = all[id];
      if (!target?.deprecation_date) continue;
      const when = new Date(target.deprecation_date);
      const label = `${target.name}${target.version !== null && target.version !== undefined ? ` v${target.version}` : ''}`;
      out.push(
        when <= today
          ? `${node.unique_id} references ${label}, deprecated since ${target.deprecation_date}: move to the latest version`
          : `${node.unique_id} references ${label}, which will be deprecated on ${target.deprecation_date}`,
      );
    }
  }
  return out;
}
