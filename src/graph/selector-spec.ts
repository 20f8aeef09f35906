// The selection language as data: single criteria (`2+tag:nightly+`) and the set operations that
// combine them, plus the command-line grammar (space = union, comma = intersection).

import { GraphError, type GraphErrorLocation } from './errors.js';
import type { IndirectSelection } from './types.js';

/** Every selection method dbt knows (`method:value`). */
export const METHOD_NAMES = [
  'fqn',
  'tag',
  'group',
  'access',
  'source',
  'path',
  'file',
  'package',
  'config',
  'test_name',
  'test_type',
  'resource_type',
  'state',
  'exposure',
  'metric',
  'result',
  'source_status',
  'version',
  'semantic_model',
  'saved_query',
  'unit_test',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const INDIRECT_SELECTION_MODES: readonly IndirectSelection[] = [
  'eager',
  'cautious',
  'buildable',
  'empty',
];

/** What everything-by-default means when no `--select` is given. */
export const DEFAULT_INCLUDES: readonly string[] = [
  'fqn:*',
  'source:*',
  'exposure:*',
  'metric:*',
  'semantic_model:*',
];

/** One `[@][N+]method.args:value[+N]` criterion. */
export interface SelectionCriteria {
  kind: 'criteria';
  /** The text (or YAML definition) it was parsed from, for messages. */
  raw: string;
  method: MethodName;
  /** `config.meta.owner` → `['meta', 'owner']`. */
  methodArguments: string[];
  /** A string on the command line; YAML definitions may give numbers or booleans. */
  value: unknown;
  childrensParents: boolean;
  parents: boolean;
  parentsDepth: number | undefined;
  children: boolean;
  childrenDepth: number | undefined;
  indirectSelection: IndirectSelection;
}

/** A set operation over sub-specs: union, intersection, or first-minus-the-rest. */
export interface SelectionGroup {
  kind: 'union' | 'intersection' | 'difference';
  components: SelectionSpec[];
  indirectSelection: IndirectSelection;
  /** Warn when it selects nothing (true for each space-separated command-line term). */
  expectExists: boolean;
  raw: string;
}

export type SelectionSpec = SelectionCriteria | SelectionGroup;

export function group(
  kind: SelectionGroup['kind'],
  components: SelectionSpec[],
  init: Partial<Omit<SelectionGroup, 'kind' | 'components'>> = {},
): SelectionGroup {
  return {
    kind,
    components,
    indirectSelection: init.indirectSelection ?? 'eager',
    expectExists: init.expectExists ?? false,
    raw: init.raw ?? '',
  };
}

// Python's `\w` is Unicode-aware; `.` stops at newlines, so a value with one is not a spec.
const SPEC_PATTERN = /^(@)?(?:(\d*)\+)?(?:([\p{L}\p{N}_.]+):)?(.*?)(?:\+(\d*))?$/u;

/** The method a value without `method:` uses: a path if it has a slash, a file by extension, else fqn. */
export function defaultMethod(value: string): MethodName {
  if (value.includes('/')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

/** Fields of a criterion as written, before validation (from the command line or YAML). */
export interface RawCriteria {
  method?: string;
  value?: unknown;
  childrens_parents?: unknown;
  parents?: unknown;
  parents_depth?: unknown;
  children?: unknown;
  children_depth?: unknown;
  indirect_selection?: unknown;
}

/**
 * Validates raw criterion fields into a criterion. Throws GraphError (caught at the public
 * boundary) naming the bad selector.
 */
export function criteriaFromFields(
  raw: string,
  fields: RawCriteria,
  defaultIndirect: IndirectSelection,
  where: GraphErrorLocation = {},
): SelectionCriteria {
  if (!('value' in fields) || fields.value === undefined) {
    throw new GraphError('invalid-selector', `Invalid node spec "${raw}" - no search value`, {
      ...where,
      selector: raw,
    });
  }
  const [method, methodArguments] = parseMethod(raw, fields.method, fields.value, where);
  const indirect = fields.indirect_selection ?? defaultIndirect;
  if (!INDIRECT_SELECTION_MODES.includes(indirect as IndirectSelection)) {
    throw new GraphError(
      'invalid-selector',
      `Invalid indirect_selection '${String(indirect)}' in "${raw}"; expected one of ${INDIRECT_SELECTION_MODES.join(', ')}`,
      { ...where, selector: raw },
    );
  }
  const criteria: SelectionCriteria = {
    kind: 'criteria',
    raw,
    method,
    methodArguments,
    value: fields.value,
    childrensParents: truthy(fields.childrens_parents),
    parents: truthy(fields.parents),
    parentsDepth: depth(raw, fields.parents_depth, where),
    children: truthy(fields.children),
    childrenDepth: depth(raw, fields.children_depth, where),
    indirectSelection: indirect as IndirectSelection,
  };
  if (criteria.children && criteria.childrensParents) {
    throw new GraphError(
      'invalid-selector',
      `Invalid node spec "${raw}" - "@" prefix and "+" suffix are incompatible`,
      {
        ...where,
        selector: raw,
      },
    );
  }
  return criteria;
}

/** Parses one command-line criterion such as `+tag:nightly`, `@orders`, `config.materialized:view+2`. */
export function parseCriteria(raw: string, indirect: IndirectSelection = 'eager'): SelectionCriteria {
  const match = SPEC_PATTERN.exec(raw);
  if (match === null)
    throw new GraphError('invalid-selector', `Invalid selector spec "${raw}"`, { selector: raw });
  const [, at, parentsDepth, method, value, childrenDepth] = match;
  return criteriaFromFields(
    raw,
    {
      method,
      value,
      childrens_parents: at !== undefined,
      parents: parentsDepth !== undefined,
      parents_depth: parentsDepth,
      children: childrenDepth !== undefined,
      children_depth: childrenDepth,
    },
    indirect,
  );
}

function parseMethod(
  raw: string,
  method: string | undefined,
  value: unknown,
  where: GraphErrorLocation,
): [MethodName, string[]] {
  if (method === undefined) return [defaultMethod(String(value)), []];
  const [name, ...args] = method.split('.');
  if (!(METHOD_NAMES as readonly string[]).includes(name!)) {
    const guess = suggestMethod(name!);
    const hint = guess === undefined ? '' : ` — did you mean '${guess}:'?`;
    throw new GraphError(
      'invalid-selector-method',
      `invalid selector method '${name}:'${hint} (in "${raw}")`,
      {
        ...where,
        selector: raw,
      },
    );
  }
  return [name as MethodName, args];
}

/** Python truthiness for YAML flags (`parents: true`). */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

/** dbt reads depths with `int()`, treating empty (and zero from YAML) as "no limit". */
function depth(raw: string, value: unknown, where: GraphErrorLocation): number | undefined {
  if (!truthy(value)) return undefined;
  const text = String(value).trim();
  if (!/^[+-]?\d+$/.test(text)) {
    throw new GraphError(
      'invalid-selector',
      `Invalid node spec "${raw}" - could not handle depth '${text}'`,
      {
        ...where,
        selector: raw,
      },
    );
  }
  return Number.parseInt(text, 10);
}

/** Command-line terms: `['a b', 'c,d']` → union(a, b, intersection(c, d)). */
export function parseUnion(
  components: readonly string[],
  expectExists: boolean,
  indirect: IndirectSelection,
): SelectionGroup {
  const terms = components.flatMap((c) => c.split(' ')).filter((t) => t !== '');
  const union = terms.map((term) =>
    group(
      'intersection',
      term.split(',').map((part) => parseCriteria(part, indirect)),
      { expectExists, raw: term, indirectSelection: indirect },
    ),
  );
  return group('union', union, { indirectSelection: indirect, raw: components.join(' ') });
}

/** `--select` minus `--exclude`; with no `--select`, everything (`DEFAULT_INCLUDES`). */
export function parseDifference(
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  indirect: IndirectSelection = 'eager',
): SelectionGroup {
  const included =
    include === undefined || include.length === 0
      ? parseUnion(DEFAULT_INCLUDES, false, indirect)
      : parseUnion(include, true, indirect);
  const excluded = parseUnion(exclude ?? [], exclude !== undefined && exclude.length > 0, indirect);
  return group('difference', [included, excluded]);
}

/** Nearest method name for a typo (`tags` → `tag`), by edit distance. */
export function suggestMethod(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of METHOD_NAMES) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
