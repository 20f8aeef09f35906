/**
 * Jinja2's static scoping rule that a prototype chain alone does not give: a name whose first
 * use in a frame is a store, and that no enclosing frame mentions, starts as *undefined* in that
 * frame instead of being looked up in the context (`{% set x = 1 %}` later in a loop body hides
 * a context `x` from the start of the body). Stores inside only some branches of an `if` do not
 * count (Jinja2 resolves those from the context). Frames: the template, a `for` body, a macro or
 * call block, `with`, a set block, a filter block, a block.
 */
import type * as A from './ast.js';

interface Use {
  name: string;
  store: boolean;
}

/** Uses of names in a frame's own statements, in Jinja2's visiting order (nested frames excluded). */
export function frameUses(stmts: readonly A.Stmt[], out: Use[] = []): Use[] {
  for (const s of stmts) stmtUses(s, out);
  return out;
}

function stmtUses(s: A.Stmt, out: Use[]): void {
  switch (s.kind) {
    case 'output':
      for (const p of s.parts) if (typeof p !== 'string') exprUses(p, out);
      return;
    case 'if':
      ifUses(s, out);
      return;
    case 'for':
      exprUses(s.iter, out);
      return;
    case 'set':
      exprUses(s.value, out);
      targetUses(s.target, out);
      return;
    case 'setblock':
      targetUses(s.target, out);
      return;
    case 'macro':
      out.push({ name: s.name, store: true });
      return;
    case 'callblock':
      exprUses(s.call, out);
      return;
    case 'filterblock':
      for (const f of s.filters) exprUses(f, out);
      return;
    case 'with':
      for (const a of s.assignments) exprUses(a.value, out);
      return;
    case 'do':
      exprUses(s.expr, out);
      return;
    case 'include':
    case 'extends':
      exprUses(s.template, out);
      return;
    case 'import':
      exprUses(s.template, out);
      out.push({ name: s.alias, store: true });
      return;
    case 'fromimport':
      exprUses(s.template, out);
      for (const n of s.names) out.push({ name: n.alias, store: true });
      return;
    default:
      return;
  }
}

/** Branches are analysed apart; a name stored in every branch counts as stored, else as loaded. */
function ifUses(s: A.IfStmt, out: Use[]): void {
  exprUses(s.test, out);
  for (const e of s.elifs) exprUses(e.test, out);
  const branches = [s.body, ...s.elifs.map((e) => e.body), s.else].map((b) => frameUses(b));
  const names = new Set(branches.flatMap((b) => b.map((u) => u.name)));
  for (const name of names) {
    const storedEverywhere = branches.every((b) => b.find((u) => u.name === name)?.store === true);
    out.push({ name, store: storedEverywhere });
  }
}

function targetUses(t: A.Target, out: Use[]): void {
  if (t.kind === 'name') out.push({ name: t.name, store: true });
  else if (t.kind === 'nsattr') out.push({ name: t.name, store: false });
  else for (const item of t.items) targetUses(item, out);
}

/** Loads of every name in an expression (tree walk over the expression node kinds). */
export function exprUses(e: A.Expr | null, out: Use[]): void {
  if (e === null) return;
  switch (e.kind) {
    case 'name':
      out.push({ name: e.name, store: false });
      return;
    case 'const':
      return;
    case 'list':
    case 'tuple':
      for (const i of e.items) exprUses(i, out);
      return;
    case 'dict':
      for (const [k, v] of e.pairs) {
        exprUses(k, out);
        exprUses(v, out);
      }
      return;
    case 'getattr':
      exprUses(e.target, out);
      return;
    case 'getitem':
      exprUses(e.target, out);
      exprUses(e.key, out);
      return;
    case 'slice':
      exprUses(e.target, out);
      exprUses(e.start, out);
      exprUses(e.stop, out);
      exprUses(e.step, out);
      return;
    case 'call':
    case 'filter':
    case 'test':
      if (e.kind === 'call') exprUses(e.callee, out);
      else exprUses(e.target, out);
      for (const a of e.args) exprUses(a, out);
      for (const [, v] of e.kwargs) exprUses(v, out);
      exprUses(e.dynArgs, out);
      exprUses(e.dynKwargs, out);
      return;
    case 'binary':
    case 'and':
    case 'or':
      exprUses(e.left, out);
      exprUses(e.right, out);
      return;
    case 'unary':
      exprUses(e.operand, out);
      return;
    case 'compare':
      exprUses(e.first, out);
      for (const o of e.ops) exprUses(o.expr, out);
      return;
    case 'cond':
      exprUses(e.ifTrue, out);
      exprUses(e.test, out);
      exprUses(e.ifFalse, out);
      return;
  }
}

/**
 * The names a frame must start as undefined: first used by a store, not declared by the frame
 * (parameters, loop targets), and unknown to every enclosing frame.
 */
export function undefinedAtEntry(
  uses: readonly Use[],
  declared: Iterable<string>,
  enclosing: readonly Set<string>[],
) {
  const seen = new Set<string>(declared);
  const result: string[] = [];
  for (const { name, store } of uses) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (store && !enclosing.some((refs) => refs.has(name))) result.push(name);
  }
  return result;
}

/** Every name a frame mentions (its refs, for frames nested inside it). */
export function refsOf(uses: readonly Use[], declared: Iterable<string>): Set<string> {
  const refs = new Set<string>(declared);
  for (const u of uses) refs.add(u.name);
  return refs;
}
