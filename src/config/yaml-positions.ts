import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Tags,
  visit,
} from 'yaml';
import { ConfigError, type Loc } from './errors.js';
import { parseYamlFast } from './yaml-fast-path.js';

export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML file that can still answer "where was this written?". */
export interface YamlSource {
  file: string;
  /** The plain JavaScript value (maps are objects; an empty file is `{}`). */
  data: unknown;
  /** Location of the value (or, with `'key'`, of the key) at `path`; the nearest parent if absent. */
  locate(path: YamlPath, part?: 'key' | 'value'): Loc;
}

export interface ParsedYaml {
  source: YamlSource;
  errors: ConfigError[];
  warnings: ConfigError[];
}

/**
 * Parses one YAML file keeping positions. YAML 1.1 rules are used on purpose: dbt reads files with
 * PyYAML, where `yes`/`no`/`on`/`off` are booleans. Duplicate keys are a warning (last one wins),
 * as in dbt.
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  // Most files are plain block YAML, which the fast reader handles with the same data and positions.
  const fast = parseYamlFast(file, text);
  if (fast) return { source: { file, data: fast.data, locate: fast.locate }, errors: [], warnings: [] };
  return parseYamlFully(file, text);
}

/**
 * A `|` or `>` block scalar that ends the file with no final line break has no trailing newline in
 * PyYAML (clip and keep both keep only a line break that is there); the `yaml` package adds one.
 */
function clipFinalBlockScalar(doc: ReturnType<typeof parseDocument>, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return;
      if (!node.range || node.range[1] < text.length || typeof node.value !== 'string') return;
      if (node.value.endsWith('\n')) node.value = node.value.slice(0, -1);
    },
  });
}

/** Every YAML feature, through the `yaml` package: the reference the fast reader must agree with. */
export function parseYamlFully(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    customTags: pyYamlBooleans,
  });
  const locOf = (offset: number): Loc => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const errors = doc.errors.map((e) =>
    ConfigError.at(locOf(e.pos[0]), 'yaml-syntax', `YAML syntax error: ${firstLine(e.message)}`),
  );
  const warnings = duplicateKeyWarnings(doc.contents, locOf);
  if (!text.endsWith('\n')) clipFinalBlockScalar(doc, text);
  const data = errors.length > 0 ? {} : normalise(doc.toJS({ maxAliasCount: 10_000 }));

  const locate = (path: YamlPath, part: 'key' | 'value' = 'value'): Loc => {
    let node: unknown = doc.contents;
    let found: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair && i === path.length - 1 && part === 'key' && isScalar(pair.key)) {
          return rangeLoc(pair.key as Node) ?? locOf(0);
        }
        next = pair?.value ?? undefined;
        if (pair && next == null) found = pair.key as Node;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next == null) break;
      node = next;
      found = next as Node;
    }
    return (found && rangeLoc(found)) ?? locOf(0);
  };
  const rangeLoc = (node: Node): Loc | undefined => (node.range ? locOf(node.range[0]) : undefined);

  return { source: { file, data, locate }, errors, warnings };
}

// YAML 1.1 as the `yaml` package reads it also takes `y`/`n` for booleans; PyYAML does not (a column
// named `y` must stay a string), so the boolean tags are narrowed to PyYAML's spellings.
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function pyYamlBooleans(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:bool' || !('test' in tag)) return tag;
    return { ...tag, test: tag.identify?.(true) ? PY_TRUE : PY_FALSE } as typeof tag;
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function duplicateKeyWarnings(contents: unknown, locOf: (offset: number) => Loc): ConfigError[] {
  const warnings: ConfigError[] = [];
  if (!contents) return warnings;
  visit(contents as Node, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key) && pair.key.range) {
          warnings.push(
            ConfigError.at(
              locOf(pair.key.range[0]),
              'duplicate',
              `duplicate key '${key}'; the last one wins`,
              {
                severity: 'warning',
              },
            ),
          );
        }
        seen.add(key);
      }
    },
  });
  return warnings;
}

/** Dates become ISO strings (as dbt does after PyYAML); an empty document becomes `{}`. */
function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return {};
  return convertDates(value);
}

function convertDates(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', '');
  }
  if (Array.isArray(value)) return value.map(convertDates);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = convertDates(v);
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
