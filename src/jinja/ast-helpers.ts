/** Small AST helpers for the statement parser: macro nodes, constant header arguments. */
import type * as A from './ast.js';
import type { Token } from './tokens.js';

export function constantValue(e: A.Expr, fail: (msg: string) => never): unknown {
  switch (e.kind) {
    case 'const':
      return e.value;
    case 'list':
    case 'tuple':
      return e.items.map((i) => constantValue(i, fail));
    case 'dict':
      return Object.fromEntries(
        e.pairs.map(([k, v]) => [String(constantValue(k, fail)), constantValue(v, fail)]),
      );
    case 'name':
      return e.name;
    default:
      return fail('header arguments must be constants');
  }
}

export function makeMacro(name: string, params: A.Param[], body: A.Stmt[], tok: Token): A.MacroStmt {
  // Declared parameters shadow the special names, as in Jinja2.
  const special = ['caller', 'varargs', 'kwargs'].filter((n) => !params.some((p) => p.name === n));
  const used = findNames(body, new Set(special));
  return {
    kind: 'macro',
    name,
    params,
    body,
    usesCaller: used.has('caller'),
    usesVarargs: used.has('varargs'),
    usesKwargs: used.has('kwargs'),
    line: tok.line,
    column: tok.column,
  };
}

/** Which of `wanted` are read anywhere in `node` (nested macros included, as Jinja2 does). */
function findNames(node: unknown, wanted: Set<string>, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const n of node) findNames(n, wanted, found);
  } else if (node !== null && typeof node === 'object') {
    const rec = node as Record<string, unknown>;
    if (rec.kind === 'name' && typeof rec.name === 'string' && wanted.has(rec.name)) {
      found.add(rec.name);
    }
    for (const key in rec) {
      if (key !== 'line' && key !== 'column') findNames(rec[key], wanted, found);
    }
  }
  return found;
}

export function quoteList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(' or ');
}
