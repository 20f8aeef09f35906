/**
 * `Environment` (settings, filters, tests, globals, loader, parse cache) and `Template` (a parsed
 * and compiled template: render, module, definitions and cheap macro binding).
 */
import type * as A from './ast.js';
import { CodeGenerator } from './codegen.js';
import { JinjaRuntimeError, TemplateError } from './errors.js';
import { Frame, type RunnableTemplate, type TemplateHost } from './frame.js';
import { Lexer } from './lexer.js';
import type { MacroMeta, Scope } from './macro.js';
import { type BlockTagStyle, Parser } from './parser.js';
import { exportsOf, RenderRuntime, type SourceMap } from './render-runtime.js';
import * as V from './value/index.js';
import { type FilterFn, MacroReturn, makeFloat, type RuntimeContext, type TestFn } from './value/index.js';

export type UndefinedMode = 'default' | 'strict' | 'lenient';
export type Loader = (name: string) => string | undefined | Promise<string | undefined>;

export interface EnvironmentOptions {
  /** Source of templates for include/import/getTemplate; `undefined` when the name is unknown. */
  loader?: Loader;
  /** 'default' prints '' for undefined names, 'strict' raises on any use, 'lenient' is chainable. */
  undefined?: UndefinedMode;
  /** Keep the trailing newline of the source (Jinja2 drops one by default). */
  keepTrailingNewline?: boolean;
  /** Remove the first newline after a block tag (Jinja2 `trim_blocks`; off, as in dbt). */
  trimBlocks?: boolean;
  /** Strip spaces and tabs before a block tag on its line (Jinja2 `lstrip_blocks`; off, as in dbt). */
  lstripBlocks?: boolean;
  /** Host definition tags, e.g. `{ test: 'signature', materialization: 'name-and-args' }`. */
  blockTags?: Record<string, BlockTagStyle>;
  filters?: Record<string, FilterFn>;
  tests?: Record<string, TestFn>;
  globals?: Record<string, unknown>;
}

/** A top-level macro or host definition tag of a template. */
export interface Definition {
  /** 'macro' or the host tag name ('test', 'materialization', …). */
  readonly tag: string;
  readonly name: string;
  /** Parameter names (signature-style tags and macros). */
  readonly params: readonly string[];
  /** Header arguments of 'name-and-args' tags after the name; bare names read as strings. */
  readonly headerArgs: readonly unknown[];
  readonly headerKwargs: Readonly<Record<string, unknown>>;
  readonly line: number;
  readonly column: number;
}

/** A macro as a JS function: positional args, then an optional Kwargs; resolves to text or a returned value. */
export type MacroFunction = (...args: unknown[]) => Promise<unknown>;

interface Compiled {
  root: (frame: Frame, scope: Scope) => Promise<string>;
  /** Macro bodies; a body resolves to its text or to a MacroReturn's value. */
  macros: ((frame: Frame, scope: Scope) => Promise<unknown>)[];
}

/**
 * Settings shared by a set of templates: undefined mode, whitespace options, host block tags,
 * filters, tests, globals and the loader. Parses each (name, source) once.
 */
export class Environment implements TemplateHost {
  readonly filters: Record<string, FilterFn>;
  readonly tests: Record<string, TestFn>;
  readonly globals: Record<string, unknown>;
  readonly undefinedMode: UndefinedMode;
  /** @internal */
  readonly runtime: RenderRuntime;
  private readonly cache = new Map<string, Map<string, Template>>();
  private readonly loaded = new Map<string, Promise<Template | undefined>>();

  constructor(readonly options: EnvironmentOptions = {}) {
    this.filters = { ...V.filters, ...options.filters };
    this.tests = { ...V.tests, ...options.tests };
    this.globals = { ...V.makeGlobals(), ...options.globals };
    this.undefinedMode = options.undefined ?? 'default';
    const rc: RuntimeContext = {
      filter: (name) => (Object.hasOwn(this.filters, name) ? this.filters[name] : undefined),
      test: (name) => (Object.hasOwn(this.tests, name) ? this.tests[name] : undefined),
      undefinedMode: this.undefinedMode,
    };
    this.runtime = new RenderRuntime(rc);
  }

  /** Parse and compile `source` once; the same (name, source) gives the same Template. */
  fromString(source: string, name?: string): Template {
    const key = name ?? '';
    let bySource = this.cache.get(key);
    if (bySource === undefined) this.cache.set(key, (bySource = new Map()));
    let tpl = bySource.get(source);
    if (tpl === undefined) {
      tpl = new Template(this, source, name);
      bySource.set(source, tpl);
    }
    return tpl;
  }

  /** Load a template by name through the loader (cached); TemplateError when not found. */
  async getTemplate(name: string): Promise<Template> {
    const tpl = await this.loadTemplate(name);
    if (tpl === undefined) throw new TemplateError(`template not found: ${name}`, 'runtime', name);
    return tpl;
  }

  /** @internal include/import: undefined when the loader does not know the name. */
  loadTemplate(name: string): Promise<Template | undefined> {
    let p = this.loaded.get(name);
    if (p === undefined) {
      p = (async () => {
        let source: string | undefined;
        try {
          source = await this.options.loader?.(name);
        } catch (e) {
          const message = `loading template '${name}' failed: ${e instanceof Error ? e.message : String(e)}`;
          throw new TemplateError(message, 'host', name, undefined, undefined, undefined, { cause: e });
        }
        return source === undefined ? undefined : this.fromString(source, name);
      })();
      this.loaded.set(name, p);
      p.catch(() => this.loaded.delete(name));
    }
    return p;
  }

  renderString(source: string, context: object = {}, name?: string): Promise<string> {
    return this.fromString(source, name).render(context);
  }
}

/** A parsed and compiled template. Get one from `env.fromString` or `env.getTemplate`. */
export class Template implements RunnableTemplate {
  readonly definitions: readonly Definition[];
  private readonly compiled: Compiled;
  private readonly metas: MacroMeta[];
  private readonly definitionMacros: number[];
  /** Per bind-globals object: the module scope (sibling macros) and already bound definitions. */
  private readonly bound = new WeakMap<object, BoundModule>();
  private readonly hasTopLevelCode: boolean;

  constructor(
    private readonly env: Environment,
    source: string,
    readonly name: string | undefined,
  ) {
    const lexer = new Lexer(source, name, env.options);
    const fail = (message: string, at: A.Pos): never => {
      throw new TemplateError(message, 'syntax', name, at.line, at.column, lexer.sourceLine(at.line));
    };
    const tokens = lexer.tokenize();
    const ast = new Parser(tokens, fail, env.options.blockTags).parseTemplate();
    const gen = new CodeGenerator({
      constants: [],
      positions: [],
      hasFilter: (n) => Object.hasOwn(env.filters, n),
      hasTest: (n) => Object.hasOwn(env.tests, n),
      failUnknown: (what, n, at) => fail(`No ${what} named '${n}'.`, at),
      fail,
    });
    const out = gen.compile(ast);
    const map: SourceMap = { name, positions: out.positions, sourceLine: (line) => lexer.sourceLine(line) };
    let factory: (...a: unknown[]) => Compiled;
    try {
      factory = new Function('R', 'E', 'K', 'MM', 'MAP', out.source) as (...a: unknown[]) => Compiled;
    } catch (e) {
      // A code generator bug, never a user mistake: still report it as a positioned-at-template error.
      throw new TemplateError(
        `internal compiler error: ${String(e)}`,
        'syntax',
        name,
        undefined,
        undefined,
        undefined,
        {
          cause: e,
        },
      );
    }
    this.compiled = factory(env.runtime, env, out.constants.map(toFloat), out.metas, map);
    this.metas = out.metas;
    this.definitionMacros = out.definitions.map((d) => d.macro);
    this.hasTopLevelCode = out.hasTopLevelCode;
    this.definitions = out.definitions.map(({ stmt }) => toDefinition(stmt));
  }

  /** Render the whole template with `context` (names resolve there first, then the globals). */
  async render(context: object = {}): Promise<string> {
    return (await this.run([context, this.env.globals])).output;
  }

  /** Run the top level with `globals`; returns the exported names (macros and top-level sets). */
  async module(globals: object = {}): Promise<Record<string, unknown>> {
    const { scope } = await this.run([globals, this.env.globals]);
    return exportsOf(scope);
  }

  /** @internal */
  async run(sources: readonly object[]): Promise<{ output: string; scope: Scope }> {
    const scope: Scope = newRootScope();
    try {
      const output = await this.compiled.root(new Frame(sources, this.env), scope);
      return { output, scope };
    } catch (e) {
      if (!(e instanceof MacroReturn)) throw e;
      throw new TemplateError(
        'return() was called outside of a macro',
        'runtime',
        this.name,
        undefined,
        undefined,
        undefined,
        {
          cause: e,
        },
      );
    }
  }

  /** @internal */
  runInFrame(frame: Frame, scope: Scope): Promise<string> {
    return this.compiled.root(frame, scope);
  }

  /**
   * A definition as a callable macro whose free names resolve in the template's other top-level
   * macros, then `globals`, then the environment's globals. No re-parse or re-compile; bindings
   * are cached per `globals` object.
   */
  bind(definition: string | Definition, globals: object): MacroFunction {
    const index =
      typeof definition === 'string'
        ? this.definitions.findIndex((d) => d.name === definition)
        : this.definitions.indexOf(definition);
    if (index < 0) {
      throw new TemplateError(`no definition named '${String(definition)}'`, 'runtime', this.name);
    }
    let entry = this.bound.get(globals);
    if (entry === undefined) {
      const frame = new Frame([globals, this.env.globals], this.env);
      entry = { frame, scope: newRootScope(), fns: new Map(), hostFns: new Map(), topLevel: undefined };
      this.bound.set(globals, entry);
      for (const [i, d] of this.definitions.entries()) {
        if (d.tag === 'macro') entry.scope[d.name] = this.instantiate(i, entry);
      }
    }
    let forHost = entry.hostFns.get(index);
    if (forHost === undefined) {
      const macro = this.instantiate(index, entry);
      const at = this.definitions[index]!;
      // Called from host code: argument errors become TemplateErrors at the definition.
      forHost = (...args: unknown[]) =>
        macro(...args).catch((e: unknown) => {
          if (!(e instanceof JinjaRuntimeError)) throw e;
          throw new TemplateError(e.message, e.kind, this.name, at.line, at.column, undefined, { cause: e });
        });
      entry.hostFns.set(index, forHost);
    }
    return forHost;
  }

  private instantiate(index: number, entry: BoundModule): MacroFunction {
    let fn = entry.fns.get(index);
    if (fn === undefined) {
      const m = this.definitionMacros[index]!;
      const macro = this.env.runtime.macro(
        this.metas[m]!,
        entry.frame,
        entry.scope,
        this.compiled.macros[m]!,
      );
      // Top-level sets and imports run once per globals object before the first call, as a module would.
      fn = !this.hasTopLevelCode
        ? macro
        : async (...args: unknown[]) => {
            entry.topLevel ??= this.compiled.root(entry.frame, entry.scope);
            await entry.topLevel;
            return macro(...args);
          };
      entry.fns.set(index, fn);
    }
    return fn;
  }
}

/** A template's top level as seen by macros bound against one globals object. */
interface BoundModule {
  frame: Frame;
  scope: Scope;
  fns: Map<number, MacroFunction>;
  /** What bind() hands out: the same macros, with host-facing errors. */
  hostFns: Map<number, MacroFunction>;
  topLevel: Promise<string> | undefined;
}

/**
 * A template's top-level scope. Its prototype is an empty frozen null-prototype object rather
 * than null itself, which keeps scope objects in V8's fast property mode.
 */
const SCOPE_BASE: Scope = Object.freeze(Object.create(null));
function newRootScope(): Scope {
  return Object.create(SCOPE_BASE);
}

function toFloat(v: unknown): unknown {
  return typeof v === 'number' ? makeFloat(v) : v;
}

function toDefinition(stmt: A.MacroStmt | A.CustomBlockStmt): Definition {
  const tag = stmt.kind === 'macro' ? 'macro' : stmt.tag;
  const params = (stmt.kind === 'macro' ? stmt.params : stmt.params).map((p) => p.name);
  return {
    tag,
    name: stmt.name,
    params,
    headerArgs: stmt.kind === 'custom' ? stmt.headerArgs : [],
    headerKwargs: stmt.kind === 'custom' ? stmt.headerKwargs : {},
    line: stmt.line,
    column: stmt.column,
  };
}
