/**
 * The context a generic test renders with: `_dbt_generic_test_kwargs` from the test's YAML
 * arguments, rendered the way dbt renders them at compile time. Every string, at any depth of
 * lists and mappings (except the top-level `column_name`), is evaluated in the test's own
 * context: `{{ expr }}` gives the expression's value (a relation stays a relation, a number a
 * number), a bare call of `ref`/`source`/`var`/`env_var`/`doc` is evaluated as if wrapped in
 * `{{ }}`, and text mixing literal parts with `{{ … }}` outputs renders to text.
 */
import type { CompilableNode, Prepare } from '../compiler/index.js';

const CALL = /^\s*(env_var|ref|var|source|doc)\s*\(.*\)\s*$/s;
const EXPRESSION = /^\s*\{\{(.*)\}\}\s*$/s;
const OUTPUT = /\{\{([\s\S]*?)\}\}/g;

type Evaluate = (expression: string) => Promise<unknown>;

export function genericTestKwargs(node: CompilableNode): Prepare | undefined {
  const meta = node.test_metadata as { kwargs?: Record<string, unknown> } | undefined;
  if (!meta) return undefined;
  return async (evaluate) => {
    const kwargs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta.kwargs ?? {}))
      kwargs[key] = key === 'column_name' ? value : await rendered(value, evaluate);
    return { _dbt_generic_test_kwargs: kwargs };
  };
}

async function rendered(value: unknown, evaluate: Evaluate): Promise<unknown> {
  if (typeof value === 'string') return renderedString(value, evaluate);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await rendered(item, evaluate));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await rendered(v, evaluate);
    return out;
  }
  return value;
}

async function renderedString(value: string, evaluate: Evaluate): Promise<unknown> {
  const whole = EXPRESSION.exec(value);
  if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!);
  if (CALL.test(value)) return evaluate(value);
  if (!value.includes('{{') || value.includes('{%')) return value;
  // Text with outputs: one expression concatenating the literal parts and each output's text.
  const parts: string[] = [];
  let last = 0;
  for (const m of value.matchAll(OUTPUT)) {
    if (m.index > last) parts.push(JSON.stringify(value.slice(last, m.index)));
    parts.push(`((${m[1]}) | string)`);
    last = m.index + m[0].length;
  }
  if (last < value.length) parts.push(JSON.stringify(value.slice(last)));
  return evaluate(parts.join(' ~ '));
}
