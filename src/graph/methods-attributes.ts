// Selection methods that read node attributes (config.X, resource_type, test_name, test_type,
// version) or previous-run state supplied by the caller (state, result, source_status).

import { GraphError } from './errors.js';
import { fnmatchRegExp } from './glob.js';
import type { MethodContext } from './method-context.js';
import type { GraphNode, NodeVersion, StateSelector } from './types.js';

/** Every resource type name dbt accepts in `resource_type:`. */
export const NODE_TYPES: readonly string[] = [
  'model',
  'analysis',
  'test',
  'snapshot',
  'operation',
  'seed',
  'rpc',
  'sql_operation',
  'doc',
  'source',
  'macro',
  'exposure',
  'metric',
  'group',
  'saved_query',
  'semantic_model',
  'unit_test',
  'fixture',
  'function',
];

export const STATE_SELECTORS: readonly StateSelector[] = [
  'new',
  'old',
  'modified',
  'unmodified',
  'modified.body',
  'modified.configs',
  'modified.persisted_descriptions',
  'modified.relation',
  'modified.macros',
  'modified.contract',
];

const NOT_FOUND = Symbol('not found');

/** `config.meta.owner` → node.config.meta.owner; NOT_FOUND when a step is missing. */
function descend(config: unknown, path: readonly string[]): unknown {
  let value = config;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) {
      return NOT_FOUND;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Python's `selector == value` for a config value, with dbt's extras: `true`/`false` match
 * booleans case-insensitively, and `severity` compares case-insensitively.
 */
function configValueMatches(selector: unknown, value: unknown, caseInsensitive: boolean): boolean {
  if (typeof selector === 'string' && typeof value === 'string') {
    return caseInsensitive ? selector.toUpperCase() === value.toUpperCase() : selector === value;
  }
  if (typeof selector !== 'string' && selector === value) return true;
  const word = String(selector).toLowerCase();
  return (word === 'true' && value === true) || (word === 'false' && value === false);
}

export function searchConfig(ctx: MethodContext, selector: unknown, path: readonly string[]): string[] {
  const caseInsensitive = path.length === 1 && path[0] === 'severity';
  const out: string[] = [];
  for (const node of ctx.index.configurable) {
    const value = descend(node.config ?? {}, path);
    if (value === NOT_FOUND) continue;
    const hit = Array.isArray(value)
      ? value.some((item) => configValueMatches(selector, item, caseInsensitive))
      : configValueMatches(selector, value, caseInsensitive);
    if (hit) out.push(node.unique_id);
  }
  return out;
}

export function searchResourceType(ctx: MethodContext, selector: string): string[] {
  if (!NODE_TYPES.includes(selector)) {
    throw new GraphError('invalid-selector-value', `Invalid resource_type selector "${selector}"`, {
      selector: `resource_type:${selector}`,
    });
  }
  return (ctx.index.byType.get(selector) ?? []).map((n) => n.unique_id);
}

/** Generic tests by the test's name (`unique`, `not_null`, `accepted_values`), unit tests by name. */
export function searchTestName(ctx: MethodContext, selector: string): string[] {
  const re = fnmatchRegExp(selector);
  return ctx.index.parsedAndUnit
    .filter((n) => {
      if (n.resource_type === 'test') return n.test_metadata != null && re.test(n.test_metadata.name);
      return n.resource_type === 'unit_test' && re.test(n.name);
    })
    .map((n) => n.unique_id);
}

type TestKind = 'generic' | 'singular' | 'unit';

function testKind(node: GraphNode): TestKind | undefined {
  if (node.resource_type === 'unit_test') return 'unit';
  if (node.resource_type !== 'test') return undefined;
  return node.test_metadata != null ? 'generic' : 'singular';
}

/**
 * `test_type:generic|singular|unit|data` (`schema` is an old name for generic; `data` means both
 * data-test kinds). dbt checks the last three with Python's `in` on a plain string, so any
 * substring (`sing`, `dat`) is accepted too; we keep that for parity.
 */
export function searchTestType(ctx: MethodContext, selector: string): string[] {
  let kinds: TestKind[];
  if (selector === 'generic' || selector === 'schema') kinds = ['generic'];
  else if ('data'.includes(selector)) kinds = ['generic', 'singular'];
  else if ('singular'.includes(selector)) kinds = ['singular'];
  else if ('unit'.includes(selector)) kinds = ['unit'];
  else {
    throw new GraphError(
      'invalid-selector-value',
      `Invalid test type selector "${selector}": expected "generic", "singular", "unit", or "data"`,
      { selector: `test_type:${selector}` },
    );
  }
  return ctx.index.parsedAndUnit
    .filter((n) => {
      const kind = testKind(n);
      return kind !== undefined && kinds.includes(kind);
    })
    .map((n) => n.unique_id);
}

/** Python truthiness of a version (`0` and `''` count as no version). */
function present(v: NodeVersion | null | undefined): v is NodeVersion {
  return v !== undefined && v !== null && v !== '' && v !== 0;
}

const PY_FLOAT = /^\s*[+-]?(?:(?:\d[\d_]*)?\.?\d[\d_]*(?:e[+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;

/** dbt compares versions as floats when both parse, else as strings. */
function versionLess(a: NodeVersion, b: NodeVersion): boolean {
  const sa = String(a);
  const sb = String(b);
  if (PY_FLOAT.test(sa) && PY_FLOAT.test(sb)) {
    const fa = Number.parseFloat(sa.replace(/_/g, '').replace(/inf(inity)?/i, 'Infinity'));
    const fb = Number.parseFloat(sb.replace(/_/g, '').replace(/inf(inity)?/i, 'Infinity'));
    return fa < fb;
  }
  return sa < sb;
}

export function searchVersion(ctx: MethodContext, selector: string): string[] {
  if (!['latest', 'prerelease', 'old', 'none'].includes(selector)) {
    throw new GraphError(
      'invalid-selector-value',
      `Invalid version selector "${selector}": expected "latest", "prerelease", "old", or "none"`,
      { selector: `version:${selector}` },
    );
  }
  return (ctx.index.byType.get('model') ?? [])
    .filter((n) => {
      const v = n.version;
      const latest = n.latest_version;
      if (selector === 'none') return v === undefined || v === null;
      if (selector === 'latest') return v !== undefined && v !== null && v === latest;
      if (!present(v) || !present(latest)) return false;
      return selector === 'old' ? versionLess(v, latest) : versionLess(latest, v);
    })
    .map((n) => n.unique_id);
}

export function searchState(ctx: MethodContext, selector: string): string[] {
  if (ctx.state === undefined) {
    throw new GraphError(
      'state-unavailable',
      'Got a state selector method, but no comparison manifest (use --state)',
      {
        selector: `state:${selector}`,
      },
    );
  }
  if (!(STATE_SELECTORS as readonly string[]).includes(selector)) {
    throw new GraphError(
      'invalid-selector-value',
      `Invalid state selector "${selector}", expected one of ${STATE_SELECTORS.join(', ')}`,
      { selector: `state:${selector}` },
    );
  }
  const compare = ctx.state;
  return ctx.index.all.filter((n) => compare(n, selector as StateSelector)).map((n) => n.unique_id);
}

export function searchResult(ctx: MethodContext, selector: string): string[] {
  if (ctx.results === undefined) {
    throw new GraphError(
      'results-unavailable',
      'Got a result selector method, but no previous run_results (use --state)',
      {
        selector: `result:${selector}`,
      },
    );
  }
  const lookup = ctx.results;
  return ctx.index.all.filter((n) => lookup(n.unique_id) === selector).map((n) => n.unique_id);
}

export function searchSourceStatus(ctx: MethodContext, selector: string): string[] {
  if (ctx.sourceStatus === undefined) {
    throw new GraphError(
      'source-status-unavailable',
      'Got a source_status selector method, but no previous and current sources.json to compare',
      { selector: `source_status:${selector}` },
    );
  }
  const lookup = ctx.sourceStatus;
  // Freshness results only ever name sources.
  return ctx.index.sources.filter((n) => lookup(n.unique_id, selector)).map((n) => n.unique_id);
}
