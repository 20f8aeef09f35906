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

export function staticExtract(sql: string): StaticExtract | undefined {
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
    return undefined;
  }
  return out;
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
