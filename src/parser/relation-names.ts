/**
 * Where a node lands in the warehouse: dbt's `generate_database_name`, `generate_schema_name`
 * and `generate_alias_name`. The defaults are computed here directly (fast); a project that
 * overrides one of these macros gets its macro rendered instead.
 */
import type { Compiler, CompileSession } from '../compiler/index.js';
import { createNodeContext, INTERNAL_PACKAGE } from '../compiler/index.js';
import type { ManifestNode } from './node-types.js';
import { issueOf, type ParseIssue } from './parse-issues.js';

export interface NamingNode {
  unique_id: string;
  name: string;
  package_name: string;
  resource_type: string;
  config: Record<string, unknown>;
  version?: string | number | null;
  [key: string]: unknown;
}

export interface RelationNames {
  database: string | null;
  schema: string;
  alias: string;
}

export class RelationNamer {
  private readonly overridden: { schema: boolean; alias: boolean; database: boolean };

  constructor(
    private readonly session: CompileSession,
    private readonly target: { database?: string | null; schema: string },
  ) {
    const custom = (name: string) => {
      const entry = session.registry.resolve(name, session.registry.rootPackage);
      return entry !== undefined && entry.packageName !== INTERNAL_PACKAGE;
    };
    this.overridden = {
      schema: custom('generate_schema_name'),
      alias: custom('generate_alias_name'),
      database: custom('generate_database_name'),
    };
  }

  /** The names without awaiting, when no naming macro is overridden (the usual case); else undefined. */
  namesWithDefaults(node: NamingNode): RelationNames | undefined {
    if (this.overridden.schema || this.overridden.alias || this.overridden.database) return undefined;
    const customSchema = (node.config.schema as string | null | undefined) ?? null;
    const customAlias = (node.config.alias as string | null | undefined) ?? null;
    const customDatabase = (node.config.database as string | null | undefined) ?? null;
    const schema =
      customSchema === null || customSchema === ''
        ? this.target.schema
        : `${this.target.schema}_${customSchema.trim()}`;
    const alias = customAlias
      ? customAlias.trim()
      : node.version !== null && node.version !== undefined
        ? `${node.name}_v${node.version}`
        : node.name;
    const database = customDatabase ?? this.target.database ?? null;
    return { database: database === '' ? null : database, schema, alias };
  }

  async names(node: NamingNode): Promise<RelationNames> {
    const customSchema = (node.config.schema as string | null | undefined) ?? null;
    const customAlias = (node.config.alias as string | null | undefined) ?? null;
    const customDatabase = (node.config.database as string | null | undefined) ?? null;
    const schema = this.overridden.schema
      ? (await this.callMacro('generate_schema_name', node, [customSchema, node])).trim()
      : customSchema === null || customSchema === ''
        ? this.target.schema
        : `${this.target.schema}_${customSchema.trim()}`;
    const alias = this.overridden.alias
      ? (await this.callMacro('generate_alias_name', node, [customAlias, node])).trim()
      : customAlias
        ? customAlias.trim()
        : node.version !== null && node.version !== undefined
          ? `${node.name}_v${node.version}`
          : node.name;
    const database = this.overridden.database
      ? (await this.callMacro('generate_database_name', node, [customDatabase, node])).trim()
      : (customDatabase ?? this.target.database ?? null);
    return { database: database === '' ? null : database, schema, alias };
  }

  private async callMacro(name: string, node: NamingNode, args: unknown[]): Promise<string> {
    const entry = this.session.registry.resolve(name, node.package_name)!;
    const { globals } = createNodeContext(this.session, {
      node,
      mode: 'parse',
      resolver: {
        ref: () => '',
        source: () => {
          throw new Error('source() is not available here');
        },
      },
    });
    const fn = this.session.bindMacro(entry, globals);
    return String(await fn(...args));
  }
}

/**
 * Sets database, schema, alias and (for nodes that are relations) relation_name on each node.
 * Without overridden naming macros no promise is made per node.
 */
export async function nameRelations(
  nodes: ManifestNode[],
  compiler: Compiler,
  target: Record<string, unknown>,
  targetSchema: string,
  errors: ParseIssue[],
): Promise<void> {
  const namer = new RelationNamer(compiler.session, {
    database: (target.database as string | undefined) ?? null,
    schema: targetSchema,
  });
  for (const node of nodes) {
    try {
      const names = namer.namesWithDefaults(node as never) ?? (await namer.names(node as never));
      node.database = names.database;
      node.schema = names.schema;
      node.alias = names.alias;
      if (
        node.resource_type === 'model' ||
        node.resource_type === 'seed' ||
        node.resource_type === 'snapshot' ||
        (node.resource_type === 'test' && node.config.store_failures)
      ) {
        if (!(node.resource_type === 'model' && node.config.materialized === 'ephemeral'))
          node.relation_name = compiler.relationFor(node as never).render();
      }
    } catch (err) {
      errors.push(issueOf(err, node.original_file_path));
    }
  }
}
