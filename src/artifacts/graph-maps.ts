// The manifest's `parent_map`, `child_map` and `group_map`, computed from depends_on as dbt does:
// every node, source, exposure and unit test is a key of both maps; edge lists are sorted; a
// dependency on something not in the manifest appears among the parents but gets no child entry.

/** Anything with an id and (optionally) node dependencies. */
export interface EdgeMember {
  unique_id: string;
  depends_on?: { nodes?: string[]; macros?: string[] };
}

export interface ParentChildMaps {
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
}

function sortValues(map: Record<string, string[]>): Record<string, string[]> {
  for (const key of Object.keys(map)) map[key]!.sort();
  return map;
}

/** Parent and child maps over `members`, in member order, with sorted edge lists. */
export function buildParentChildMaps(members: Iterable<EdgeMember>): ParentChildMaps {
  const list = [...members];
  const parents: Record<string, string[]> = {};
  const children: Record<string, string[]> = {};
  for (const member of list) children[member.unique_id] = [];
  for (const member of list) {
    const dependsOn = member.depends_on?.nodes ?? [];
    parents[member.unique_id] = [...dependsOn];
    for (const parent of dependsOn) children[parent]?.push(member.unique_id);
  }
  return { parent_map: sortValues(parents), child_map: sortValues(children) };
}

/** Group name → ids of the nodes in it, every declared group present (possibly empty). */
export function buildGroupMap(
  groupNames: Iterable<string>,
  members: Iterable<{ unique_id: string; group?: string | null }>,
): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const name of groupNames) map[name] = [];
  for (const member of members) {
    if (member.group) map[member.group]?.push(member.unique_id);
  }
  return map;
}
