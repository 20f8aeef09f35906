/**
 * `{% for %}` -> JavaScript: the iterable becomes an array (filtered first by an `if` clause, so
 * `loop.length` counts kept items), each iteration gets a child scope holding the target and
 * `loop`, and a `recursive` loop is a local async function so `loop(children)` can render a
 * nested level with its own `else`.
 */
import type * as A from './ast.js';
import { FnContext } from './codegen-expr.js';
import { exprUses, frameUses } from './scope-analysis.js';

/** What the loop compiler needs from the code generator. */
export interface LoopCodegen {
  nextId(): number;
  pos(at: A.Pos): number;
  expr(e: A.Expr, f: FnContext): string;
  assign(target: A.Target, value: string, f: FnContext): string;
  block(stmts: A.Stmt[], f: FnContext, out: string[]): void;
  enterFrame(scope: string, uses: ReturnType<typeof frameUses>, declared: readonly string[]): string[];
  leaveFrame(): void;
}

export function targetNames(t: A.Target, out: string[]): string[] {
  if (t.kind === 'name') out.push(t.name);
  else if (t.kind === 'tuple') for (const item of t.items) targetNames(item, out);
  return out;
}

export function compileFor(g: LoopCodegen, stmt: A.ForStmt, f: FnContext, out: string[]): void {
  const soft = f.soft;
  f.soft = false;
  const n = g.nextId();
  const items = `it${n}`;
  const loop = `L${n}`;
  out.push(`p = ${g.pos(stmt)};`, '{');
  const iterCode = g.expr(stmt.iter, f);
  const outer = f.scope;
  const lines: string[] = [];
  // A recursive loop is a local function so `loop(children)` can render a nested level.
  const fn = stmt.recursive ? new FnContext() : f;
  if (stmt.recursive) {
    fn.scope = outer;
    fn.guardOutput = f.guardOutput;
    lines.push(`const rec${n} = async (v${n}, depth${n}) => {`, `let out = '', ran${n} = false;`, '');
  }
  const declLine = lines.length - 1;
  const source = stmt.recursive ? `v${n}` : iterCode;
  lines.push(`let ${items} = R.iter(${source});`);
  if (stmt.filter !== null) {
    const fs = `fs${n}`;
    lines.push(`{ const kept = [];`, `for (const x${n} of ${items}) {`);
    lines.push(`const ${fs} = Object.create(${outer});`);
    fn.scope = fs;
    lines.push(
      `${g.assign(stmt.target, `x${n}`, fn)};`,
      `if (R.t(${g.expr(stmt.filter, fn)})) kept.push(x${n});`,
    );
    fn.scope = outer;
    lines.push('}', `${items} = kept; }`);
  }
  const depth = stmt.recursive ? `depth${n}` : '1';
  const recurse = stmt.recursive ? `(v) => rec${n}(v, depth${n} + 1)` : 'undefined';
  lines.push(`const ${loop} = R.loop(${items}, ${depth}, ${recurse});`);
  lines.push(`for (let i = 0, n = ${items}.length; i < n; i++) {`);
  const body = `s${g.nextId()}`;
  lines.push(`const ${body} = Object.create(${outer});`, `${loop}.index0 = i;`, `${body}.loop = ${loop};`);
  const loopUses: ReturnType<typeof frameUses> = [];
  exprUses(stmt.filter, loopUses);
  frameUses(stmt.body, loopUses);
  frameUses(stmt.else, loopUses);
  lines.push(...g.enterFrame(body, loopUses, [...targetNames(stmt.target, []), 'loop']));
  fn.scope = body;
  const target = g.assign(stmt.target, `${items}[i]`, fn);
  lines.push(stmt.target.kind === 'name' ? `${target};` : `p = ${g.pos(stmt)}, ${target};`);
  const savedOut = fn.out;
  if (stmt.recursive) fn.out = 'out';
  g.block(stmt.body, fn, lines);
  g.leaveFrame();
  // Jinja2 marks "the loop ran" at the end of a body, so `break`/`continue` before it keep `else` alive.
  if (stmt.else.length > 0) lines.push(`ran${n} = true;`);
  lines.push('}');
  fn.scope = outer;
  if (stmt.recursive) {
    // Each level of a recursive loop has its own `else`.
    if (stmt.else.length > 0) {
      lines.push(`if (!ran${n}) {`);
      fn.scope = outer;
      g.block(stmt.else, fn, lines);
      lines.push('}');
    }
    fn.out = savedOut;
    lines[declLine] = fn.declarations(false);
    lines.push(`return out;`, `};`);
    out.push(...lines);
    out.push(`${f.out} += await rec${n}(${iterCode}, 1);`);
  } else {
    out.push(`let ran${n} = false;`, ...lines);
    if (stmt.else.length > 0) {
      out.push(`if (!ran${n}) {`);
      g.block(stmt.else, f, out);
      out.push('}');
    }
  }
  out.push('}');
  f.soft = soft;
}
