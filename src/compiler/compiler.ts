/**
 * Renders nodes to SQL. One Compiler per invocation: it owns the macro registry binding, the
 * ref index and the relation naming, and makes a fresh context for every node it renders.
 */
import { type Adapter, Relation } from '../adapters/index.js';
import type { Environment } from '../jinja/index.js';
import {
  type Captured,
  type CompileSession,
  type ContextMode,
  type ContextNode,
  createNodeContext,
  type RefCall,
  type Resolver,
} from './dbt-context.js';
import { CompilerError } from './errors.js';
import { injectCtes } from './inject-ctes.js';
import { JinjaRelation } from './jinja-relation.js';
import type { MacroEntry } from './macro-registry.js';
import { RefIndex, type RefTarget, type SourceTarget } from './ref-index.js';
import { LITERAL_PREFIX, liftStringLiterals, type StaticPart, splitStatic } from './static-render.js';

/** Node fields the compiler reads beyond ContextNode. */
export interface CompilableNode extends ContextNode, RefTarget {
  raw_code?: string;
  database: string | null;
  schema: string;
  alias?: string;
  original_file_path: string;
}

export interface CompilableSource extends SourceTarget {
  database: string | null;
  schema: string;
  identifier: string;
}

export interface CompiledResult {
  sql: string;
  /** Ephemeral models inlined, in injection order. */
  ctes: { id: string; sql: string }[];
  captured: Captured;
}

/** Computes extra globals before a node renders, evaluating expressions in the node's own context. */
export type Prepare = (
  evaluate: (expression: string) => Promise<unknown>,
) => Promise<Record<string, unknown>>;

export interface CompilerOptions {
  env: Environment;
  session: Omit<CompileSession, 'bindMacro' | 'graph'> & { graph?: () => Record<string, unknown> };
  nodes: Record<string, CompilableNode>;
  sources: Record<string, CompilableSource>;
  docs?: (name: string, pkg: string | undefined, fromPackage: string) => string | undefined;
  /**
   * The `graph` maps beside nodes and sources (`exposures`, `metrics`, `semantic_models`,
   * `saved_queries`, `groups`), manifest-shaped; read on the first `graph` access.
   */
  graphResources?: () => Partial<Record<GraphResourceKey, Record<string, unknown>>>;
}

export type GraphResourceKey =
  | 'nodes'
  | 'exposures'
  | 'metrics'
  | 'semantic_models'
  | 'saved_queries'
  | 'groups';

export class Compiler {
  readonly session: CompileSession;
  private builtIndex: RefIndex<CompilableNode, CompilableSource> | undefined;
  private graphCache: Record<string, unknown> | undefined;
  /** Extra globals may redefine ref/source/config; then every template goes through the engine. */
  private readonly staticAllowed: boolean;

  /** Built on first use: a parse makes compilers that never resolve a ref (30,000 nodes to index). */
  private get index(): RefIndex<CompilableNode, CompilableSource> {
    this.builtIndex ??= new RefIndex(Object.values(this.options.nodes), Object.values(this.options.sources));
    return this.builtIndex;
  }

  constructor(private readonly options: CompilerOptions) {
    const extraGlobals = options.session.extraGlobals ?? {};
    this.staticAllowed = !['ref', 'source', 'config'].some((n) => Object.hasOwn(extraGlobals, n));
    this.session = {
      ...options.session,
      graph: () =>
        (this.graphCache ??= {
          ...(options.session.graph?.() ?? {
            nodes: options.nodes,
            sources: options.sources,
            exposures: {},
            metrics: {},
            semantic_models: {},
            saved_queries: {},
            groups: {},
          }),
          ...options.graphResources?.(),
        }),
      bindMacro: (entry: MacroEntry, globals: object) => entry.template.bind(entry.definition, globals),
      renderString: (source: string, globals: object) =>
        options.env.fromString(source, '<var>').render(globals),
    };
  }

  get adapter(): Adapter | undefined {
    return this.session.adapter;
  }

  /** The relation a node builds (`this`). */
  relationFor(
    node: { database: string | null; schema: string; alias?: string; name: string },
    type?: 'table' | 'view',
  ): Relation {
    const parts = {
      database: node.database ?? undefined,
      schema: node.schema,
      identifier: node.alias ?? node.name,
      type,
    };
    return this.session.adapter ? this.session.adapter.relation(parts) : Relation.create(parts);
  }

  sourceRelation(source: CompilableSource): Relation {
    const parts = {
      database: source.database ?? undefined,
      schema: source.schema,
      identifier: source.identifier,
    };
    return this.session.adapter ? this.session.adapter.relation(parts) : Relation.create(parts);
  }

  /** Parse-mode render: captures ref/source/config calls without touching the warehouse. */
  async capture(node: CompilableNode, rawCode: string): Promise<Captured> {
    const { globals, captured } = this.context(node, 'parse', new Map());
    await this.options.env.fromString(rawCode, node.original_file_path).render(globals);
    return captured;
  }

  /** Execute-mode render of a node's SQL, with ephemeral refs inlined as CTEs. */
  async compile(node: CompilableNode, options: CompileOptions = {}): Promise<CompiledResult> {
    const { extra, rawCode = node.raw_code ?? '', prepare, fixtures } = options;
    const ephemerals = new Map<string, CompilableNode>();
    const used = new Set<string>();
    const prepared = prepare
      ? await prepare((expression) => this.evaluate(node, expression, ephemerals, extra))
      : {};
    const { sql, captured } = await this.render(
      node,
      rawCode,
      ephemerals,
      { ...extra, ...prepared },
      fixtures ? { sql: fixtures, used } : undefined,
    );
    const ctes: { id: string; sql: string }[] = [];
    const done = new Set<string>();
    const visit = async (eph: CompilableNode, stack: string[]): Promise<void> => {
      if (done.has(eph.unique_id)) return;
      if (stack.includes(eph.unique_id))
        throw new CompilerError(`ephemeral cycle: ${[...stack, eph.unique_id].join(' -> ')}`, 'E_CYCLE');
      const nested = new Map<string, CompilableNode>();
      const r = await this.render(eph, eph.raw_code ?? '', nested);
      for (const inner of nested.values()) await visit(inner, [...stack, eph.unique_id]);
      done.add(eph.unique_id);
      ctes.push({ id: eph.unique_id, sql: `${cteName(eph)} as (\n${r.sql}\n)` });
    };
    // Unit-test fixtures stand in for the inputs they replace, as CTEs in front of everything.
    for (const id of used) ctes.unshift({ id, sql: `${fixtureName(id)} as (\n${fixtures!.get(id)}\n)` });
    for (const eph of ephemerals.values()) await visit(eph, [node.unique_id]);
    return {
      sql: ctes.length
        ? injectCtes(
            sql,
            ctes.map((c) => c.sql),
          )
        : sql,
      ctes,
      captured,
    };
  }

  /** Renders arbitrary SQL (hooks, `--inline`, operations) in the context of `node`. */
  async renderString(
    node: CompilableNode,
    source: string,
    name: string,
    extra?: Record<string, unknown>,
  ): Promise<string> {
    const { globals } = this.context(node, 'execute', new Map(), extra);
    return this.options.env.fromString(source, name).render(globals);
  }

  /** A context for host-driven macro calls (materializations, run-operation). */
  contextFor(node: CompilableNode, extra?: Record<string, unknown>): object {
    return this.context(node, 'execute', new Map(), extra).globals;
  }

  /**
   * Evaluates one Jinja expression in the node's context and returns its value (not its text).
   * Its string literals are lifted into names first, so the expressions of many generic tests
   * (`get_where_subquery(ref('a'))`, `… ref('b')`) share one compiled template per file.
   */
  private async evaluate(
    node: CompilableNode,
    expression: string,
    ephemerals: Map<string, CompilableNode>,
    extra?: Record<string, unknown>,
  ): Promise<unknown> {
    const name = `${node.original_file_path}:<expression>`;
    const lifted = liftStringLiterals(expression);
    if (lifted && lifted.values.length > 0) {
      const literals: Record<string, string> = {};
      lifted.values.forEach((v, i) => {
        literals[`${LITERAL_PREFIX}${i}`] = v;
      });
      try {
        return await this.evaluateAs(node, lifted.text, name, ephemerals, { ...extra, ...literals });
      } catch {
        // Evaluated again as written, so any error reads as the user wrote the expression.
      }
    }
    return this.evaluateAs(node, expression, name, ephemerals, extra);
  }

  private async evaluateAs(
    node: CompilableNode,
    expression: string,
    name: string,
    ephemerals: Map<string, CompilableNode>,
    extra?: Record<string, unknown>,
  ): Promise<unknown> {
    let value: unknown;
    const { globals } = this.context(node, 'execute', ephemerals, {
      ...extra,
      __tessera_keep: (v: unknown) => {
        value = v;
        return '';
      },
    });
    await this.options.env.fromString(`{% do __tessera_keep(${expression}) %}`, name).render(globals);
    return value;
  }

  private async render(
    node: CompilableNode,
    rawCode: string,
    ephemerals: Map<string, CompilableNode>,
    extra?: Record<string, unknown>,
    fixtures?: Fixtures,
  ): Promise<{ sql: string; captured: Captured }> {
    if (!fixtures && (!extra || Object.keys(extra).length === 0) && this.staticAllowed) {
      const parts = splitStatic(rawCode, this.options.env.options.keepTrailingNewline === true);
      if (parts) {
        try {
          return await this.renderStatic(node, parts, ephemerals);
        } catch {
          // Rendered again by the engine below, so any error reads exactly as it always has.
        }
      }
    }
    const { globals, captured } = this.context(node, 'execute', ephemerals, extra, fixtures);
    const sql = await this.options.env.fromString(rawCode, node.original_file_path).render(globals);
    return { sql, captured };
  }

  /**
   * Renders a template of text and independent outputs (see static-render.ts) by splicing. The
   * node's context is made only when an output needs the engine; each such output renders with
   * its lifted string literals layered over that context.
   */
  private async renderStatic(
    node: CompilableNode,
    parts: StaticPart[],
    ephemerals: Map<string, CompilableNode>,
  ): Promise<{ sql: string; captured: Captured }> {
    const resolver = this.resolver(ephemerals);
    let context: { globals: object; captured: Captured } | undefined;
    let sql = '';
    for (const part of parts) {
      if (part.kind === 'text') sql += part.text;
      else if (part.kind === 'ref') sql += String(resolver.ref(node, part.call));
      else if (part.kind === 'source') sql += String(resolver.source(node, part.sourceName, part.tableName));
      else {
        context ??= this.context(node, 'execute', ephemerals);
        const scope = Object.assign(Object.create(context.globals) as object, part.literals);
        sql += await this.options.env.fromString(`{{ ${part.expression} }}`, '<expression>').render(scope);
      }
    }
    return { sql, captured: context?.captured ?? { refs: [], sources: [], configs: [], macros: new Set() } };
  }

  /** A node's context; operations (hooks) have no `this`. */
  private context(
    node: CompilableNode,
    mode: ContextMode,
    ephemerals: Map<string, CompilableNode>,
    extra?: Record<string, unknown>,
    fixtures?: Fixtures,
  ) {
    return createNodeContext(this.session, {
      node,
      mode,
      resolver: this.resolver(ephemerals, fixtures),
      thisRelation: node.resource_type === 'operation' ? undefined : this.relationFor(node),
      extra,
    });
  }

  private resolver(ephemerals: Map<string, CompilableNode>, fixtures?: Fixtures): Resolver {
    const fixture = (id: string) => {
      if (!fixtures?.sql.has(id)) return undefined;
      fixtures.used.add(id);
      return new JinjaRelation(
        Relation.create({ identifier: fixtureName(id), type: 'cte' }).quote({ identifier: false }),
      );
    };
    return {
      ref: (from, call: RefCall) => {
        const target = this.index.ref(from.package_name, call);
        const fixed = target && fixture(target.unique_id);
        if (fixed) return fixed;
        if (!target) {
          const v = call.version !== undefined ? ` (version ${call.version})` : '';
          throw new CompilerError(
            `${from.resource_type} '${from.unique_id}' depends on a node named '${call.package ? `${call.package}.` : ''}${call.name}'${v} which was not found`,
            'E_REF_NOT_FOUND',
            from.original_file_path as string,
          );
        }
        if (target.config.materialized === 'ephemeral') {
          ephemerals.set(target.unique_id, target);
          // dbt's ephemeral relation: renders as the bare CTE name, yet is still a relation.
          const cte = Relation.create({ identifier: cteName(target), type: 'cte' }).quote({
            identifier: false,
          });
          return new JinjaRelation(cte);
        }
        const type = target.config.materialized === 'view' ? 'view' : 'table';
        return new JinjaRelation(this.relationFor(target, type));
      },
      source: (from, sourceName, tableName) => {
        const s = this.index.source(from.package_name, sourceName, tableName);
        const fixed = s && fixture(s.unique_id);
        if (fixed) return fixed;
        if (!s)
          throw new CompilerError(
            `${from.resource_type} '${from.unique_id}' depends on a source named '${sourceName}.${tableName}' which was not found`,
            'E_SOURCE_NOT_FOUND',
            from.original_file_path as string,
          );
        return new JinjaRelation(this.sourceRelation(s));
      },
      doc: (from, name, pkg) => this.options.docs?.(name, pkg, from.package_name) ?? '',
    };
  }
}

/** What a compile may take besides the node. */
export interface CompileOptions {
  extra?: Record<string, unknown>;
  /** SQL to render instead of the node's own code. */
  rawCode?: string;
  prepare?: Prepare;
  /** Unit tests: SQL that replaces the relation of a ref/source target, by unique_id. */
  fixtures?: ReadonlyMap<string, string>;
}

interface Fixtures {
  sql: ReadonlyMap<string, string>;
  used: Set<string>;
}

/** The CTE a unit-test fixture becomes: `__dbt__cte__<name>` as dbt names it. */
export function fixtureName(uniqueId: string): string {
  return `__dbt__cte__${uniqueId.split('.').slice(2).join('_')}`;
}

/** dbt's name for an inlined ephemeral model. */
export function cteName(node: { name: string }): string {
  return `__dbt__cte__${node.name}`;
}
