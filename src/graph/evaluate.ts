// Turning a selection spec into unique_ids over a graph: method search, `+`/`@` operators, set
// operations, and the indirect selection of tests next to selected nodes.

import type { Graph } from './dag.js';
import type { GraphWarning } from './errors.js';
import type { MethodContext } from './method-context.js';
import { searchMethod } from './methods.js';
import type { SelectionCriteria, SelectionGroup, SelectionSpec } from './selector-spec.js';
import { reachable } from './traversal.js';
import type { GraphNode, IndirectSelection } from './types.js';

interface Selected {
  /** Selected for certain. */
  direct: Set<string>;
  /** Tests waiting for their other parents (cautious/buildable modes). */
  indirect: Set<string>;
}

/** Tests and unit tests are the only nodes selected for being next to selected nodes. */
function canSelectIndirectly(node: GraphNode): boolean {
  return node.resource_type === 'test' || node.resource_type === 'unit_test';
}

function parentIds(node: GraphNode): string[] {
  return node.depends_on?.nodes ?? [];
}

function allIn(ids: readonly string[], set: ReadonlySet<string>): boolean {
  return ids.every((id) => set.has(id));
}

export class SpecEvaluator {
  readonly warnings: GraphWarning[] = [];
  private readonly graph: Graph;

  constructor(private readonly ctx: MethodContext) {
    this.graph = ctx.graph;
  }

  evaluate(spec: SelectionSpec): Selected {
    return spec.kind === 'criteria' ? this.evaluateCriteria(spec) : this.evaluateGroup(spec);
  }

  private evaluateGroup(spec: SelectionGroup): Selected {
    const parts = spec.components.map((c) => this.evaluate(c));
    const direct = combine(
      spec.kind,
      parts.map((p) => p.direct),
    );
    const indirect = combine(
      spec.kind,
      parts.map((p) => union([p.direct, p.indirect])),
    );
    const finalDirect = this.incorporateIndirect(direct, indirect, spec.indirectSelection);
    if (spec.expectExists && finalDirect.size === 0) {
      this.warnings.push({
        code: 'no-nodes-for-selection',
        message: `The selection criterion '${spec.raw}' does not match any enabled nodes`,
        selector: spec.raw,
      });
    }
    return { direct: finalDirect, indirect };
  }

  private evaluateCriteria(spec: SelectionCriteria): Selected {
    const collected = new Set(searchMethod(this.ctx, spec));
    const selected = new Set(collected);
    if (spec.childrensParents) {
      const withChildren = union([reachable(collected, this.graph.childrenOf), collected]);
      for (const id of withChildren) selected.add(id);
      for (const id of reachable(withChildren, this.graph.parentsOf)) selected.add(id);
    }
    if (spec.parents) {
      for (const id of reachable(collected, this.graph.parentsOf, spec.parentsDepth)) selected.add(id);
    }
    if (spec.children) {
      for (const id of reachable(collected, this.graph.childrenOf, spec.childrenDepth)) selected.add(id);
    }
    if (spec.indirectSelection === 'empty') return { direct: selected, indirect: new Set() };
    return this.expandToTests(selected, spec.indirectSelection);
  }

  /** Adds the tests on selected nodes, per mode; tests missing a parent wait in `indirect`. */
  private expandToTests(selected: Set<string>, mode: IndirectSelection): Selected {
    const direct = new Set(selected);
    const indirect = new Set<string>();
    const buildable = mode === 'buildable' ? this.withAncestorsAndSources(selected) : undefined;
    for (const id of selected) {
      for (const childId of this.graph.childrenOf(id)) {
        const child = this.graph.get(childId)!;
        if (!canSelectIndirectly(child) || direct.has(childId)) continue;
        const parents = parentIds(child);
        if (mode === 'eager' || allIn(parents, selected)) direct.add(childId);
        else if (buildable !== undefined && allIn(parents, buildable)) direct.add(childId);
        else indirect.add(childId);
      }
    }
    return { direct, indirect };
  }

  /** Cautious/buildable: tests whose parents all turned up across the combined selections. */
  private incorporateIndirect(
    direct: Set<string>,
    indirect: Set<string>,
    mode: IndirectSelection,
  ): Set<string> {
    if (mode !== 'cautious' && mode !== 'buildable') return direct;
    const selected = new Set(direct);
    const accepted = mode === 'buildable' ? union([direct, reachable(direct, this.graph.parentsOf)]) : direct;
    for (const id of indirect) {
      const node = this.graph.get(id);
      // dbt only reconsiders data tests here; a unit test has a single parent anyway.
      if (node === undefined || node.resource_type === 'unit_test') continue;
      if (allIn(parentIds(node), accepted)) selected.add(id);
    }
    return selected;
  }

  private withAncestorsAndSources(selected: Set<string>): Set<string> {
    const out = union([selected, reachable(selected, this.graph.parentsOf)]);
    for (const source of this.ctx.index.sources) out.add(source.unique_id);
    return out;
  }
}

function union(sets: readonly ReadonlySet<string>[]): Set<string> {
  const out = new Set<string>();
  for (const set of sets) for (const id of set) out.add(id);
  return out;
}

function combine(kind: SelectionGroup['kind'], sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  if (kind === 'union') return union(sets);
  const [first, ...rest] = sets;
  if (kind === 'intersection') {
    // Probe the smallest set against the others.
    const ordered = [...sets].sort((a, b) => a.size - b.size);
    const [smallest, ...others] = ordered;
    return new Set([...smallest!].filter((id) => others.every((s) => s.has(id))));
  }
  const removed = union(rest);
  return new Set([...first!].filter((id) => !removed.has(id)));
}
