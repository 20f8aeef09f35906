// Public face of the graph layer: the DAG of a project's resources and dbt's node selection.

export { buildGraph, Graph, isEnabled } from './dag.js';
export {
  GraphError,
  type GraphErrorCode,
  type GraphErrorLocation,
  type GraphResult,
  type GraphWarning,
  type GraphWarningCode,
} from './errors.js';
export { fnmatch } from './glob.js';
export { NODE_TYPES, STATE_SELECTORS } from './methods-attributes.js';
export {
  LIST_ALL_RESOURCE_TYPES,
  LIST_DEFAULT_RESOURCE_TYPES,
  RESOURCE_TYPE_CHOICES,
  resolveResourceTypes,
  type Selection,
  type SelectOptions,
  selectNodes,
} from './select.js';
export {
  DEFAULT_INCLUDES,
  INDIRECT_SELECTION_MODES,
  METHOD_NAMES,
  type MethodName,
  type SelectionCriteria,
  type SelectionGroup,
  type SelectionSpec,
} from './selector-spec.js';
export {
  type CompiledSelector,
  compileSelectors,
  readSelectorsData,
  readSelectorsYaml,
  type SelectorEntry,
  type SelectorsDocument,
} from './selectors-yaml.js';
export { selectedDependencies } from './subset.js';
export type {
  GraphInput,
  GraphNode,
  GraphNodeConfig,
  GraphTestMetadata,
  IndirectSelection,
  ManifestLike,
  NodeVersion,
  ResourceType,
  ResultLookup,
  SourceStatusLookup,
  StateComparator,
  StateSelector,
} from './types.js';

import type { Graph } from './dag.js';

/** Every member, parents before children (ties alphabetical). */
export function topologicalOrder(graph: Graph): readonly string[] {
  return graph.topologicalOrder();
}

/** Upstream of `uniqueId`, at most `depth` edges away (all when undefined). */
export function ancestors(graph: Graph, uniqueId: string, depth?: number): Set<string> {
  return graph.ancestors(uniqueId, depth);
}

/** Downstream of `uniqueId`, at most `depth` edges away (all when undefined). */
export function descendants(graph: Graph, uniqueId: string, depth?: number): Set<string> {
  return graph.descendants(uniqueId, depth);
}
