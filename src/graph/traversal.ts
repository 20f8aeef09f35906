// Breadth-first walks over an adjacency function. Shared by ancestors/descendants and by the
// `+`/`@` selection operators, which dbt defines as layer-by-layer walks with an optional depth.

export type Adjacency = (uniqueId: string) => readonly string[];

/**
 * Everything reachable from `start` in at most `maxDepth` steps (all steps when undefined).
 * A start node is only included when another start node reaches it, as dbt does for `+model`.
 */
export function reachable(start: Iterable<string>, next: Adjacency, maxDepth?: number): Set<string> {
  const seen = new Set<string>();
  let frontier = [...start];
  for (let depth = 0; frontier.length > 0 && (maxDepth === undefined || depth < maxDepth); depth++) {
    const layer: string[] = [];
    for (const id of frontier) {
      for (const neighbour of next(id)) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          layer.push(neighbour);
        }
      }
    }
    frontier = layer;
  }
  return seen;
}

/** A min-heap of strings, so topological ties are broken alphabetically and deterministically. */
export class StringHeap {
  private readonly items: string[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: string): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): string | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
