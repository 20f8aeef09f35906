/**
 * The context a generic test renders with: `_dbt_generic_test_kwargs` from the test's YAML
 * arguments. Values written as Jinja (`{{ get_where_subquery(ref('x')) }}`) or as bare
 * `ref(...)`/`source(...)` calls are evaluated to values in the test's own context, so an
 * ephemeral model is inlined and a relation stays a relation.
 */
import type { CompilableNode, Prepare } from '../compiler/index.js';

const CALL = /^\s*(ref|source)\s*\(.*\)\s*$/s;
const EXPRESSION = /^\s*\{\{(.*)\}\}\s*$/s;

export function genericTestKwargs(node: CompilableNode): Prepare | undefined {
  const meta = node.test_metadata as { kwargs?: Record<string, unknown> } | undefined;
  if (!meta) return undefined;
  return async (evaluate) => {
    const kwargs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta.kwargs ?? {})) {
      if (typeof value !== 'string') kwargs[key] = value;
      else if (EXPRESSION.test(value)) kwargs[key] = await evaluate(EXPRESSION.exec(value)![1]!);
      else if (CALL.test(value)) kwargs[key] = await evaluate(value);
      else kwargs[key] = value;
    }
    return { _dbt_generic_test_kwargs: kwargs };
  };
}
