/**
 * The static fast path: most models are plain SQL with `{{ ref() }}`, `{{ source() }}` and a
 * literal `{{ config() }}`. Those are read without rendering, as dbt's static extractor does;
 * anything else (other tags, expressions, macros) returns undefined and is rendered instead.
 */
import type { RefCall } from '../compiler/index.js';

export interface StaticExtract {
  refs: RefCall[];
  sources: [string, string][];
  config: Record<string, unknown>;
}

const STRING = String.raw`(?:'([^'\\]*)'|"([^"\\]*)")`;
const REF = new RegExp(
  String.raw`^ref\(\s*${STRING}\s*(?:,\s*${STRING}\s*)?(?:,\s*(?:v|version)\s*=\s*(?:(\d+(?:\.\d+)?)|${STRING})\s*)?\)$`,
);
const SOURCE = new RegExp(String.raw`^source\(\s*${STRING}\s*,\s*${STRING}\s*\)$`);

/** Whether a macro name, called from a model, resolves to an inert macro (see isInertMacroSql). */
export type InertMacroCheck = (name: string) => boolean;

/**
 * @param isInertMacro when given, `{{ name(...) }}` expressions calling inert macros with literal
 *   arguments are skipped instead of sending the file to rendering: such a call can only print
 *   text, never call ref/source/config, so capture would find nothing in it.
 */
export function staticExtract(sql: string, isInertMacro?: InertMacroCheck): StaticExtract | undefined {
  if (sql.includes('{%') || sql.includes('{#')) return undefined;
  const out: StaticExtract = { refs: [], sources: [], config: {} };
  const re = /\{\{-?([\s\S]*?)-?\}\}/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    const expr = m[1]!.trim();
    let r = REF.exec(expr);
    if (r) {
      const first = r[1] ?? r[2]!;
      const second = r[3] ?? r[4];
      const call: RefCall = second === undefined ? { name: first } : { package: first, name: second };
      const v = r[5] ?? r[6] ?? r[7];
      if (v !== undefined) call.version = r[5] !== undefined ? Number(v) : v;
      out.refs.push(call);
      continue;
    }
    r = SOURCE.exec(expr);
    if (r) {
      out.sources.push([r[1] ?? r[2]!, r[3] ?? r[4]!]);
      continue;
    }
    if (expr.startsWith('config(') && expr.endsWith(')')) {
      const cfg = parseLiteralKwargs(expr.slice(7, -1));
      if (!cfg) return undefined;
      Object.assign(out.config, cfg);
      continue;
    }
    if (isInertMacro && isInertCall(expr, isInertMacro)) continue;
    return undefined;
  }
  return out;
}

const MACRO_OPEN = /^\{%-?\s*macro\s+[A-Za-z_][A-Za-z0-9_]*\s*\(([^()]*)\)\s*-?%\}/;
const MACRO_CLOSE = /\{%-?\s*endmacro\s*-?%\}$/;
const BARE_NAME_OUTPUT = /\{\{-?\s*[A-Za-z_][A-Za-z0-9_]*\s*-?\}\}/g;

/**
 * A macro is inert when its body is text and `{{ name }}` outputs only (no tags, no calls, no
 * filters) and its parameter defaults are plain: calling it cannot reach ref, source or config.
 */
export function isInertMacroSql(macroSql: string): boolean {
  const open = MACRO_OPEN.exec(macroSql);
  const close = MACRO_CLOSE.exec(macroSql);
  if (!open || !close || !/^[\w\s,=.'"-]*$/.test(open[1]!)) return false;
  const body = macroSql.slice(open[0].length, close.index).replace(BARE_NAME_OUTPUT, '');
  return !body.includes('{{') && !body.includes('{%') && !body.includes('{#');
}

/** `name(arg, key=arg)` where `name` is inert and every arg is a literal or another such call. */
function isInertCall(expr: string, isInertMacro: InertMacroCheck): boolean {
  const p = new LiteralParser(expr);
  return p.inertCall(isInertMacro) && p.done();
}

/** `materialized='table', tags=['a'], enabled=true` with literal values only. */
export function parseLiteralKwargs(text: string): Record<string, unknown> | undefined {
  const p = new LiteralParser(text);
  const out: Record<string, unknown> = {};
  p.ws();
  while (!p.done()) {
    const key = p.ident();
    if (!key) return undefined;
    p.ws();
    if (!p.eat('=')) return undefined;
    const value = p.value();
    if (value === FAIL) return undefined;
    out[key] = value;
    p.ws();
    if (!p.eat(',')) break;
    p.ws();
  }
  return p.done() ? out : undefined;
}

const FAIL = Symbol('fail');

/** Names the dbt context defines itself: a call of one of these is never a plain macro call. */
const CONTEXT_NAMES = new Set([
  'ref',
  'source',
  'config',
  'var',
  'env_var',
  'return',
  'log',
  'print',
  'adapter',
  'run_query',
  'statement',
  'doc',
  'exceptions',
  'is_incremental',
  'load_result',
  'store_result',
  'store_raw_result',
  'fromjson',
  'tojson',
  'fromyaml',
  'toyaml',
  'zip',
  'set',
  'range',
  'dict',
  'list',
  'metric',
  'graph',
]);

function isInertMacroName(name: string, isInertMacro: InertMacroCheck): boolean {
  return !CONTEXT_NAMES.has(name) && isInertMacro(name);
}

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string) {}
  done() {
    this.ws();
    return this.i >= this.s.length;
  }
  ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  eat(c: string) {
    if (this.s.startsWith(c, this.i)) {
      this.i += c.length;
      return true;
    }
    return false;
  }
  ident(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  /** Reads `name(args…)` when `name` is inert and its args literals or inert calls. */
  inertCall(isInertMacro: InertMacroCheck): boolean {
    this.ws();
    const name = this.ident();
    if (!name || !isInertMacroName(name, isInertMacro)) return false;
    this.ws();
    if (!this.eat('(')) return false;
    this.ws();
    while (!this.eat(')')) {
      const start = this.i;
      const key = this.ident();
      this.ws();
      if (!(key && this.s[this.i] === '=' && this.s[this.i + 1] !== '=' && this.eat('='))) this.i = start;
      if (!this.argument(isInertMacro)) return false;
      this.ws();
      if (!this.eat(',') && !this.s.startsWith(')', this.i)) return false;
      this.ws();
    }
    return true;
  }
  private argument(isInertMacro: InertMacroCheck): boolean {
    this.ws();
    if (/^[A-Za-z_][A-Za-z0-9_]*\s*\(/.test(this.s.slice(this.i))) return this.inertCall(isInertMacro);
    return this.value() !== FAIL;
  }
  value(): unknown {
    this.ws();
    const rest = this.s.slice(this.i);
    const str = /^(?:'([^'\\]*)'|"([^"\\]*)")/.exec(rest);
    if (str) {
      this.i += str[0].length;
      return str[1] ?? str[2];
    }
    const num = /^-?\d+(?:\.\d+)?(?![\w.])/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const word = /^(true|false|True|False|none|None)\b/.exec(rest);
    if (word) {
      this.i += word[0].length;
      const w = word[0].toLowerCase();
      return w === 'true' ? true : w === 'false' ? false : null;
    }
    if (this.eat('[')) {
      const items: unknown[] = [];
      this.ws();
      while (!this.eat(']')) {
        const v = this.value();
        if (v === FAIL) return FAIL;
        items.push(v);
        this.ws();
        if (!this.eat(',') && !this.s.startsWith(']', this.i)) return FAIL;
        this.ws();
      }
      return items;
    }
    if (this.eat('{')) {
      const obj: Record<string, unknown> = {};
      this.ws();
      while (!this.eat('}')) {
        const k = this.value();
        if (typeof k !== 'string') return FAIL;
        this.ws();
        if (!this.eat(':')) return FAIL;
        const v = this.value();
        if (v === FAIL) return FAIL;
        obj[k] = v;
        this.ws();
        if (!this.eat(',') && !this.s.startsWith('}', this.i)) return FAIL;
        this.ws();
      }
      return obj;
    }
    return FAIL;
  }
}
