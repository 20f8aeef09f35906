// `selectors.yml`: named selection definitions (strings, method dicts, union/intersection/exclude
// trees) compiled into selection specs. The file is expected already rendered (no Jinja left).

import { isSeq, LineCounter, parseDocument } from 'yaml';
import { GraphError, type GraphErrorLocation, type GraphResult } from './errors.js';
import {
  criteriaFromFields,
  group,
  parseCriteria,
  type RawCriteria,
  type SelectionSpec,
} from './selector-spec.js';
import type { IndirectSelection } from './types.js';

/** One `selectors:` entry, with where it was written when known. */
export interface SelectorEntry {
  name: string;
  definition: unknown;
  description?: string;
  default?: boolean;
  line?: number;
  column?: number;
}

/** The validated content of a selectors file. */
export interface SelectorsDocument {
  file?: string;
  selectors: SelectorEntry[];
}

/** A compiled selector: its spec, and whether it is the default when nothing is selected. */
export interface CompiledSelector {
  name: string;
  spec: SelectionSpec;
  default: boolean;
  description: string;
}

const ENTRY_KEYS = new Set(['name', 'definition', 'description', 'default']);

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What is wrong with one `selectors:` entry's shape, if anything. */
function entryProblem(raw: unknown, i: number): string | undefined {
  if (!isDict(raw)) return `Selector #${i + 1} must be a mapping with 'name' and 'definition'`;
  const unknown = Object.keys(raw).filter((k) => !ENTRY_KEYS.has(k));
  if (unknown.length > 0) return `Selector #${i + 1} has unknown keys: ${unknown.join(', ')}`;
  if (typeof raw.name !== 'string' || raw.name === '') return `Selector #${i + 1} needs a string 'name'`;
  if (typeof raw.definition !== 'string' && !isDict(raw.definition)) {
    return `Selector '${raw.name}': 'definition' must be a string or a mapping (union, intersection, method); lists are not allowed at the root`;
  }
  if (raw.description !== undefined && raw.description !== null && typeof raw.description !== 'string') {
    return `Selector '${raw.name}': 'description' must be a string`;
  }
  if (raw.default !== undefined && typeof raw.default !== 'boolean') {
    return `Selector '${raw.name}': 'default' must be true or false`;
  }
  return undefined;
}

/** Parses and validates `selectors.yml` text, keeping each entry's line for later errors. */
export function readSelectorsYaml(text: string, file = 'selectors.yml'): GraphResult<SelectorsDocument> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return new GraphError('invalid-selector-definition', e.message, {
          file,
          line: pos.line,
          column: pos.col,
        });
      }),
    };
  }
  const positions: { line: number; column: number }[] = [];
  const seq = doc.get('selectors', true);
  if (isSeq(seq)) {
    for (const item of seq.items) {
      const offset = (item as { range?: [number, number, number] }).range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      positions.push({ line: pos.line, column: pos.col });
    }
  }
  return readSelectorsData(doc.toJS(), file, positions);
}

/** Validates an already-loaded selectors object (`{selectors: [...]}`). */
export function readSelectorsData(
  data: unknown,
  file?: string,
  positions: readonly { line: number; column: number }[] = [],
): GraphResult<SelectorsDocument> {
  const errors: GraphError[] = [];
  const fail = (message: string, where: GraphErrorLocation = { file }) =>
    errors.push(new GraphError('invalid-selector-definition', message, where));
  if (!isDict(data) || !Array.isArray(data.selectors)) {
    fail("A selectors file needs a top-level 'selectors:' list");
    return { ok: false, errors };
  }
  const selectors: SelectorEntry[] = [];
  let defaultName: string | undefined;
  for (const [i, raw] of data.selectors.entries()) {
    const where = { file, ...positions[i] };
    const problem = entryProblem(raw, i);
    if (problem !== undefined) {
      fail(problem, where);
      continue;
    }
    const entry = raw as Dict & { name: string };
    if (entry.default === true) {
      if (defaultName !== undefined) {
        fail(`Found multiple selectors with \`default: true\`: ${defaultName} and ${entry.name}`, where);
        continue;
      }
      defaultName = entry.name;
    }
    selectors.push({
      name: entry.name,
      definition: entry.definition,
      description: typeof entry.description === 'string' ? entry.description : '',
      default: entry.default === true,
      ...positions[i],
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: file === undefined ? { selectors } : { file, selectors } };
}

/**
 * Compiles every definition in file order. `indirect` is the `--indirect-selection` flag: the
 * default for criteria that do not set `indirect_selection` themselves.
 */
export function compileSelectors(
  doc: SelectorsDocument,
  indirect: IndirectSelection = 'eager',
): GraphResult<Map<string, CompiledSelector>> {
  const compiled = new Map<string, CompiledSelector>();
  const errors: GraphError[] = [];
  for (const entry of doc.selectors) {
    const where: GraphErrorLocation = { file: doc.file, line: entry.line, column: entry.column };
    try {
      // Earlier selectors only: a definition may reuse one above it with `method: selector`.
      const parser = new DefinitionParser(new Map(compiled), indirect, where);
      const spec = parser.parse(entry.definition, true);
      compiled.set(entry.name, {
        name: entry.name,
        spec,
        default: entry.default === true,
        description: entry.description ?? '',
      });
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      errors.push(
        new GraphError(e.code, `Selector '${entry.name}': ${e.message}`, { ...where, selector: e.selector }),
      );
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: compiled };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

class DefinitionParser {
  constructor(
    private readonly earlier: Map<string, CompiledSelector>,
    private readonly indirect: IndirectSelection,
    private readonly where: GraphErrorLocation,
  ) {}

  private fail(message: string): never {
    throw new GraphError('invalid-selector-definition', message, this.where);
  }

  parse(definition: unknown, rootLevel = false): SelectionSpec {
    if (typeof definition === 'string') return parseCriteria(definition, this.indirect);
    if (!isDict(definition)) {
      return this.fail(`Expected a union, an intersection, a string or a mapping, found ${show(definition)}`);
    }
    const keys = Object.keys(definition);
    if (rootLevel && ('union' in definition || 'intersection' in definition) && keys.length > 1) {
      this.fail(
        `Only a single 'union' or 'intersection' key is allowed at the root of a definition; found ${keys.join(',')}`,
      );
    }
    if ('union' in definition) return this.setOperation('union', definition);
    if ('intersection' in definition) return this.setOperation('intersection', definition);
    return this.methodDict(definition);
  }

  private listOf(definition: Dict, key: string): unknown[] {
    const values = definition[key];
    if (!Array.isArray(values)) this.fail(`Invalid value for key "${key}": expected a list`);
    for (const value of values) {
      if (typeof value !== 'string' && !isDict(value)) {
        this.fail(`Invalid entry ${show(value)} under "${key}": expected a mapping or a string`);
      }
    }
    return values;
  }

  private setOperation(kind: 'union' | 'intersection', definition: Dict): SelectionSpec {
    const include: SelectionSpec[] = [];
    let exclude: SelectionSpec | undefined;
    for (const part of this.listOf(definition, kind)) {
      if (isDict(part) && 'exclude' in part) {
        if (exclude !== undefined) this.fail(`Only one 'exclude' is allowed per ${kind}`);
        exclude = this.exclusions(part);
        continue;
      }
      include.push(this.parse(part));
    }
    const combined = group(kind, include, { raw: show(definition) });
    return exclude === undefined
      ? combined
      : group('difference', [combined, exclude], { raw: show(definition) });
  }

  private exclusions(definition: Dict): SelectionSpec | undefined {
    const parts = this.listOf(definition, 'exclude').map((d) => this.parse(d));
    if (parts.length <= 1) return parts[0];
    return group('union', parts, { raw: show(definition.exclude) });
  }

  private methodDict(definition: Dict): SelectionSpec {
    const keys = Object.keys(definition);
    let fields: RawCriteria;
    let exclude: SelectionSpec | undefined;
    if (keys.length === 1) {
      fields = { method: keys[0]!, value: definition[keys[0]!] };
    } else if (definition.method === 'selector') {
      const name = show(definition.value);
      const found = this.earlier.get(name);
      if (found === undefined) {
        return this.fail(
          `Existing selector definition for '${name}' not found (a selector can only reuse those above it)`,
        );
      }
      return found.spec;
    } else if ('method' in definition && 'value' in definition) {
      const { exclude: excluded, ...rest } = definition;
      fields = rest as RawCriteria;
      if (excluded !== undefined) exclude = this.exclusions(definition);
    } else {
      return this.fail(`Expected either one key or 'method' and 'value' keys, got ${keys.join(', ')}`);
    }
    if (typeof fields.method !== 'string') this.fail(`'method' must be a string in ${show(definition)}`);
    const base = criteriaFromFields(show(definition), fields, this.indirect, this.where);
    return exclude === undefined ? base : group('difference', [base, exclude]);
  }
}
