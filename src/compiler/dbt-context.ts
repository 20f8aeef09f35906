/**
 * The Jinja context dbt gives a node: `ref`, `source`, `config`, `var`, `this`, `target`,
 * `adapter`, `run_query`, `statement`… plus every macro by bare name and packages as
 * namespaces. Built per node as a Proxy so macros are bound lazily, only when a template uses them.
 */
import { type Adapter, Relation } from '../adapters/index.js';
import { Kwargs, MacroReturn, splitArgs } from '../jinja/index.js';
import { AdapterContext } from './adapter-context.js';
import { AgateTable } from './agate-table.js';
import { configFunction } from './context-config.js';
import { CompilerError } from './errors.js';
import { asRelation, JinjaRelation } from './jinja-relation.js';
import { INTERNAL_PACKAGE, type MacroEntry, type MacroRegistry } from './macro-registry.js';
import { datetimeModule, PyDateTime, pytzModule } from './py-datetime.js';
import { reModule } from './py-re.js';
import { PYTHON_BUILTINS } from './python-builtins.js';

/** What a node asks of `ref()`: `ref('m')`, `ref('pkg', 'm')`, `ref('m', v=2)`. */
export interface RefCall {
  package?: string;
  name: string;
  version?: string | number;
}

/** How `ref`/`source` resolve, supplied by whoever holds the whole project (parser, mesh). */
export interface Resolver {
  /** The relation a ref points at, or a CTE name for ephemeral models. */
  ref(from: ContextNode, call: RefCall): JinjaRelation | string;
  source(from: ContextNode, sourceName: string, tableName: string): JinjaRelation;
  /** `{{ doc('name') }}` text. */
  doc?(from: ContextNode, name: string, pkg?: string): string;
}

/** The node fields the context reads (a manifest-shaped node satisfies it). */
export interface ContextNode {
  unique_id: string;
  name: string;
  package_name: string;
  resource_type: string;
  config: Record<string, unknown>;
  [key: string]: unknown;
}

/** Everything shared by all nodes of one invocation. */
export interface CompileSession {
  registry: MacroRegistry;
  adapter: Adapter | undefined;
  /** The adapter type and its parents for dispatch (`['duckdb']`). */
  adapterTypes: readonly string[];
  target: Record<string, unknown>;
  projectName: string;
  invocationId: string;
  runStartedAt: Date;
  flags: Record<string, unknown>;
  /** `var()` lookup for a package: returns undefined when missing. */
  lookupVar(name: string, packageName: string): unknown;
  envVar(name: string, fallback?: unknown): string;
  /** The `graph` object (manifest-shaped), built once and shared. */
  graph(): Record<string, unknown>;
  log(message: string, info: boolean, node?: ContextNode): void;
  /** Bind a macro to a context (the compiler supplies this; it calls `template.bind`). */
  bindMacro(entry: MacroEntry, globals: object): (...args: unknown[]) => Promise<unknown>;
  /** Renders a template string with the given globals (the compiler supplies this). */
  renderString?(source: string, globals: object): Promise<string>;
  fullRefresh: boolean;
  /** Extra names (e.g. `model`-level overrides for unit tests); looked up before macros. */
  extraGlobals?: Record<string, unknown>;
}

export type ContextMode = 'parse' | 'execute';

/** What a parse-mode render captured. */
export interface Captured {
  refs: RefCall[];
  sources: [string, string][];
  configs: Record<string, unknown>[];
  macros: Set<string>;
  /**
   * Parse mode: the macros the node's own template calls (not those called from inside a
   * macro), in call order, each once — what dbt lists in `depends_on.macros`.
   */
  macroCalls?: string[];
}

interface NodeContextOptions {
  node: ContextNode;
  mode: ContextMode;
  resolver: Resolver;
  /** The relation `this` renders as (absent for nodes without one, e.g. operations). */
  thisRelation?: Relation;
  /** Extra values (e.g. `sql`, `model` overrides, materialization context) merged over the base. */
  extra?: Record<string, unknown>;
}

/** Builds the globals object for rendering one node. */
export function createNodeContext(
  session: CompileSession,
  options: NodeContextOptions,
): {
  globals: object;
  captured: Captured;
} {
  const { node, mode, resolver } = options;
  const execute = mode === 'execute';
  const captured: Captured = { refs: [], sources: [], configs: [], macros: new Set(), macroCalls: [] };
  /** How many macro calls are under way (parse mode): only calls at depth 0 are the node's own. */
  let macroDepth = 0;
  const results = new Map<string, unknown>();
  const bound = new Map<string, unknown>();

  const ref = (...args: unknown[]) => {
    const call = refCall(args);
    if (!execute) {
      captured.refs.push(call);
      return options.thisRelation ? new JinjaRelation(options.thisRelation) : '';
    }
    return resolver.ref(node, call);
  };
  const source = (...args: unknown[]) => {
    const { args: p, kwargs } = splitArgs(args);
    const src = String(kwargs.source_name ?? p[0]);
    const tbl = String(kwargs.table_name ?? p[1]);
    if (!execute) {
      captured.sources.push([src, tbl]);
      return options.thisRelation ? new JinjaRelation(options.thisRelation) : '';
    }
    return resolver.source(node, src, tbl);
  };

  const config = configFunction(node, captured);

  const varFn = (...args: unknown[]) => {
    const { args: p, kwargs } = splitArgs(args);
    const name = String(p[0]);
    const v = session.lookupVar(name, node.package_name);
    // dbt renders a var's text when it is read, in the reader's context (`"{{ target.type }}"`).
    if (typeof v === 'string' && session.renderString && /\{[{%]/.test(v))
      return session.renderString(v, globals);
    if (v !== undefined) return v;
    if (p.length > 1) return p[1];
    // `var('x', default='…')`: Python's keyword form of the same argument.
    if (Object.hasOwn(kwargs, 'default')) return kwargs.default;
    if (!execute) return null;
    throw new CompilerError(
      `Required var '${name}' not found in config: vars are supplied with --vars or in dbt_project.yml`,
      'E_VAR_MISSING',
    );
  };

  const dispatch = (name: string, namespace: string | undefined) => {
    const entry = session.registry.dispatch(name, namespace, session.adapterTypes, node.package_name);
    if (!entry) {
      const where = namespace ? ` within namespace '${namespace}'` : '';
      const tried = [...session.adapterTypes, 'default'].map((a) => `${a}__${name}`).join(', ');
      throw new CompilerError(`No macro named '${name}' found${where}: tried ${tried}`, 'E_DISPATCH');
    }
    captured.macros.add(entry.uniqueId);
    return bindEntry(entry);
  };

  const adapterContext = new AdapterContext({
    adapter: session.adapter,
    adapterType: session.adapterTypes[0] ?? 'default',
    execute,
    dispatch,
  });

  const runSql = async (sql: string, fetch: boolean) => {
    if (!session.adapter)
      throw new CompilerError('no warehouse connection: this command cannot run SQL', 'E_NO_ADAPTER');
    const r = await session.adapter.execute(sql);
    const response = {
      _message: r.response.message,
      code: r.response.code ?? null,
      rows_affected: r.response.rowsAffected ?? null,
    };
    return {
      response,
      table: new AgateTable(fetch ? r : { columns: r.columns, rows: r.rows }),
      data: fetch ? r.rows : [],
    };
  };

  const base: Record<string, unknown> = {
    ref,
    source,
    config,
    var: varFn,
    env_var: (...args: unknown[]) => {
      const { args: p } = splitArgs(args);
      return session.envVar(String(p[0]), p.length > 1 ? p[1] : undefined);
    },
    this: options.thisRelation ? new JinjaRelation(options.thisRelation) : null,
    target: session.target,
    execute,
    model: node,
    graph: undefined,
    invocation_id: session.invocationId,
    run_started_at: new PyDateTime(session.runStartedAt),
    flags: session.flags,
    project_name: session.projectName,
    database: session.target.database,
    schema: session.target.schema,
    adapter: adapterContext,
    is_incremental: () => Boolean(options.extra?.__is_incremental),
    should_full_refresh: () => session.fullRefresh || node.config.full_refresh === true,
    should_store_failures: () =>
      node.config.store_failures === true ||
      (session.flags.STORE_FAILURES === true && node.config.store_failures !== false),
    run_query: async (sql: unknown) => (execute ? (await runSql(String(sql), true)).table : null),
    statement: async (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      const name = (kwargs.name ?? p[0] ?? null) as string | null;
      const fetch = Boolean(kwargs.fetch_result ?? p[1] ?? false);
      const caller = kwargs.caller as ((...a: unknown[]) => Promise<unknown>) | undefined;
      const sql = caller ? String(await caller()) : '';
      if (!execute) return '';
      const r = await runSql(sql, fetch);
      if (name) results.set(name, r);
      return '';
    },
    load_result: (name: unknown) => results.get(String(name)) ?? null,
    store_result: (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      results.set(String(kwargs.name ?? p[0]), {
        response: kwargs.response ?? p[1],
        table: kwargs.agate_table ?? p[2],
        data: [],
      });
      return '';
    },
    return: (value: unknown) => {
      throw new MacroReturn(value);
    },
    log: (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      session.log(String(p[0] ?? kwargs.msg ?? ''), Boolean(kwargs.info ?? p[1] ?? false), node);
      return '';
    },
    ...PYTHON_BUILTINS,
    doc: (...args: unknown[]) => {
      const { args: p } = splitArgs(args);
      const [a, b] = p.map(String);
      return resolver.doc ? (b === undefined ? resolver.doc(node, a!) : resolver.doc(node, b, a)) : '';
    },
    builtins: undefined,
    ...session.extraGlobals,
    ...options.extra,
  };
  base.builtins = { ref, source, config };
  // Made on first use: most renders never touch them, and a compile makes tens of thousands of contexts.
  const overridden = { ...session.extraGlobals, ...options.extra };
  defineLazy(base, overridden, 'api', () => ({
    Relation: {
      create: (...args: unknown[]) => {
        const { args: p, kwargs } = splitArgs(args);
        const parts = {
          database: (kwargs.database ?? p[0] ?? undefined) as string | undefined,
          schema: (kwargs.schema ?? p[1] ?? undefined) as string | undefined,
          identifier: (kwargs.identifier ?? p[2] ?? undefined) as string | undefined,
          type: (kwargs.type ?? p[3] ?? undefined) as 'table' | 'view' | undefined,
        };
        // While parsing there is no warehouse: a relation with the default quoting stands in.
        const rel = session.adapter
          ? session.adapter.relation({ ...parts, identifier: parts.identifier ?? '' })
          : Relation.create(parts);
        return new JinjaRelation(rel);
      },
    },
  }));
  defineLazy(base, overridden, 'exceptions', () => ({
    raise_compiler_error: (msg: unknown) => {
      throw new CompilerError(
        `Compilation Error in ${node.resource_type} ${node.name}: ${String(msg)}`,
        'E_RAISED',
      );
    },
    raise_not_implemented: (msg: unknown) => {
      throw new CompilerError(`Not implemented: ${String(msg)}`, 'E_NOT_IMPLEMENTED');
    },
    warn: (msg: unknown) => {
      session.log(`Warning: ${String(msg)}`, true, node);
      return '';
    },
  }));
  defineLazy(base, overridden, 'modules', () => ({
    datetime: datetimeModule(),
    re: reModule(),
    itertools: {},
    pytz: pytzModule(),
  }));

  function bindEntry(entry: MacroEntry): unknown {
    const key = entry.uniqueId;
    let fn = bound.get(key);
    if (!fn) {
      fn = session.bindMacro(entry, globals);
      if (mode === 'parse' && typeof fn === 'function') fn = recordingCalls(key, fn as MacroCall);
      bound.set(key, fn);
    }
    return fn;
  }

  type MacroCall = (...args: unknown[]) => Promise<unknown>;
  function recordingCalls(id: string, call: MacroCall): MacroCall {
    return async (...args: unknown[]) => {
      if (macroDepth === 0 && !captured.macroCalls!.includes(id)) captured.macroCalls!.push(id);
      macroDepth++;
      try {
        return await call(...args);
      } finally {
        macroDepth--;
      }
    };
  }

  const namespaces = new Map<string, object>();
  function namespaceFor(pkg: string): object {
    let ns = namespaces.get(pkg);
    if (!ns) {
      // A class instance, not a plain object: templates then read `pkg.macro` as an attribute
      // of a host object, which the Proxy answers, rather than as a key of a dict.
      ns = new Proxy(new MacroNamespace(pkg), {
        get: (_t, name) => {
          if (typeof name !== 'string') return undefined;
          // A unit test's `overrides: macros: {pkg.name: value}` replaces the macro by its value.
          const overrides = options.extra?.__macro_overrides as Record<string, unknown> | undefined;
          if (overrides && Object.hasOwn(overrides, `${pkg}.${name}`))
            return () => overrides[`${pkg}.${name}`];
          const entry = session.registry.get(pkg, name);
          if (!entry) return undefined;
          captured.macros.add(entry.uniqueId);
          return bindEntry(entry);
        },
        has: (_t, name) => typeof name === 'string' && session.registry.get(pkg, name) !== undefined,
      });
      namespaces.set(pkg, ns);
    }
    return ns;
  }

  const lookup = (name: string): unknown => {
    if (name in base) {
      if (name === 'graph') return session.graph();
      return base[name];
    }
    const entry = session.registry.resolve(name, node.package_name);
    if (entry) {
      captured.macros.add(entry.uniqueId);
      return bindEntry(entry);
    }
    if (session.registry.hasPackage(name)) return namespaceFor(name);
    return undefined;
  };

  const globals: object = new Proxy(base, {
    get: (_t, name) => (typeof name === 'string' ? lookup(name) : undefined),
    has: (_t, name) => typeof name === 'string' && lookup(name) !== undefined,
  });
  return { globals, captured };
}

/** Defines `key` on `base` as made by `make` on first read, unless `overridden` supplies it. */
function defineLazy(
  base: Record<string, unknown>,
  overridden: object,
  key: string,
  make: () => unknown,
): void {
  if (Object.hasOwn(overridden, key)) return;
  Object.defineProperty(base, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(base, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}

/** What `dbt` or `<package>` names in a template: the package's macros, bound to the node's context. */
class MacroNamespace {
  constructor(readonly package_name: string) {}
}

/** Parses `ref()` arguments: one or two positional names, `v=`/`version=`, `package=`. */
export function refCall(args: unknown[]): RefCall {
  const { args: p, kwargs } = splitArgs(args);
  const version = (kwargs.v ?? kwargs.version) as string | number | undefined;
  const call: RefCall =
    p.length >= 2
      ? { package: String(p[0]), name: String(p[1]) }
      : { name: String(p[0] ?? kwargs.name ?? '') };
  if (kwargs.package !== undefined) call.package = String(kwargs.package);
  if (version !== undefined && version !== null) call.version = version;
  return call;
}

export { asRelation, INTERNAL_PACKAGE, Kwargs };
