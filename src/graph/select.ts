// The public entry point of selection: `--select`, `--exclude`, `--selector`, resource-type
// filters and indirect selection, evaluated over a built graph the way dbt does.

import type { Graph } from './dag.js';
import { GraphError, type GraphResult, type GraphWarning } from './errors.js';
import { SpecEvaluator } from './evaluate.js';
import { isParsedNode, nodeIndex } from './method-context.js';
import { NODE_TYPES } from './methods-attributes.js';
import { INDIRECT_SELECTION_MODES, parseDifference, type SelectionSpec } from './selector-spec.js';
import { type CompiledSelector, compileSelectors, type SelectorsDocument } from './selectors-yaml.js';
import type {
  GraphNode,
  IndirectSelection,
  ResultLookup,
  SourceStatusLookup,
  StateComparator,
} from './types.js';

/** What `--resource-type` / `--exclude-resource-type` accept. */
export const RESOURCE_TYPE_CHOICES: readonly string[] = [
  'metric',
  'semantic_model',
  'saved_query',
  'source',
  'analysis',
  'function',
  'model',
  'test',
  'unit_test',
  'exposure',
  'snapshot',
  'seed',
  'default',
  'all',
];

/** `dbt ls` lists these when no `--resource-type` is given (analyses only on request). */
export const LIST_DEFAULT_RESOURCE_TYPES: readonly string[] = [
  'model',
  'snapshot',
  'seed',
  'test',
  'source',
  'exposure',
  'metric',
  'saved_query',
  'semantic_model',
  'unit_test',
  'function',
];
/** What `--resource-type all` means for `dbt ls`. */
export const LIST_ALL_RESOURCE_TYPES: readonly string[] = [...LIST_DEFAULT_RESOURCE_TYPES, 'analysis'];

export interface SelectOptions {
  /** `--select` values; each may hold several space-separated terms. */
  select?: string | readonly string[];
  /** `--exclude` values. */
  exclude?: string | readonly string[];
  /** `--selector NAME`: a definition from `selectors`. */
  selector?: string;
  /** The project's selectors file (see `readSelectorsYaml`). Its `default: true` entry is used when
   * neither `select` nor `exclude` is given. */
  selectors?: SelectorsDocument;
  /** `--resource-type` values (`all` and `default` expand as below). */
  resourceTypes?: readonly string[];
  /** `--exclude-resource-type` values. */
  excludeResourceTypes?: readonly string[];
  /** The command's types when `--resource-type` is absent or says `default`; every type when unset. */
  defaultResourceTypes?: readonly string[];
  /** The command's types for `--resource-type all`; every type when unset. */
  allResourceTypes?: readonly string[];
  /** `--indirect-selection`; dbt's default is eager. */
  indirectSelection?: IndirectSelection;
  /** Answers `state:` against the comparison manifest. */
  state?: StateComparator;
  /** Previous statuses, for `result:`. */
  results?: ResultLookup;
  /** Source freshness comparison, for `source_status:`. */
  sourceStatus?: SourceStatusLookup;
  /** Keep nodes whose code is blank (dbt ls and docs do; run and build skip them). */
  includeEmptyNodes?: boolean;
}

export interface Selection {
  /** Selected unique_ids in topological order. */
  selected: Set<string>;
  /** Criteria that matched nothing, and an empty selection (dbt warns and carries on). */
  warnings: GraphWarning[];
  /** Which selectors.yml definition was used, if any (`--selector` or the default one). */
  selectorName?: string;
}

function asList(value: string | readonly string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value;
}

/**
 * Selects unique_ids from the graph as `dbt ls`/`run`/`build` would. Errors (bad syntax, unknown
 * methods, unknown selector names, missing state) come back as values; criteria that match nothing
 * are warnings.
 */
export function selectNodes(graph: Graph, options: SelectOptions = {}): GraphResult<Selection> {
  const indirect = options.indirectSelection ?? 'eager';
  if (!INDIRECT_SELECTION_MODES.includes(indirect)) {
    return fail('invalid-selector', `Invalid --indirect-selection '${indirect}'`);
  }
  const types = resolveResourceTypes(options);
  if (!types.ok) return types;
  const chosen = chooseSpec(options, indirect);
  if (!chosen.ok) return chosen;

  const evaluator = new SpecEvaluator({
    graph,
    index: nodeIndex(graph),
    projectName: graph.projectName,
    state: options.state,
    results: options.results,
    sourceStatus: options.sourceStatus,
  });
  let direct: Set<string>;
  try {
    direct = evaluator.evaluate(chosen.value.spec).direct;
  } catch (e) {
    if (e instanceof GraphError) return { ok: false, errors: [e] };
    throw e;
  }
  const allowed = types.value;
  const keep = (node: GraphNode) =>
    (allowed === undefined || allowed.has(node.resource_type)) &&
    (options.includeEmptyNodes || !isEmptyNode(node));
  const selected = new Set(graph.sortTopologically([...direct].filter((id) => keep(graph.get(id)!))));
  const warnings = evaluator.warnings;
  if (selected.size === 0) warnings.push({ code: 'no-nodes-selected', message: 'No nodes selected' });
  const selection: Selection = { selected, warnings };
  if (chosen.value.name !== undefined) selection.selectorName = chosen.value.name;
  return { ok: true, value: selection };
}

function fail(
  code: ConstructorParameters<typeof GraphError>[0],
  message: string,
): { ok: false; errors: GraphError[] } {
  return { ok: false, errors: [new GraphError(code, message)] };
}

/** A model, test, snapshot … whose code is only whitespace; seeds never count as empty. */
function isEmptyNode(node: GraphNode): boolean {
  return (
    isParsedNode(node) &&
    node.resource_type !== 'seed' &&
    node.raw_code !== undefined &&
    node.raw_code.trim() === ''
  );
}

/** `--selector`, else the default selector (when nothing is selected or excluded), else the flags. */
function chooseSpec(
  options: SelectOptions,
  indirect: IndirectSelection,
): GraphResult<{ spec: SelectionSpec; name?: string }> {
  const select = asList(options.select);
  const exclude = asList(options.exclude);
  let selectors: Map<string, CompiledSelector> | undefined;
  if (options.selectors !== undefined) {
    const compiled = compileSelectors(options.selectors, indirect);
    if (!compiled.ok) return compiled;
    selectors = compiled.value;
  }
  if (options.selector !== undefined) {
    const found = selectors?.get(options.selector);
    if (found === undefined) {
      const known = [...(selectors?.keys() ?? [])].join(', ') || 'none defined';
      return fail(
        'selector-not-found',
        `Could not find selector named '${options.selector}' (known: ${known})`,
      );
    }
    return { ok: true, value: { spec: found.spec, name: found.name } };
  }
  const nothingAsked =
    (select === undefined || select.length === 0) && (exclude === undefined || exclude.length === 0);
  const fallback = nothingAsked ? [...(selectors?.values() ?? [])].find((s) => s.default) : undefined;
  if (fallback !== undefined) return { ok: true, value: { spec: fallback.spec, name: fallback.name } };
  try {
    return { ok: true, value: { spec: parseDifference(select, exclude, indirect) } };
  } catch (e) {
    if (e instanceof GraphError) return { ok: false, errors: [e] };
    throw e;
  }
}

/**
 * The resource types to keep, as dbt computes them: `--resource-type` (with `all`/`default`
 * expanded) or the command's defaults, minus `--exclude-resource-type`. Undefined means no filter.
 */
export function resolveResourceTypes(options: SelectOptions): GraphResult<Set<string> | undefined> {
  const requested = options.resourceTypes ?? [];
  const excluded = options.excludeResourceTypes ?? [];
  for (const t of [...requested, ...excluded]) {
    if (!RESOURCE_TYPE_CHOICES.includes(t)) {
      return fail(
        'invalid-resource-type',
        `Invalid resource type '${t}'; expected one of ${RESOURCE_TYPE_CHOICES.join(', ')}`,
      );
    }
  }
  const everything = options.allResourceTypes ?? NODE_TYPES;
  const defaults = options.defaultResourceTypes;
  let types: Set<string> | undefined;
  if (requested.length === 0) types = defaults === undefined ? undefined : new Set(defaults);
  else {
    types = new Set();
    for (const t of requested) {
      const expanded = t === 'all' ? everything : t === 'default' ? (defaults ?? everything) : [t];
      for (const e of expanded) types.add(e);
    }
  }
  if (excluded.length > 0) {
    types ??= new Set(NODE_TYPES);
    for (const t of excluded) types.delete(t);
  }
  return { ok: true, value: types };
}
