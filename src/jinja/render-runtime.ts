/**
 * The helpers generated template code calls (`R.*`): thin wrappers over the value runtime that
 * add the environment's undefined mode, error positions, calls with `this`, loops, macros,
 * include and import. One instance per environment.
 */
import { JinjaRuntimeError, TemplateError } from './errors.js';
import type { BlockFn, Frame, RunnableTemplate } from './frame.js';
import { LoopContext } from './loop.js';
import { type MacroBody, type MacroMeta, macroMeta, makeMacro, type Scope } from './macro.js';
import type { BinaryOp, CompareOp, RuntimeContext } from './value/index.js';
import * as V from './value/index.js';
import { isTuple, Kwargs, MacroReturn, makeFloat, makeTuple, Namespace, Undefined } from './value/index.js';

/** Positions and source of a compiled template, for turning errors into TemplateErrors. */
export interface SourceMap {
  name: string | undefined;
  /** Flattened [line, column] pairs indexed by the generated code's `p`. */
  positions: number[];
  sourceLine(line: number): string;
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

export class RenderRuntime {
  readonly strict: boolean;
  readonly lenient: boolean;
  readonly Kwargs = Kwargs;
  readonly MacroReturn = MacroReturn;
  readonly isP = isThenable;
  readonly makeFloat = makeFloat;

  constructor(readonly rc: RuntimeContext) {
    this.strict = rc.undefinedMode === 'strict';
    this.lenient = rc.undefinedMode === 'lenient';
  }

  private undefinedError(u: Undefined): JinjaRuntimeError {
    return new JinjaRuntimeError(V.undefinedMessage(u), 'undefined');
  }

  /** `{{ v }}` */
  s(v: unknown): string {
    return typeof v === 'string' ? v : V.toStr(v, this.rc);
  }

  /** Truthiness (strict undefined raises). */
  t(v: unknown): boolean {
    if (v === true) return true;
    if (v === false) return false;
    if (v instanceof Undefined) {
      if (this.strict) throw this.undefinedError(v);
      return false;
    }
    return V.truthy(v);
  }

  /** Normalise host `undefined` to None before storing it in a scope. */
  nu(v: unknown): unknown {
    return v === undefined ? null : v;
  }

  attr(obj: unknown, name: string): unknown {
    // `loop.index`, `loop.last`… are read in most loops: skip the generic host-object path.
    if (obj instanceof LoopContext && LOOP_PROPERTIES.has(name)) return obj[name as 'index'];
    if (typeof obj === 'function') {
      const meta = macroMeta(obj);
      if (meta !== undefined) return macroAttribute(meta, name);
    }
    return V.getAttr(obj, name, this.rc);
  }

  /** A dict literal: keys hash as in Python (`1` and `true` are the same key). */
  dict(pairs: [unknown, unknown][]): Map<unknown, unknown> {
    const d = new Map<unknown, unknown>();
    for (const [k, v] of pairs) {
      if (
        (Array.isArray(k) && !isTuple(k)) ||
        k instanceof Map ||
        (k !== null && typeof k === 'object' && isPlain(k))
      ) {
        throw new JinjaRuntimeError(`unhashable type: '${V.typeName(k)}'`);
      }
      V.dictSet(d, k, v);
    }
    return d;
  }

  item(obj: unknown, key: unknown): unknown {
    return V.getItem(obj, key, this.rc);
  }

  slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
    if (obj instanceof Undefined && !this.lenient) throw this.undefinedError(obj);
    return V.getSlice(obj, start, stop, step);
  }

  bin(op: BinaryOp, a: unknown, b: unknown): unknown {
    if (this.strict) this.checkDefined(a, b);
    return V.binaryOp(op, a, b);
  }

  un(op: '-' | '+', v: unknown): unknown {
    if (this.strict) this.checkDefined(v, null);
    return V.unaryOp(op, v);
  }

  cmp(op: CompareOp, a: unknown, b: unknown): boolean {
    if (this.strict) this.checkDefined(a, b);
    return V.compare(op, a, b);
  }

  private checkDefined(a: unknown, b: unknown): void {
    if (a instanceof Undefined) throw this.undefinedError(a);
    if (b instanceof Undefined) throw this.undefinedError(b);
  }

  tuple(items: unknown[]): unknown[] {
    return makeTuple(items);
  }

  /** What a `for` loop walks, as an array. */
  iter(v: unknown): unknown[] {
    if (Array.isArray(v)) return v;
    if (v instanceof Undefined && this.strict) throw this.undefinedError(v);
    return Array.from(V.iterate(v));
  }

  /** Tuple unpacking for `for a, b in …` and `set a, b = …`. */
  unpack(v: unknown, n: number): unknown[] {
    const items = this.iter(v);
    if (items.length !== n) {
      throw new JinjaRuntimeError(
        items.length < n
          ? `not enough values to unpack (expected ${n}, got ${items.length})`
          : `too many values to unpack (expected ${n})`,
      );
    }
    return items.map((x) => (x === undefined ? null : x));
  }

  /** Call `fn` with `self` as `this` (host methods keep their object). */
  call(fn: unknown, self: unknown, args: unknown[]): unknown {
    if (typeof fn === 'function') return fn.apply(self, args);
    if (fn instanceof LoopContext) return fn.recurse(args[0]);
    if (fn instanceof Undefined) {
      if (this.lenient) return fn;
      throw this.undefinedError(fn);
    }
    throw new JinjaRuntimeError(`'${V.repr(fn)}' object is not callable`);
  }

  /** Positional args followed by `*args` splat. */
  spread(args: unknown[], splat: unknown): unknown[] {
    return args.concat(this.iter(splat));
  }

  /** Keyword args merged with a `**kwargs` splat; appended to args when any exist. */
  withKwargs(args: unknown[], named: Record<string, unknown>, splat: unknown): unknown[] {
    if (splat !== undefined) {
      if (splat instanceof Map) for (const [k, v] of splat) named[String(k)] = v;
      else if (splat instanceof Kwargs) Object.assign(named, splat.values);
      else if (splat !== null && typeof splat === 'object' && !(splat instanceof Undefined)) {
        Object.assign(named, splat);
      }
    }
    for (const _ in named) {
      args.push(new Kwargs(named));
      break;
    }
    return args;
  }

  /** `{% set ns.attr = v %}` */
  nsSet(ns: unknown, attr: string, v: unknown): void {
    if (!(ns instanceof Namespace))
      throw new JinjaRuntimeError('cannot assign attribute on non-namespace object');
    ns.attrs.set(attr, v === undefined ? null : v);
  }

  undef(hint: string): Undefined {
    return new Undefined(hint);
  }

  noFilter(name: string): never {
    throw new JinjaRuntimeError(`No filter named '${name}' found.`);
  }

  noTest(name: string): never {
    throw new JinjaRuntimeError(`No test named '${name}' found.`);
  }

  macro<S>(
    meta: MacroMeta,
    state: S,
    scope: Scope,
    body: MacroBody<S>,
  ): (...args: unknown[]) => Promise<unknown> {
    return makeMacro(meta, state, scope, body);
  }

  loop(items: unknown[], depth: number, recurse: ((v: unknown) => Promise<string>) | undefined): LoopContext {
    return new LoopContext(items, depth, recurse, (a, b) => V.compare('==', a, b));
  }

  /** Turn anything thrown inside a template into a positioned TemplateError (MacroReturn passes). */
  wrap(e: unknown, map: SourceMap, p: number): unknown {
    if (e instanceof MacroReturn || e instanceof TemplateError) return e;
    const line = map.positions[p * 2];
    const column = map.positions[p * 2 + 1];
    const sourceLine = line === undefined ? undefined : map.sourceLine(line);
    if (e instanceof JinjaRuntimeError) {
      return new TemplateError(e.message, e.kind, map.name, line, column, sourceLine, { cause: e });
    }
    const message = e instanceof Error ? e.message : String(e);
    return new TemplateError(message, 'host', map.name, line, column, sourceLine, { cause: e });
  }

  /** Register a template's blocks after those of the templates extending it. */
  addBlocks(frame: Frame, scope: Scope, blocks: Record<string, BlockFn>): void {
    frame.root ??= scope;
    const self = (frame.self ??= {});
    for (const name of Object.keys(blocks)) {
      const list = frame.blocks.get(name);
      if (list === undefined) frame.blocks.set(name, [blocks[name]!]);
      else list.push(blocks[name]!);
      // `self.name()` renders the most derived implementation of a block.
      self[name] ??= () => this.block(frame, frame.root!, name, false, blocks[name]!);
    }
  }

  /** Render the most derived implementation of a block; `super()` renders the next one. */
  block(frame: Frame, scope: Scope, name: string, scoped: boolean, own: BlockFn): Promise<string> {
    const impls = frame.blocks.get(name) ?? [own];
    const render = (i: number): Promise<string> => {
      const blockScope: Scope = Object.create(scoped ? scope : (frame.root ?? scope));
      blockScope.super =
        i + 1 < impls.length
          ? () => render(i + 1)
          : new Undefined(`there is no parent block called '${name}'.`);
      return impls[i]!(frame, blockScope);
    };
    return render(0);
  }

  async loadParent(frame: Frame, name: unknown): Promise<RunnableTemplate> {
    return (await this.load(frame, name, false))!;
  }

  renderParent(parent: RunnableTemplate, frame: Frame, scope: Scope): Promise<string> {
    return parent.runInFrame(frame, scope);
  }

  extendedTwice(): never {
    throw new JinjaRuntimeError('extended multiple times');
  }

  /** `{% include %}`: renders the first template found; `with context` shares the caller's names. */
  async include(frame: Frame, scope: Scope, names: unknown, ignoreMissing: boolean, withContext: boolean) {
    const tpl = await this.load(frame, names, ignoreMissing);
    if (tpl === undefined) return '';
    const sources = withContext ? [flatten(scope, 'loop'), ...frame.sources] : frame.sources.slice(-1);
    return (await tpl.run(sources)).output;
  }

  /** `{% import %}` / `{% from … import %}`: a module object of the template's exported names. */
  async importModule(frame: Frame, scope: Scope, name: unknown, withContext: boolean) {
    const tpl = await this.load(frame, name, false);
    const sources = withContext ? [flatten(scope), ...frame.sources] : frame.sources.slice(-1);
    const { scope: root } = await tpl!.run(sources);
    return exportsOf(root);
  }

  /** One name from an imported module. */
  fromModule(module: Record<string, unknown>, name: string, template: unknown): unknown {
    if (Object.hasOwn(module, name)) return module[name];
    return new Undefined(
      `the template ${V.repr(template)} does not export the requested name ${V.repr(name)}`,
    );
  }

  private async load(
    frame: Frame,
    names: unknown,
    ignoreMissing: boolean,
  ): Promise<RunnableTemplate | undefined> {
    if (names !== null && typeof names === 'object' && 'run' in names) return names as RunnableTemplate;
    const list = typeof names === 'string' ? [names] : this.iter(names);
    for (const name of list) {
      if (name !== null && typeof name === 'object' && 'run' in name) return name as RunnableTemplate;
      const tpl = await frame.host.loadTemplate(String(name));
      if (tpl !== undefined) return tpl;
    }
    if (ignoreMissing) return undefined;
    const shown = typeof names === 'string' ? names : list.map((n) => String(n)).join(', ');
    throw new JinjaRuntimeError(
      list.length > 1 ? `none of the templates given were found: ${shown}` : `template not found: ${shown}`,
    );
  }
}

const LOOP_PROPERTIES = new Set([
  'index',
  'index0',
  'revindex',
  'revindex0',
  'first',
  'last',
  'length',
  'depth',
  'depth0',
  'previtem',
  'nextitem',
]);

/** What Jinja2's Macro object exposes: name, arguments, catch_kwargs, catch_varargs, caller. */
function macroAttribute(meta: MacroMeta, name: string): unknown {
  switch (name) {
    case 'name':
      return meta.name;
    case 'arguments':
      return makeTuple([...meta.params]);
    case 'catch_kwargs':
      return meta.usesKwargs;
    case 'catch_varargs':
      return meta.usesVarargs;
    case 'caller':
      return meta.usesCaller;
    default:
      return new Undefined(`'${name}' of Macro object`);
  }
}

/** All names visible in a scope chain, as one plain object (for `with context`). */
function flatten(scope: Scope, except?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in scope) if (!(key in out) && key !== except) out[key] = scope[key];
  return out;
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A module's exports: top-level names not starting with an underscore. */
export function exportsOf(root: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Names never assigned (still undefined from scope analysis) are not exports.
  for (const key of Object.keys(root))
    if (!key.startsWith('_') && !(root[key] instanceof Undefined)) out[key] = root[key];
  return out;
}
