/**
 * A fast reader for the plain YAML that schema files are made of: block mappings and sequences,
 * one-line scalars (plain, quoted) and one-line flow collections, comments. It records where each
 * key and value starts, so `locate` answers as the full parser would. Anything else (anchors,
 * tags, block scalars, multi-line scalars, dates, octal or exotic numbers, duplicate keys, tabs)
 * makes it give up and return undefined: the caller then parses with the `yaml` package, which is
 * the reference. On 10,000-model projects this reader is several times faster than `parseDocument`.
 */
import type { Loc } from './errors.js';

type Path = ReadonlyArray<string | number>;

/** Where a value starts; collections also know where their entries are. */
interface PosNode {
  line: number;
  column: number;
  entries?: Map<string, { keyLine: number; keyColumn: number; value: PosNode }>;
  items?: PosNode[];
}

export interface FastYaml {
  data: unknown;
  locate(path: Path, part?: 'key' | 'value'): Loc;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  /** The text after the indent. */
  text: string;
}

const PY_TRUE = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const PY_FALSE = new Set(['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const KEY = /^([A-Za-z_+$][A-Za-z0-9_ .+$/-]*?)[ ]*:(?: +|$)/;
const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;

/** The data and positions of `text`, or undefined when it uses more YAML than this reader knows. */
export function parseYamlFast(file: string, text: string): FastYaml | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    const reader = new BlockReader(text);
    const parsed = reader.document();
    const loc = (line: number, column: number): Loc => ({ file, line, column });
    const locate = (path: Path, part: 'key' | 'value' = 'value'): Loc => {
      let node: PosNode | undefined = parsed?.pos;
      let found = node ? loc(node.line, node.column) : loc(1, 1);
      for (let i = 0; i < path.length && node; i++) {
        const segment = path[i]!;
        let next: PosNode | undefined;
        if (node.entries) {
          const entry = node.entries.get(String(segment));
          if (entry && i === path.length - 1 && part === 'key') return loc(entry.keyLine, entry.keyColumn);
          next = entry?.value;
        } else if (node.items && typeof segment === 'number') next = node.items[segment];
        if (!next) break;
        node = next;
        found = loc(next.line, next.column);
      }
      return found;
    };
    return { data: parsed ? parsed.value : {}, locate };
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

interface Parsed {
  value: unknown;
  pos: PosNode;
}

class BlockReader {
  private readonly lines: Line[] = [];
  private at = 0;

  constructor(text: string) {
    const raw = text.split('\n');
    for (let i = 0; i < raw.length; i++) {
      const line = raw[i]!;
      const body = line.trimStart();
      if (body === '' || body.startsWith('#')) continue;
      if (body.startsWith('---') || body.startsWith('...') || body.startsWith('%')) giveUp();
      this.lines.push({ no: i + 1, indent: line.length - body.length, text: body.trimEnd() });
    }
  }

  document(): Parsed | undefined {
    if (this.lines.length === 0) return undefined;
    const first = this.lines[0]!;
    if (first.indent !== 0 || !KEY.test(first.text)) giveUp();
    const doc = this.mapping(0);
    if (this.at < this.lines.length) giveUp();
    return doc;
  }

  /** The block node starting at the current line, which is indented `indent`. */
  private block(indent: number): Parsed {
    const line = this.lines[this.at]!;
    if (line.indent !== indent) giveUp();
    if (line.text === '-' || line.text.startsWith('- ')) return this.sequence(indent);
    if (KEY.test(line.text)) return this.mapping(indent);
    return giveUp();
  }

  private mapping(indent: number): Parsed {
    const first = this.lines[this.at]!;
    const value: Record<string, unknown> = {};
    const entries = new Map<string, { keyLine: number; keyColumn: number; value: PosNode }>();
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent) giveUp();
      const m = KEY.exec(line.text);
      if (!m) break;
      const key = m[1]!;
      // A key must read as the string it spells (`on:` is a boolean key, `E0:` a float one).
      if (entries.has(key) || key === '__proto__' || resolvePlain(key) !== key) giveUp();
      const rest = line.text.slice(m[0].length);
      const restColumn = line.indent + m[0].length + 1;
      this.at++;
      let child: Parsed;
      if (rest === '' || rest.startsWith('#')) {
        const next = this.lines[this.at];
        if (next && next.indent > indent) child = this.block(next.indent);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- ')))
          child = this.sequence(indent);
        else {
          // An empty value is a null that the full parser places at the next token on the line.
          const column = rest === '' ? line.indent + m[0].trimEnd().length + 1 : restColumn;
          child = { value: null, pos: { line: line.no, column } };
        }
      } else {
        child = { value: inlineValue(rest), pos: inlinePos(rest, line.no, restColumn) };
        this.noDeeperLine(indent);
      }
      value[key] = child.value;
      entries.set(key, { keyLine: line.no, keyColumn: line.indent + 1, value: child.pos });
    }
    return { value, pos: { line: first.no, column: first.indent + 1, entries } };
  }

  private sequence(indent: number): Parsed {
    const first = this.lines[this.at]!;
    const value: unknown[] = [];
    const items: PosNode[] = [];
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) {
        if (line.indent > indent) giveUp();
        break;
      }
      const rest = line.text.slice(1).trimStart();
      const restIndent = line.indent + (line.text.length - rest.length);
      let child: Parsed;
      if (rest === '' || rest.startsWith('#')) {
        this.at++;
        const next = this.lines[this.at];
        if (next && next.indent > indent) child = this.block(next.indent);
        else child = { value: null, pos: { line: line.no, column: line.indent + 2 } };
      } else if (rest === '-' || rest.startsWith('- ') || KEY.test(rest)) {
        // `- name: x`: the item is a block that starts inside this line.
        this.lines[this.at] = { no: line.no, indent: restIndent, text: rest };
        child = this.block(restIndent);
      } else {
        this.at++;
        child = { value: inlineValue(rest), pos: inlinePos(rest, line.no, restIndent + 1) };
        this.noDeeperLine(indent);
      }
      value.push(child.value);
      items.push(child.pos);
    }
    return { value, pos: { line: first.no, column: first.indent + 1, items } };
  }

  /** A scalar ends its line: a deeper line after it would continue it (multi-line scalar). */
  private noDeeperLine(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) giveUp();
  }
}

/** A value written after `key: ` or `- ` on one line. */
function inlineValue(text: string): unknown {
  const flow = new FlowReader(text);
  const value = flow.value(true);
  flow.end();
  return value;
}

function inlinePos(text: string, line: number, column: number): PosNode {
  const flow = new FlowReader(text);
  return flow.positions(line, column);
}

/** One-line values: quoted and plain scalars, `[…]` and `{…}` of those. */
class FlowReader {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  end(): void {
    this.ws();
    if (this.i < this.s.length && this.s[this.i] !== '#') giveUp();
    if (this.s[this.i] === '#' && this.s[this.i - 1] !== ' ') giveUp();
  }

  value(block: boolean): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "'") return this.singleQuoted();
    if (c === '"') return this.doubleQuoted();
    if (c === '[') return this.sequence();
    if (c === '{') return this.mapping();
    return this.plain(block);
  }

  /** Positions of the value's parts, walking the same grammar again (only flow values have parts). */
  positions(line: number, column: number): PosNode {
    this.ws();
    const start = { line, column: column + this.i };
    const c = this.s[this.i];
    if (c === '[') {
      this.i++;
      const items: PosNode[] = [];
      this.ws();
      if (this.s[this.i] === ']') return { ...start, items };
      for (;;) {
        items.push(this.positions(line, column));
        this.ws();
        if (this.s[this.i++] === ']') return { ...start, items };
      }
    }
    if (c === '{') {
      this.i++;
      const entries = new Map<string, { keyLine: number; keyColumn: number; value: PosNode }>();
      this.ws();
      if (this.s[this.i] === '}') return { ...start, entries };
      for (;;) {
        this.ws();
        const keyColumn = column + this.i;
        const key = String(this.value(false));
        this.ws();
        this.i++; // the ':'
        const value = this.positions(line, column);
        entries.set(key, { keyLine: line, keyColumn, value });
        this.ws();
        if (this.s[this.i++] === '}') return { ...start, entries };
      }
    }
    this.value(false);
    return start;
  }

  private singleQuoted(): string {
    let out = '';
    this.i++;
    for (;;) {
      const j = this.s.indexOf("'", this.i);
      if (j < 0) giveUp();
      out += this.s.slice(this.i, j);
      if (this.s[j + 1] === "'") {
        out += "'";
        this.i = j + 2;
      } else {
        this.i = j + 1;
        return out;
      }
    }
  }

  private doubleQuoted(): string {
    const j = this.s.indexOf('"', this.i + 1);
    if (j < 0) giveUp();
    const out = this.s.slice(this.i + 1, j);
    if (out.includes('\\')) giveUp();
    this.i = j + 1;
    return out;
  }

  private sequence(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(false));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') giveUp();
      this.ws();
      if (this.s[this.i] === ']') giveUp();
    }
  }

  private mapping(): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const key = this.value(false);
      if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(out, key)) giveUp();
      this.ws();
      if (this.s[this.i] !== ':' || this.s[this.i + 1] !== ' ') giveUp();
      this.i++;
      out[key as string] = this.value(false);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') giveUp();
      this.ws();
      if (this.s[this.i] === '}') giveUp();
    }
  }

  /** A plain scalar: to the end of the line (block) or to the next `,`/`]`/`}`/`:` (flow). */
  private plain(block: boolean): unknown {
    const start = this.i;
    const first = this.s[start];
    if (first === undefined || '&*!|>%@`#,?:-[]{}'.includes(first)) {
      // `-1` and `-foo` are plain scalars; `- x`, `-` alone and the other indicators are not for us.
      if (!(first === '-' && this.s[start + 1] !== undefined && this.s[start + 1] !== ' ')) giveUp();
    }
    let end = start;
    while (end < this.s.length) {
      const c = this.s[end]!;
      if (c === '#' && this.s[end - 1] === ' ') break;
      if (c === ':' && (this.s[end + 1] === ' ' || end + 1 === this.s.length)) {
        if (block) giveUp();
        break;
      }
      if (!block && (c === ',' || c === ']' || c === '}' || c === '[' || c === '{')) break;
      end++;
    }
    const text = this.s.slice(start, end).trimEnd();
    this.i = start + text.length;
    if (text === '') giveUp();
    if (!block && (text.includes('[') || text.includes('{'))) giveUp();
    return resolvePlain(text);
  }
}

/** YAML 1.1 meaning of a plain scalar, as PyYAML reads it; unusual forms give up. */
function resolvePlain(text: string): unknown {
  if (NULLS.has(text)) return null;
  if (PY_TRUE.has(text)) return true;
  if (PY_FALSE.has(text)) return false;
  if (/^[-+]?[0-9.]/.test(text)) {
    if (INT.test(text)) {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : giveUp();
    }
    if (FLOAT.test(text)) return Number(text);
    if (/^[-+]?[0-9.]/.test(text) && !/^-?[A-Za-z_]/.test(text)) giveUp();
  }
  // The yaml package also reads `E0` or `e5` as floats (YAML 1.1's exponent form), and `<<` merges.
  if (FLOAT_EXP.test(text) || text === '<<' || text === '=') giveUp();
  // `y`/`n` are strings for PyYAML (the full parser narrows its booleans the same way).
  return text;
}
