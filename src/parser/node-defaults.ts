// Builders for the manifest's `nodes`: give every field dbt writes its dbt default, derive the
// identity fields (unique_id, path, fqn, alias) from the few facts the parser knows, and let any
// field be overridden. Key order follows dbt's, so our manifest reads like dbt's.
import { assignDefined, defaultNodeConfig, mergeConfig } from './node-config-defaults.js';
import {
  emptyChecksum,
  fileChecksum,
  fileStem,
  fqnFromPath,
  nowSeconds,
  pathInResourceFolder,
} from './node-paths.js';
import type {
  AnalysisNode,
  BaseNode,
  CompiledNodeFields,
  Contract,
  ContractConfig,
  GenericTestNode,
  HookNode,
  JsonObject,
  ModelNode,
  NodeResourceType,
  SeedNode,
  SingularTestNode,
  SnapshotNode,
  SqlOperationNode,
  TestMetadata,
} from './node-types.js';
import {
  type GenericTestTarget,
  genericTestModelArg,
  genericTestName,
  genericTestRawCode,
  genericTestUniqueId,
} from './test-names.js';

// One entry point for all builders and defaults.
export * from './node-config-defaults.js';
export { emptyChecksum, fileChecksum } from './node-paths.js';
export * from './resource-defaults.js';

/** What every node builder needs; all other fields default. `config` is merged over the defaults. */
export type NodeInit<N extends BaseNode> = Partial<Omit<N, 'resource_type' | 'config'>> & {
  name: string;
  package_name: string;
  /** Relative to the project root, e.g. `models/staging/stg_orders.sql`. */
  original_file_path: string;
  schema: string;
  config?: Partial<N['config']>;
};

/**
 * `assignDefined(node, { ...init, name, config })` without building that object: the caller's
 * defined fields win, then the merged config (and the derived name) are set.
 */
function overlay<N extends object>(node: N, init: object, config: unknown, name?: string): N {
  const target = node as Record<string, unknown>;
  const given = init as Record<string, unknown>;
  for (const key in given) {
    if (key === 'config' || (name !== undefined && key === 'name')) continue;
    const value = given[key];
    if (value !== undefined) target[key] = value;
  }
  target.config = config;
  if (name !== undefined) target.name = name;
  return node;
}

function mergedConfig<C extends object>(defaults: C, given: Partial<C> | undefined): C {
  return mergeConfig(defaults, given);
}

interface Identity {
  unique_id: string;
  path: string;
  fqn: string[];
  alias: string;
}

function baseFields<C extends BaseNode['config']>(
  init: NodeInit<BaseNode>,
  resourceType: NodeResourceType,
  config: C,
  identity: Identity,
  rawCode: string,
) {
  return {
    database: null as string | null,
    schema: init.schema,
    name: init.name,
    resource_type: resourceType,
    package_name: init.package_name,
    path: identity.path,
    original_file_path: init.original_file_path,
    unique_id: identity.unique_id,
    fqn: identity.fqn,
    alias: identity.alias,
    checksum: fileChecksum(rawCode),
    config,
    tags: [...config.tags],
    description: '',
    columns: {},
    meta: { ...config.meta },
    group: config.group,
    docs: (config as { docs?: BaseNode['docs'] }).docs ?? { show: true, node_color: null },
    patch_path: null as string | null,
    build_path: null as string | null,
    unrendered_config: {},
    created_at: nowSeconds(),
    relation_name: null as string | null,
    raw_code: rawCode,
    doc_blocks: [] as string[],
  };
}

function contractFrom(config: { contract?: ContractConfig }): Contract {
  const contract = config.contract ?? { enforced: false, alias_types: true };
  return { enforced: contract.enforced, alias_types: contract.alias_types, checksum: null };
}

function compiledFields(config: { contract?: ContractConfig }): CompiledNodeFields {
  return {
    language: 'sql',
    refs: [],
    sources: [],
    metrics: [],
    functions: [],
    depends_on: { macros: [], nodes: [] },
    compiled_path: null,
    contract: contractFrom(config),
  };
}

function defaultIdentity(init: NodeInit<BaseNode>, resourceType: NodeResourceType): Identity {
  const path = init.path ?? pathInResourceFolder(init.original_file_path);
  return {
    unique_id: init.unique_id ?? `${resourceType}.${init.package_name}.${init.name}`,
    path,
    fqn: init.fqn ?? fqnFromPath(init.package_name, path, init.name),
    alias: init.alias ?? (init.config?.alias as string | undefined) ?? init.name,
  };
}

/** A model. Versioned models get `model.<pkg>.<name>.v<version>`, alias `<name>_v<version>`. */
export function makeModelNode(init: NodeInit<ModelNode>): ModelNode {
  const config = mergedConfig(defaultNodeConfig('model'), init.config);
  const version = init.version ?? null;
  const path = init.path ?? pathInResourceFolder(init.original_file_path);
  const versionTail = version === null ? [] : [`v${version}`];
  const identity: Identity = {
    unique_id: init.unique_id ?? [`model.${init.package_name}.${init.name}`, ...versionTail].join('.'),
    path,
    fqn: init.fqn ?? fqnFromPath(init.package_name, path, init.name, ...versionTail),
    alias: init.alias ?? config.alias ?? (version === null ? init.name : `${init.name}_v${version}`),
  };
  const rawCode = init.raw_code ?? '';
  // One literal rather than spreads of baseFields/compiledFields: models are the bulk of a big
  // project, and this is one allocation with a fixed shape (same keys, same order).
  const node: ModelNode = {
    database: null,
    schema: init.schema,
    name: init.name,
    resource_type: 'model',
    package_name: init.package_name,
    path: identity.path,
    original_file_path: init.original_file_path,
    unique_id: identity.unique_id,
    fqn: identity.fqn,
    alias: identity.alias,
    checksum: fileChecksum(rawCode),
    config,
    tags: [...config.tags],
    description: '',
    columns: {},
    meta: { ...config.meta },
    group: config.group,
    docs: config.docs ?? { show: true, node_color: null },
    patch_path: null,
    build_path: null,
    unrendered_config: {},
    created_at: nowSeconds(),
    relation_name: null,
    raw_code: rawCode,
    doc_blocks: [],
    language: 'sql',
    refs: [],
    sources: [],
    metrics: [],
    functions: [],
    depends_on: { macros: [], nodes: [] },
    compiled_path: null,
    contract: contractFrom(config),
    access: config.access,
    constraints: [],
    version,
    latest_version: null,
    deprecation_date: null,
    primary_key: [],
    time_spine: null,
  };
  return overlay(node, init, config);
}

/** A seed. Its raw_code is empty; the checksum is of the CSV file, given as `csv_contents`. */
export function makeSeedNode(init: NodeInit<SeedNode> & { csv_contents?: string }): SeedNode {
  const { csv_contents, ...fields } = init;
  const config = mergedConfig(defaultNodeConfig('seed'), fields.config);
  const base = baseFields(fields, 'seed', config, defaultIdentity(fields, 'seed'), '');
  const node: SeedNode = {
    ...base,
    checksum: fileChecksum(csv_contents ?? ''),
    resource_type: 'seed',
    config,
    root_path: null,
    depends_on: { macros: [] },
  };
  return assignDefined(node, { ...fields, config });
}

/** A snapshot: its fqn carries the file name too (`[pkg, ...folders, file stem, name]`). */
export function makeSnapshotNode(init: NodeInit<SnapshotNode>): SnapshotNode {
  const config = mergedConfig(defaultNodeConfig('snapshot'), init.config);
  const path = init.path ?? pathInResourceFolder(init.original_file_path);
  const identity: Identity = {
    ...defaultIdentity(init, 'snapshot'),
    fqn: init.fqn ?? fqnFromPath(init.package_name, path, fileStem(path), init.name),
  };
  const node: SnapshotNode = {
    ...baseFields(init, 'snapshot', config, identity, init.raw_code ?? ''),
    resource_type: 'snapshot',
    config,
    ...compiledFields(config),
  };
  return assignDefined(node, { ...init, config });
}

/** An analysis: dbt puts its path under `analysis/`, which also lands in the fqn. */
export function makeAnalysisNode(init: NodeInit<AnalysisNode>): AnalysisNode {
  const config = mergedConfig(defaultNodeConfig('analysis'), init.config);
  const path = init.path ?? `analysis/${pathInResourceFolder(init.original_file_path)}`;
  const identity = defaultIdentity({ ...init, path }, 'analysis');
  const node: AnalysisNode = {
    ...baseFields(init, 'analysis', config, identity, init.raw_code ?? ''),
    resource_type: 'analysis',
    config,
    ...compiledFields(config),
  };
  return assignDefined(node, { ...init, path, config });
}

/** A data test written as a .sql file under `tests/`. */
export function makeSingularTestNode(init: NodeInit<SingularTestNode>): SingularTestNode {
  const config = mergedConfig(defaultNodeConfig('test'), init.config);
  const node: SingularTestNode = {
    ...baseFields(init, 'test', config, defaultIdentity(init, 'test'), init.raw_code ?? ''),
    resource_type: 'test',
    config,
    ...compiledFields({}),
  };
  return assignDefined(node, { ...init, config });
}

/** What a YAML test entry said, after configs were split from macro arguments. */
export interface GenericTestSpec {
  /** The test's own name (`unique`, `accepted_range`), without namespace. */
  name: string;
  namespace: string | null;
  /** Macro arguments other than `column_name` and `model`. */
  args: JsonObject;
  /** The `name:` the user gave the test, replacing the synthesised name. */
  customName?: string | null;
  /** Configs written on the test entry (severity, where…), echoed in raw_code's config() call. */
  config?: JsonObject;
}

export type GenericTestInit = Partial<Omit<GenericTestNode, 'resource_type' | 'config' | 'name'>> & {
  package_name: string;
  /** The YAML file that declared the test. */
  original_file_path: string;
  schema: string;
  test: GenericTestSpec;
  target: string | GenericTestTarget;
  config?: Partial<GenericTestNode['config']>;
};

/** A generic test from YAML, named and hashed exactly as dbt does (see test-names.ts). */
export function makeGenericTestNode(init: GenericTestInit): GenericTestNode {
  const { test, target, ...fields } = init;
  const columnName = fields.column_name ?? null;
  const names = genericTestName(test.name, test.namespace, target, {
    ...test.args,
    ...(columnName === null ? {} : { column_name: columnName }),
  });
  const name = test.customName ?? names.fullName;
  const shortName = test.customName ?? names.shortName;
  const kwargs: JsonObject = {
    ...(columnName === null ? {} : { column_name: columnName }),
    ...test.args,
    model: genericTestModelArg(target),
  };
  const metadata: TestMetadata = { name: test.name, kwargs, namespace: test.namespace };
  // A hashed short name becomes the alias, so the relation name stays within identifier limits.
  const writtenConfig: JsonObject = { ...test.config };
  if (shortName !== name && writtenConfig.alias === undefined) writtenConfig.alias = shortName;
  const config = mergedConfig(defaultNodeConfig('test'), { ...writtenConfig, ...fields.config });
  const pathInFolder = pathInResourceFolder(fields.original_file_path);
  const identity: Identity = {
    unique_id: fields.unique_id ?? genericTestUniqueId(fields.package_name, name, metadata),
    path: fields.path ?? `${shortName}.sql`,
    fqn: fields.fqn ?? fqnFromPath(fields.package_name, pathInFolder, name),
    alias: fields.alias ?? config.alias ?? name,
  };
  const rawCode = fields.raw_code ?? genericTestRawCode(test.name, test.namespace, writtenConfig);
  const fileKey =
    typeof target !== 'string' && target.kind === 'source'
      ? `sources.${target.sourceName}`
      : `models.${typeof target === 'string' ? target : target.name}`;
  const node: GenericTestNode = {
    database: null,
    schema: fields.schema,
    name,
    resource_type: 'test',
    package_name: fields.package_name,
    path: identity.path,
    original_file_path: fields.original_file_path,
    unique_id: identity.unique_id,
    fqn: identity.fqn,
    alias: identity.alias,
    checksum: emptyChecksum(),
    config,
    tags: [...config.tags],
    description: '',
    columns: {},
    meta: { ...config.meta },
    group: config.group,
    docs: (config as { docs?: BaseNode['docs'] }).docs ?? { show: true, node_color: null },
    patch_path: null,
    build_path: null,
    unrendered_config: { ...writtenConfig },
    created_at: nowSeconds(),
    relation_name: null,
    raw_code: rawCode,
    doc_blocks: [],
    language: 'sql',
    refs: [],
    sources: [],
    metrics: [],
    functions: [],
    depends_on: { macros: [], nodes: [] },
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
    column_name: columnName,
    file_key_name: fileKey,
    attached_node: null,
    test_metadata: metadata,
  };
  return overlay(node, fields, config, name);
}

/** Either kind of data test: generic when `test` (the YAML spec) is given, singular otherwise. */
export function makeTestNode(
  init: GenericTestInit | NodeInit<SingularTestNode>,
): SingularTestNode | GenericTestNode {
  return 'test' in init && 'target' in init ? makeGenericTestNode(init) : makeSingularTestNode(init);
}

export type HookInit = Omit<NodeInit<HookNode>, 'name' | 'original_file_path'> & {
  hookType: 'on-run-start' | 'on-run-end';
  index: number;
  original_file_path?: string;
};

/** A project hook: `operation.<pkg>.<pkg>-on-run-start-<index>`, declared in dbt_project.yml. */
export function makeHookNode(init: HookInit): HookNode {
  const { hookType, ...fields } = init;
  const name = `${fields.package_name}-${hookType}-${fields.index}`;
  const config = mergedConfig(defaultNodeConfig('operation'), fields.config);
  const full = { ...fields, name, original_file_path: fields.original_file_path ?? './dbt_project.yml' };
  const path = fields.path ?? `hooks/${name}.sql`;
  const identity = defaultIdentity({ ...full, path }, 'operation');
  const node: HookNode = {
    ...baseFields(full, 'operation', config, identity, fields.raw_code ?? ''),
    resource_type: 'operation',
    config,
    tags: [hookType],
    ...compiledFields(config),
    index: fields.index,
  };
  return assignDefined(node, { ...full, path, config });
}

/** An inline SQL node (`tessera show --inline`). */
export function makeSqlOperationNode(init: NodeInit<SqlOperationNode>): SqlOperationNode {
  const config = mergedConfig(defaultNodeConfig('sql_operation'), init.config);
  const node: SqlOperationNode = {
    ...baseFields(init, 'sql_operation', config, defaultIdentity(init, 'sql_operation'), init.raw_code ?? ''),
    resource_type: 'sql_operation',
    config,
    ...compiledFields(config),
  };
  return assignDefined(node, { ...init, config });
}

/**
 * Applies a resolved config (project + file + YAML levels) to a built node: dict-valued keys are
 * merged into the defaults as dbt does (`contract: {enforced: true}` keeps `alias_types`), others
 * replace. Then the node-level copies dbt keeps in step with config are refreshed: tags (union),
 * meta, group, docs, alias, and for models access and contract.
 */
export function applyNodeConfig<N extends BaseNode>(node: N, config: Record<string, unknown>): N {
  mergeConfig(node.config, config);
  const target = node.config as Record<string, unknown>;
  const tags = Array.isArray(node.config.tags) ? node.config.tags : [node.config.tags as unknown as string];
  node.tags = [...new Set([...node.tags, ...tags])];
  node.meta = { ...(node.config.meta as JsonObject) };
  node.group = node.config.group;
  if (isPlainObject(target.docs)) node.docs = { ...(target.docs as unknown as BaseNode['docs']) };
  if (typeof node.config.alias === 'string') node.alias = node.config.alias;
  if (node.resource_type === 'model') {
    const model = node as unknown as ModelNode;
    model.access = model.config.access;
    model.contract = { ...contractFrom(model.config), checksum: model.contract.checksum };
  }
  return node;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
