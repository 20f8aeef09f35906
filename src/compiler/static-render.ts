/**
 * The compile fast path: most models are plain SQL with `{{ … }}` outputs and no tags. Without
 * tags the outputs are independent expressions, so such a template renders by splicing: refs and
 * sources with literal arguments resolve directly, and any other expression (`config(…)`, a macro
 * call) renders through a one-expression template whose string literals are lifted into names,
 * shared by every node that writes the same expression shape. No template is lexed, parsed and
 * compiled per node. Tags, comments and whitespace control are left to the engine.
 */
import type { RefCall } from './dbt-context.js';

/** One piece of a statically renderable template, in source order. */
export type StaticPart =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; call: RefCall }
  | { kind: 'source'; sourceName: string; tableName: string }
  /** Any other expression, rendered by the engine on its own; `literals` fill its lifted names. */
  | { kind: 'expression'; expression: string; literals: Record<string, string> };

const STRING = String.raw`(?:'([^'\\]*)'|"([^"\\]*)")`;
const REF = new RegExp(
  String.raw`^ref\(\s*${STRING}\s*(?:,\s*${STRING}\s*)?(?:,\s*(?:v|version)\s*=\s*(?:(\d+(?:\.\d+)?)|${STRING})\s*)?\)$`,
);
const SOURCE = new RegExp(String.raw`^source\(\s*${STRING}\s*,\s*${STRING}\s*\)$`);
const OUTPUT = /\{\{([\s\S]*?)\}\}/g;

/**
 * Splits `source` into text and ref/source/config calls, or undefined when the engine must
 * render it. Newlines are normalised and one trailing newline dropped, as the lexer does.
 */
export function splitStatic(source: string, keepTrailingNewline: boolean): StaticPart[] | undefined {
  if (source.includes('{%') || source.includes('{#')) return undefined;
  let src = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  if (!keepTrailingNewline && src.endsWith('\n')) src = src.slice(0, -1);
  const parts: StaticPart[] = [];
  let at = 0;
  OUTPUT.lastIndex = 0;
  for (let m = OUTPUT.exec(src); m; m = OUTPUT.exec(src)) {
    const inner = m[1]!;
    // Whitespace control strips neighbouring text: left to the engine.
    if (inner.startsWith('-') || inner.startsWith('+') || inner.endsWith('-') || inner.endsWith('+'))
      return undefined;
    const part = staticCall(inner.trim());
    if (!part) return undefined;
    if (m.index > at) parts.push({ kind: 'text', text: src.slice(at, m.index) });
    parts.push(part);
    at = m.index + m[0].length;
  }
  // A lone `{{` left over is a syntax error the engine reports with its position.
  if (src.indexOf('{{', at) >= 0) return undefined;
  if (at < src.length) parts.push({ kind: 'text', text: src.slice(at) });
  return parts;
}

function staticCall(expr: string): StaticPart | undefined {
  let r = REF.exec(expr);
  if (r) {
    const first = r[1] ?? r[2]!;
    const second = r[3] ?? r[4];
    const call: RefCall = second === undefined ? { name: first } : { package: first, name: second };
    if (r[5] !== undefined) call.version = Number(r[5]);
    else if ((r[6] ?? r[7]) !== undefined) call.version = (r[6] ?? r[7])!;
    return { kind: 'ref', call };
  }
  r = SOURCE.exec(expr);
  if (r) return { kind: 'source', sourceName: r[1] ?? r[2]!, tableName: r[3] ?? r[4]! };
  const lifted = liftStringLiterals(expr);
  if (!lifted) return { kind: 'expression', expression: expr, literals: {} };
  const literals: Record<string, string> = {};
  lifted.values.forEach((v, i) => {
    literals[`${LITERAL_PREFIX}${i}`] = v;
  });
  return { kind: 'expression', expression: lifted.text, literals };
}

/**
 * Replaces the simple string literals of a Jinja expression with names (`__tessera_lit_0`…), so
 * expressions that differ only in their strings (`get_where_subquery(ref('a'))`, `… ref('b')`)
 * share one compiled template. Undefined when a literal has escapes or two literals are adjacent
 * (Jinja concatenates `'a' 'b'`): those are evaluated as written.
 */
export function liftStringLiterals(expression: string): { text: string; values: string[] } | undefined {
  const values: string[] = [];
  let text = '';
  let i = 0;
  let lastWasLiteral = false;
  while (i < expression.length) {
    const c = expression[i]!;
    if (c === "'" || c === '"') {
      const end = expression.indexOf(c, i + 1);
      if (end < 0) return undefined;
      const value = expression.slice(i + 1, end);
      // An escape, `'a' 'b'` (concatenated) or `x'a'` (a name once lifted) keep the text as written.
      if (value.includes('\\') || lastWasLiteral || /\w/.test(expression[i - 1] ?? '')) return undefined;
      text += `${LITERAL_PREFIX}${values.length}`;
      values.push(value);
      i = end + 1;
      lastWasLiteral = true;
      continue;
    }
    if (!/\s/.test(c)) lastWasLiteral = false;
    text += c;
    i++;
  }
  return { text, values };
}

export const LITERAL_PREFIX = '__tessera_lit_';
