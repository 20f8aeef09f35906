// Cycle reporting. Kahn's algorithm tells us *that* some nodes are stuck; this file finds, for each
// strongly connected group of stuck nodes, one short cycle to show the user.

import type { Adjacency } from './traversal.js';

/**
 * One cycle per strongly connected component of `nodes` (Tarjan's algorithm, iterative so deep
 * graphs cannot overflow the stack). Each cycle starts and ends at the component's alphabetically
 * first member and follows dependency edges (parent to child): `[a, b, a]`.
 */
export function findCycles(nodes: Iterable<string>, children: Adjacency): string[][] {
  const members = new Set(nodes);
  const next = (id: string) => children(id).filter((c) => members.has(c));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of [...members].sort()) {
    if (index.has(root)) continue;
    const work: { id: string; edges: string[]; at: number }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: next(id), at: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.edges.length) {
        const child = frame.edges[frame.at++]!;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && next(frame.id).includes(frame.id);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }

  return components
    .map((component) => shortestCycle(component, next))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** The shortest way from the component's first member back to itself (breadth-first). */
function shortestCycle(component: string[], next: Adjacency): string[] {
  const inComponent = new Set(component);
  const start = [...component].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const child of next(id)) {
      if (!inComponent.has(child)) continue;
      if (child === start) {
        const path = [start];
        for (let at: string | undefined = id; at !== start && at !== undefined; at = cameFrom.get(at)) {
          path.push(at);
        }
        path.push(start);
        // The walk above collected the path backwards from the closing edge.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!cameFrom.has(child)) {
        cameFrom.set(child, id);
        queue.push(child);
      }
    }
  }
  return [start, start];
}
