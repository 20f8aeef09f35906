/**
 * Macro callables: JS async functions taking positional arguments then an optional Kwargs.
 * Binds arguments like Jinja2 (missing ones are undefined; `varargs`, `kwargs` and `caller`
 * exist only when the body mentions them) and turns a host `MacroReturn` into the call's value.
 */
import { JinjaRuntimeError } from './errors.js';
import { Kwargs, makeTuple, Undefined } from './value/index.js';

/** What the compiler knows about a macro (or caller block, or custom definition tag). */
export interface MacroMeta {
  name: string;
  params: readonly string[];
  /** Whether each parameter has a default (evaluated by the body when the argument is missing). */
  hasDefault: readonly boolean[];
  usesCaller: boolean;
  usesVarargs: boolean;
  usesKwargs: boolean;
}

export type Scope = Record<string, unknown>;
/** A compiled macro body: renders with the bound scope; resolves to text or a MacroReturn's value. */
export type MacroBody<S> = (state: S, scope: Scope) => Promise<unknown>;

const MACRO_META = Symbol.for('tessera.jinja.macro');

/** A macro's metadata if `fn` is a template macro. */
export function macroMeta(fn: unknown): MacroMeta | undefined {
  return typeof fn === 'function' ? (fn as unknown as Record<symbol, MacroMeta>)[MACRO_META] : undefined;
}

export function makeMacro<S>(
  meta: MacroMeta,
  state: S,
  definingScope: Scope,
  body: MacroBody<S>,
): (...args: unknown[]) => Promise<unknown> {
  // The body itself turns a MacroReturn into its value, so this wrapper need not be async.
  const macro = (...args: unknown[]): Promise<unknown> => {
    try {
      return body(state, bindArguments(meta, definingScope, args));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  Object.defineProperty(macro, 'name', { value: meta.name });
  Object.defineProperty(macro, MACRO_META, { value: meta });
  return macro;
}

function bindArguments(meta: MacroMeta, definingScope: Scope, args: unknown[]): Scope {
  const scope: Scope = Object.create(definingScope);
  const last = args[args.length - 1];
  let kwargs: Record<string, unknown> | undefined;
  let npos = args.length;
  if (last instanceof Kwargs) {
    kwargs = last.values;
    npos--;
  }
  const params = meta.params;
  if (npos > params.length && !meta.usesVarargs) {
    throw new JinjaRuntimeError(`macro '${meta.name}' takes not more than ${params.length} argument(s)`);
  }
  let used = 0;
  for (let i = 0; i < params.length; i++) {
    const name = params[i]!;
    if (i < npos) {
      const v = args[i];
      scope[name] = v === undefined ? null : v;
      if (kwargs !== undefined && Object.hasOwn(kwargs, name)) {
        throw new JinjaRuntimeError(`macro '${meta.name}' got multiple values for argument '${name}'`);
      }
    } else if (kwargs !== undefined && Object.hasOwn(kwargs, name)) {
      const v = kwargs[name];
      scope[name] = v === undefined ? null : v;
      used++;
    } else if (!meta.hasDefault[i]) {
      scope[name] = new Undefined(name);
    }
  }
  if (meta.usesVarargs) scope.varargs = makeTuple(args.slice(params.length, npos));
  if (meta.usesCaller) {
    const caller = kwargs?.caller;
    scope.caller = caller === undefined ? new Undefined('caller') : caller;
    if (caller !== undefined) used++;
  }
  if (kwargs !== undefined && used < Object.keys(kwargs).length) {
    const extra = new Map<unknown, unknown>();
    for (const key of Object.keys(kwargs)) {
      if (params.includes(key) || (meta.usesCaller && key === 'caller')) continue;
      if (!meta.usesKwargs)
        throw new JinjaRuntimeError(`macro '${meta.name}' takes no keyword argument '${key}'`);
      extra.set(key, kwargs[key]);
    }
    if (meta.usesKwargs) scope.kwargs = extra;
  } else if (meta.usesKwargs) {
    scope.kwargs = new Map();
  }
  return scope;
}
