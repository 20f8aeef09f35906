/**
 * Expressions -> JavaScript expression source. Generated code runs inside an async function
 * with `R` (RenderRuntime), `st` (Frame), the current scope variable, `t` (scratch), `p`
 * (position index for errors) and per-function temporaries. Host results are awaited only
 * when they are thenables.
 */
import type * as A from './ast.js';
import { Undefined } from './value/index.js';

/** Per generated function: its temporaries, current output/scope variables and soft-frame flag. */
export class FnContext {
  private temps = 0;
  out = 'out';
  scope = 's';
  /** Inside an `if` body or inline-if: unknown filters/tests fail at run time, as in Jinja2. */
  soft = false;
  /** Root of a child template: output only while no `extends` has run. */
  guardOutput = false;

  temp(): string {
    return `u${this.temps++}`;
  }

  /** `let` line for the scratch variables; nested arrow functions share the outer `p`. */
  declarations(withPosition = true): string {
    const names = withPosition ? ['t', 'p = 0'] : ['t'];
    for (let i = 0; i < this.temps; i++) names.push(`u${i}`);
    return `let ${names.join(', ')};`;
  }
}

/** Shared state of one template's compilation: hoisted constants, positions, filter/test refs. */
export interface CompileTables {
  constants: unknown[];
  positions: number[];
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
  /** Called for an unknown filter/test outside a soft frame: raises the compile-time error. */
  failUnknown(what: 'filter' | 'test', name: string, at: A.Pos): never;
  /** Raise a compile-time (syntax) error at a node. */
  fail(message: string, at: A.Pos): never;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

export function prop(name: string): string {
  return IDENT.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

export class ExprCompiler {
  constructor(protected readonly tables: CompileTables) {}

  /** Record a position; returns the index the generated code assigns to `p`. */
  pos(at: A.Pos): number {
    const positions = this.tables.positions;
    positions.push(at.line, at.column);
    return positions.length / 2 - 1;
  }

  protected constant(value: unknown): string {
    this.tables.constants.push(value);
    return `K[${this.tables.constants.length - 1}]`;
  }

  private awaited(code: string): string {
    return `(R.isP(t = ${code}) ? await t : t)`;
  }

  /** A name looked up in the scope chain, then the frame (context, globals). */
  lookup(name: string, f: FnContext): string {
    return `((t = ${f.scope}${prop(name)}) !== undefined ? t : st.resolve(${JSON.stringify(name)}))`;
  }

  expr(e: A.Expr, f: FnContext): string {
    switch (e.kind) {
      case 'const':
        if (e.float) return this.constant(e.value);
        if (typeof e.value === 'string') return JSON.stringify(e.value);
        return String(e.value);
      case 'name':
        return this.lookup(e.name, f);
      case 'list':
        return `[${e.items.map((i) => this.expr(i, f)).join(', ')}]`;
      case 'tuple':
        return `R.tuple([${e.items.map((i) => this.expr(i, f)).join(', ')}])`;
      case 'dict':
        return `R.dict([${e.pairs.map(([k, v]) => `[${this.expr(k, f)}, ${this.expr(v, f)}]`).join(', ')}])`;
      case 'getattr': {
        const target = this.expr(e.target, f);
        return `(p = ${this.pos(e)}, R.attr(${target}, ${JSON.stringify(e.name)}))`;
      }
      case 'getitem': {
        const target = this.expr(e.target, f);
        return `(p = ${this.pos(e)}, R.item(${target}, ${this.expr(e.key, f)}))`;
      }
      case 'slice': {
        const part = (x: A.Expr | null) => (x === null ? 'null' : this.expr(x, f));
        const target = this.expr(e.target, f);
        return `(p = ${this.pos(e)}, R.slice(${target}, ${part(e.start)}, ${part(e.stop)}, ${part(e.step)}))`;
      }
      case 'call':
        return this.call(e, f, null);
      case 'filter':
        return this.filter(e, this.expr(e.target!, f), f);
      case 'test':
        return this.test(e, f);
      case 'binary':
        return `(p = ${this.pos(e)}, R.bin(${JSON.stringify(e.op)}, ${this.expr(e.left, f)}, ${this.expr(e.right, f)}))`;
      case 'unary':
        if (e.op === 'not') return `!R.t(${this.expr(e.operand, f)})`;
        return `(p = ${this.pos(e)}, R.un(${JSON.stringify(e.op)}, ${this.expr(e.operand, f)}))`;
      case 'compare':
        return this.compare(e, f);
      case 'and': {
        const u = f.temp();
        return `(R.t(${u} = ${this.expr(e.left, f)}) ? ${this.expr(e.right, f)} : ${u})`;
      }
      case 'or': {
        const u = f.temp();
        return `(R.t(${u} = ${this.expr(e.left, f)}) ? ${u} : ${this.expr(e.right, f)})`;
      }
      case 'cond': {
        const soft = f.soft;
        f.soft = true;
        const otherwise =
          e.ifFalse === null
            ? this.constant(
                new Undefined(
                  `the inline if-expression on line ${e.line} evaluated to false and no else section was defined.`,
                ),
              )
            : this.expr(e.ifFalse, f);
        const code = `(R.t(${this.expr(e.test, f)}) ? ${this.expr(e.ifTrue, f)} : ${otherwise})`;
        f.soft = soft;
        return code;
      }
    }
  }

  private compare(e: A.CompareExpr, f: FnContext): string {
    const p = this.pos(e);
    if (e.ops.length === 1) {
      const [{ op, expr }] = e.ops as [A.CompareExpr['ops'][number]];
      return `(p = ${p}, R.cmp(${JSON.stringify(op)}, ${this.expr(e.first, f)}, ${this.expr(expr, f)}))`;
    }
    let prev = f.temp();
    let code = `(${prev} = ${this.expr(e.first, f)}, `;
    const parts: string[] = [];
    for (const { op, expr } of e.ops) {
      const cur = f.temp();
      parts.push(`(${cur} = ${this.expr(expr, f)}, p = ${p}, R.cmp(${JSON.stringify(op)}, ${prev}, ${cur}))`);
      prev = cur;
    }
    code += `${parts.join(' && ')})`;
    return code;
  }

  /** Argument list source: a JS array expression (positional, splat, then one Kwargs). */
  args(a: A.CallArgs, f: FnContext, extraKwargs: [string, string][] = []): string {
    let code = `[${a.args.map((x) => this.expr(x, f)).join(', ')}]`;
    if (a.dynArgs !== null) code = `R.spread(${code}, ${this.expr(a.dynArgs, f)})`;
    const named = [...a.kwargs.map(([k, v]) => [k, this.expr(v, f)] as [string, string]), ...extraKwargs];
    if (named.length === 0 && a.dynKwargs === null) return code;
    // Computed keys: a literal `"__proto__": v` would set the prototype instead of a property.
    const obj = `{${named.map(([k, v]) => `[${JSON.stringify(k)}]: ${v}`).join(', ')}}`;
    if (a.dynKwargs === null) return `R.withKwargs(${code}, ${obj})`;
    return `R.withKwargs(${code}, ${obj}, ${this.expr(a.dynKwargs, f)})`;
  }

  /** A call; method calls keep their object as `this`. `extraKwargs` carries a call block's caller. */
  call(e: A.CallExpr, f: FnContext, extraKwargs: [string, string][] | null): string {
    const p = this.pos(e);
    if (e.callee.kind === 'getattr') {
      const self = f.temp();
      const fn = f.temp();
      const target = this.expr(e.callee.target, f);
      const ap = this.pos(e.callee);
      const args = this.args(e, f, extraKwargs ?? []);
      return this.awaited(
        `(${self} = ${target}, p = ${ap}, ${fn} = R.attr(${self}, ${JSON.stringify(e.callee.name)}), ` +
          `${this.callTail(fn, self, args, p)})`,
      );
    }
    const fn = f.temp();
    const callee = this.expr(e.callee, f);
    const args = this.args(e, f, extraKwargs ?? []);
    return this.awaited(`(${fn} = ${callee}, ${this.callTail(fn, 'null', args, p)})`);
  }

  /** Evaluate arguments, then set the call's position, then call. */
  private callTail(fn: string, self: string, args: string, p: number): string {
    return `R.call(${fn}, ${self}, (t = ${args}, p = ${p}, t))`;
  }

  filter(e: A.FilterExpr, value: string, f: FnContext): string {
    if (!this.tables.hasFilter(e.name)) {
      if (!f.soft) this.tables.failUnknown('filter', e.name, e);
      return `(p = ${this.pos(e)}, R.noFilter(${JSON.stringify(e.name)}))`;
    }
    const args = this.args(e, f);
    const p = this.pos(e);
    const fn = `E.filters[${JSON.stringify(e.name)}]`;
    if (args === '[]') return this.awaited(`(t = ${value}, p = ${p}, ${fn}(R.rc, t))`);
    return this.awaited(`(t = [R.rc, ${value}].concat(${args}), p = ${p}, ${fn}.apply(null, t))`);
  }

  private test(e: A.TestExpr, f: FnContext): string {
    if (!this.tables.hasTest(e.name)) {
      if (!f.soft) this.tables.failUnknown('test', e.name, e);
      return `(p = ${this.pos(e)}, R.noTest(${JSON.stringify(e.name)}))`;
    }
    const value = this.expr(e.target, f);
    const args = this.args(e, f);
    const p = this.pos(e);
    const fn = `E.tests[${JSON.stringify(e.name)}]`;
    if (args === '[]') return this.awaited(`(t = ${value}, p = ${p}, ${fn}(R.rc, t))`);
    return this.awaited(`(t = [R.rc, ${value}].concat(${args}), p = ${p}, ${fn}.apply(null, t))`);
  }
}
