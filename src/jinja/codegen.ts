/**
 * Template AST -> JavaScript source of a factory that returns the template's async functions:
 * `root(st, s)` renders the top level; `M<i>(st, s)` are macro bodies (hoisted: they reach
 * their surroundings only through the explicit scope object `s`, so they can be bound later).
 * Scopes are prototype chains of null-prototype objects: a `for` iteration, `with`, macro call
 * and call block each get a child scope; `if` does not (so top-level `set` inside `if` assigns
 * at top level).
 */
import type * as A from './ast.js';
import { type CompileTables, ExprCompiler, FnContext, prop } from './codegen-expr.js';
import { compileFor, type LoopCodegen, targetNames } from './codegen-for.js';
import type { MacroMeta } from './macro.js';
import { exprUses, frameUses, refsOf, undefinedAtEntry } from './scope-analysis.js';

export interface CompiledSource {
  /** Body of `new Function('R', 'E', 'K', 'MM', 'MAP', source)`; returns `{ root, macros }`. */
  source: string;
  constants: unknown[];
  positions: number[];
  metas: MacroMeta[];
  /** Index into `metas`/`macros` of each top-level macro and custom definition tag. */
  definitions: { stmt: A.MacroStmt | A.CustomBlockStmt; macro: number }[];
  /** The top level does more than define macros and print text (sets, imports, calls…). */
  hasTopLevelCode: boolean;
}

/** Whether `extends` appears outside macros and blocks (Jinja2 allows it inside `if`). */
function containsExtends(stmts: A.Stmt[]): boolean {
  return stmts.some(
    (s) =>
      s.kind === 'extends' ||
      (s.kind === 'if' &&
        (containsExtends(s.body) || s.elifs.some((e) => containsExtends(e.body)) || containsExtends(s.else))),
  );
}

export class CodeGenerator extends ExprCompiler implements LoopCodegen {
  private readonly functions: string[] = [];
  private readonly metas: MacroMeta[] = [];
  private readonly definitions: CompiledSource['definitions'] = [];
  private scopeCounter = 0;
  private readonly blockNames = new Map<string, number>();
  /** Names mentioned by each enclosing frame, innermost last (see scope-analysis.ts). */
  private frames: Set<string>[] = [];

  constructor(tables: CompileTables) {
    super(tables);
  }

  compile(ast: A.TemplateAst): CompiledSource {
    const f = new FnContext();
    const hasExtends = containsExtends(ast.body);
    f.guardOutput = hasExtends;
    const body: string[] = this.enterFrame('s', frameUses(ast.body), []);
    for (const stmt of ast.body) {
      if (stmt.kind === 'macro' || stmt.kind === 'custom') {
        const macro = this.macroFunction(stmt.kind === 'macro' ? stmt : stmt.macro);
        this.definitions.push({ stmt, macro });
        if (stmt.kind === 'macro')
          body.push(`s${prop(stmt.name)} = R.macro(MM[${macro}], st, s, M${macro});`);
        continue;
      }
      this.stmt(stmt, f, body);
    }
    const blocks = [...this.blockNames].map(([name, i]) => `${JSON.stringify(name)}: B${i}`);
    if (blocks.length > 0) body.unshift(`R.addBlocks(st, s, BLOCKS);`);
    if (hasExtends) {
      body.unshift('let parent;');
      body.push('if (parent !== undefined) return out + await R.renderParent(parent, st, s);');
    }
    this.functions.push(this.wrapFunction('root', f, body));
    const source = [
      '"use strict";',
      ...this.functions,
      `const BLOCKS = {${blocks.join(', ')}};`,
      `return { root, macros: [${this.metas.map((_, i) => `M${i}`).join(', ')}] };`,
    ].join('\n');
    return {
      source,
      constants: this.tables.constants,
      positions: this.tables.positions,
      metas: this.metas,
      definitions: this.definitions,
      hasTopLevelCode: ast.body.some(
        (st) =>
          !(
            st.kind === 'macro' ||
            st.kind === 'custom' ||
            (st.kind === 'output' && st.parts.every((x) => typeof x === 'string'))
          ),
      ),
    };
  }

  /**
   * Start a frame: returns the statements that set its store-first names to undefined, and
   * records its names for the frames nested inside it (until leaveFrame).
   */
  /** @internal */
  enterFrame(scope: string, uses: ReturnType<typeof frameUses>, declared: readonly string[]): string[] {
    const names = undefinedAtEntry(uses, declared, this.frames);
    this.frames.push(refsOf(uses, declared));
    return names.map((n) => `${scope}${prop(n)} = R.undef(${JSON.stringify(n)});`);
  }

  /** @internal */
  leaveFrame(): void {
    this.frames.pop();
  }

  /** An async function with one try/catch; a macro body also turns MacroReturn into its value. */
  private wrapFunction(name: string, f: FnContext, body: string[], isMacro = false): string {
    const onReturn = isMacro ? 'if (e instanceof R.MacroReturn) return R.nu(e.value); ' : '';
    return [
      `async function ${name}(st, s) {`,
      `let out = '';`,
      f.declarations(),
      'try {',
      ...body,
      `} catch (e) { ${onReturn}throw R.wrap(e, MAP, p); }`,
      'return out;',
      '}',
    ].join('\n');
  }

  /** Compile a macro body into a hoisted function; returns its index. */
  private macroFunction(m: A.MacroStmt): number {
    const index = this.metas.length;
    this.metas.push({
      name: m.name,
      params: m.params.map((p) => p.name),
      hasDefault: m.params.map((p) => p.default !== null),
      usesCaller: m.usesCaller,
      usesVarargs: m.usesVarargs,
      usesKwargs: m.usesKwargs,
    });
    this.functions.push(''); // reserve the slot so nested macros come after
    const slot = this.functions.length - 1;
    const f = new FnContext();
    const declared = m.params.map((p) => p.name);
    if (m.usesCaller) declared.push('caller');
    if (m.usesVarargs) declared.push('varargs');
    if (m.usesKwargs) declared.push('kwargs');
    const uses: ReturnType<typeof frameUses> = [];
    for (const p of m.params) exprUses(p.default, uses);
    const body: string[] = this.enterFrame('s', frameUses(m.body, uses), declared);
    for (const param of m.params) {
      if (param.default === null) continue;
      const key = JSON.stringify(param.name);
      body.push(
        `if (!Object.hasOwn(s, ${key})) s${prop(param.name)} = R.nu(${this.expr(param.default, f)});`,
      );
    }
    this.block(m.body, f, body);
    this.leaveFrame();
    this.functions[slot] = this.wrapFunction(`M${index}`, f, body, true);
    return index;
  }

  /** @internal */
  block(stmts: A.Stmt[], f: FnContext, out: string[]): void {
    for (const stmt of stmts) this.stmt(stmt, f, out);
  }

  /** @internal A fresh number for generated variable names. */
  nextId(): number {
    return ++this.scopeCounter;
  }

  private newScope(f: FnContext, out: string[]): string {
    const name = `s${++this.scopeCounter}`;
    out.push(`const ${name} = Object.create(${f.scope});`);
    return name;
  }

  private stmt(stmt: A.Stmt, f: FnContext, out: string[]): void {
    switch (stmt.kind) {
      case 'output':
        // In a child template, output outside blocks is dropped once `extends` has run.
        if (f.guardOutput) out.push('if (parent === undefined) {');
        for (const part of stmt.parts) {
          if (typeof part === 'string') out.push(`${f.out} += ${JSON.stringify(part)};`);
          else out.push(`p = ${this.pos(part)};`, `${f.out} += R.s(${this.expr(part, f)});`);
        }
        if (f.guardOutput) out.push('}');
        return;
      case 'if':
        this.ifStmt(stmt, f, out);
        return;
      case 'for':
        compileFor(this, stmt, f, out);
        return;
      case 'set':
        out.push(`p = ${this.pos(stmt)};`);
        out.push(`${this.assign(stmt.target, this.expr(stmt.value, f), f)};`);
        return;
      case 'setblock': {
        const captured = this.capture(stmt.body, f, out, true);
        out.push(`${this.assign(stmt.target, this.applyFilters(stmt.filters, captured, f), f)};`);
        return;
      }
      case 'macro': {
        const index = this.macroFunction(stmt);
        out.push(`${f.scope}${prop(stmt.name)} = R.macro(MM[${index}], st, ${f.scope}, M${index});`);
        return;
      }
      case 'custom':
        return; // a definition: outputs nothing where it stands
      case 'callblock': {
        const index = this.macroFunction(stmt.caller);
        const caller = `R.macro(MM[${index}], st, ${f.scope}, M${index})`;
        out.push(`${f.out} += R.s(${this.call(stmt.call, f, [['caller', caller]])});`);
        return;
      }
      case 'filterblock': {
        const captured = this.capture(stmt.body, f, out, true);
        out.push(`${f.out} += R.s(${this.applyFilters(stmt.filters, captured, f)});`);
        return;
      }
      case 'with':
        this.withStmt(stmt, f, out);
        return;
      case 'do':
        out.push(`p = ${this.pos(stmt)};`, `${this.expr(stmt.expr, f)};`);
        return;
      case 'include':
        out.push(
          `p = ${this.pos(stmt)};`,
          `${f.out} += await R.include(st, ${f.scope}, ${this.expr(stmt.template, f)}, ${stmt.ignoreMissing}, ${stmt.withContext});`,
        );
        return;
      case 'import':
        out.push(
          `p = ${this.pos(stmt)};`,
          `${f.scope}${prop(stmt.alias)} = await R.importModule(st, ${f.scope}, ${this.expr(stmt.template, f)}, ${stmt.withContext});`,
        );
        return;
      case 'fromimport': {
        const mod = f.temp();
        const tpl = f.temp();
        out.push(
          `p = ${this.pos(stmt)};`,
          `${tpl} = ${this.expr(stmt.template, f)};`,
          `${mod} = await R.importModule(st, ${f.scope}, ${tpl}, ${stmt.withContext});`,
        );
        for (const { name, alias } of stmt.names) {
          out.push(`${f.scope}${prop(alias)} = R.fromModule(${mod}, ${JSON.stringify(name)}, ${tpl});`);
        }
        return;
      }
      case 'break':
      case 'continue':
        out.push(`${stmt.kind};`);
        return;
      case 'block': {
        const index = this.blockFunction(stmt);
        const code = `${f.out} += await R.block(st, ${f.scope}, ${JSON.stringify(stmt.name)}, ${stmt.scoped}, B${index});`;
        out.push(f.guardOutput ? `if (parent === undefined) ${code}` : code);
        return;
      }
      case 'extends':
        out.push(
          `p = ${this.pos(stmt)};`,
          `if (parent !== undefined) R.extendedTwice();`,
          `parent = await R.loadParent(st, ${this.expr(stmt.template, f)});`,
        );
        return;
    }
  }

  /** Compile a block body into a hoisted function `B<i>(st, s)`; returns its index. */
  private blockFunction(stmt: A.BlockStmt): number {
    if (this.blockNames.has(stmt.name)) this.tables.fail(`block '${stmt.name}' defined twice`, stmt);
    const index = this.blockNames.size;
    this.blockNames.set(stmt.name, index);
    this.functions.push('');
    const slot = this.functions.length - 1;
    const f = new FnContext();
    // A block's frame has no parent in Jinja2: it sees the context, not the enclosing locals.
    const enclosing = this.frames;
    this.frames = [];
    const body: string[] = this.enterFrame('s', frameUses(stmt.body), []);
    this.block(stmt.body, f, body);
    this.frames = enclosing;
    this.functions[slot] = this.wrapFunction(`B${index}`, f, body);
    return index;
  }

  /** Render statements into a fresh string variable; returns its name. */
  private capture(body: A.Stmt[], f: FnContext, out: string[], ownScope = false): string {
    const name = `o${++this.scopeCounter}`;
    out.push(`let ${name} = '';`, '{');
    const saved = f.out;
    const savedScope = f.scope;
    f.out = name;
    if (ownScope) {
      f.scope = this.newScope(f, out);
      out.push(...this.enterFrame(f.scope, frameUses(body), []));
    }
    this.block(body, f, out);
    if (ownScope) this.leaveFrame();
    f.out = saved;
    f.scope = savedScope;
    out.push('}');
    return name;
  }

  private applyFilters(filters: A.FilterExpr[], value: string, f: FnContext): string {
    let code = value;
    for (const filter of filters) code = this.filter(filter, code, f);
    return code;
  }

  /** JS statement assigning `value` to a target in the current scope. */
  /** @internal */
  assign(target: A.Target, value: string, f: FnContext): string {
    switch (target.kind) {
      case 'name':
        return `${f.scope}${prop(target.name)} = R.nu(${value})`;
      case 'nsattr':
        return `R.nsSet(${this.lookup(target.name, f)}, ${JSON.stringify(target.attr)}, ${value})`;
      case 'tuple': {
        const u = f.temp();
        const parts = target.items.map((item, i) => this.assign(item, `${u}[${i}]`, f));
        return `(${u} = R.unpack(${value}, ${target.items.length}), ${parts.join(', ')})`;
      }
    }
  }

  private ifStmt(stmt: A.IfStmt, f: FnContext, out: string[]): void {
    const soft = f.soft;
    out.push(`p = ${this.pos(stmt)};`, `if (R.t(${this.expr(stmt.test, f)})) {`);
    f.soft = true;
    this.block(stmt.body, f, out);
    // Jinja2 nests `elif` inside the else branch, so its test is in the soft frame too.
    for (const elif of stmt.elifs) {
      out.push(`} else if (R.t(${this.expr(elif.test, f)})) {`);
      this.block(elif.body, f, out);
    }
    if (stmt.else.length > 0) {
      out.push('} else {');
      this.block(stmt.else, f, out);
    }
    out.push('}');
    f.soft = soft;
  }

  private withStmt(stmt: A.WithStmt, f: FnContext, out: string[]): void {
    out.push(`p = ${this.pos(stmt)};`, '{');
    const values = stmt.assignments.map(({ value }) => {
      const u = f.temp();
      out.push(`${u} = ${this.expr(value, f)};`);
      return u;
    });
    const saved = f.scope;
    f.scope = this.newScope(f, out);
    const declared: string[] = [];
    for (const { target } of stmt.assignments) targetNames(target, declared);
    out.push(...this.enterFrame(f.scope, frameUses(stmt.body), declared));
    for (const [i, { target }] of stmt.assignments.entries())
      out.push(`${this.assign(target, values[i]!, f)};`);
    this.block(stmt.body, f, out);
    this.leaveFrame();
    f.scope = saved;
    out.push('}');
  }
}
