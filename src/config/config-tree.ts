import { type ConfigResourceType, warnUnknownConfigKeys } from './config-keys.js';
import type { Diagnostics } from './errors.js';
import { mergeConfigs } from './merge.js';
import type { ProjectConfig } from './project.js';
import { isPlainObject, type YamlSource } from './yaml-positions.js';

/** Resource names as the parser spells them (singular) or as dbt_project.yml does (plural). */
export type ResourceTypeName =
  | ConfigResourceType
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'test'
  | 'data_test'
  | 'source'
  | 'unit_test'
  | 'exposure'
  | 'analysis'
  | 'metric'
  | 'semantic_model'
  | 'saved_query'
  | 'function';

const TREE_OF: Record<string, ConfigResourceType> = {
  model: 'models',
  seed: 'seeds',
  snapshot: 'snapshots',
  test: 'data_tests',
  tests: 'data_tests',
  data_test: 'data_tests',
  source: 'sources',
  unit_test: 'unit_tests',
  exposure: 'exposures',
  analysis: 'analyses',
  metric: 'metrics',
  semantic_model: 'semantic_models',
  saved_query: 'saved_queries',
  function: 'functions',
};

export function treeNameFor(resourceType: ResourceTypeName): ConfigResourceType {
  return TREE_OF[resourceType] ?? (resourceType as ConfigResourceType);
}

/**
 * dbt's rule for one level of a tree: a key is a config when it starts with `+`, or when its value
 * is not a mapping; a bare key holding a mapping is the next path step (package, folder, file).
 */
export function configsAtLevel(level: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) result[key.slice(1).trim()] = structuredClone(value);
    else if (!isPlainObject(value)) result[key] = structuredClone(value);
  }
  return result;
}

/** The config dicts met walking `fqn` down a tree: the tree's top first, deepest last. */
export function treeLevels(
  tree: Record<string, unknown> | undefined,
  fqn: readonly string[],
): Record<string, unknown>[] {
  if (!tree) return [];
  const levels = [configsAtLevel(tree)];
  let node: Record<string, unknown> = tree;
  for (const step of fqn) {
    const next = node[step];
    if (!isPlainObject(next)) break;
    levels.push(configsAtLevel(next));
    node = next;
  }
  return levels;
}

/**
 * The dbt_project.yml layer of one node's config. `fqn` starts with the package name
 * (`['jaffle', 'staging', 'stg_orders']`). For a node of an installed package, that package's own
 * tree applies first and the root project's tree (keyed by the package name) overrides it; pass
 * the package's project in `dependencies`.
 */
export function configForNode(
  project: ProjectConfig,
  resourceType: ResourceTypeName,
  fqn: readonly string[],
  packageName: string,
  dependencies: Readonly<Record<string, ProjectConfig>> = {},
): Record<string, unknown> {
  const tree = treeNameFor(resourceType);
  const own = packageName !== project.name ? dependencies[packageName] : undefined;
  return mergeConfigs([
    ...treeLevels(own?.configTrees[tree], fqn),
    ...treeLevels(project.configTrees[tree], fqn),
  ]);
}

/**
 * A node's full config, in dbt's exact order: the node's own project tree, then properties YAML
 * `config:`, then `config()` in the file; for package nodes the root project's tree comes last,
 * so a root project can override what a package sets even in `config()`.
 */
export function resolveNodeConfig(args: {
  root: ProjectConfig;
  resourceType: ResourceTypeName;
  fqn: readonly string[];
  packageName: string;
  dependencies?: Readonly<Record<string, ProjectConfig>>;
  propertiesConfig?: Record<string, unknown>;
  inFileConfig?: Record<string, unknown>;
}): Record<string, unknown> {
  const tree = treeNameFor(args.resourceType);
  const isRoot = args.packageName === args.root.name;
  const own = isRoot ? args.root : args.dependencies?.[args.packageName];
  return mergeConfigs([
    ...treeLevels(own?.configTrees[tree], args.fqn),
    args.propertiesConfig,
    args.inFileConfig,
    ...(isRoot ? [] : treeLevels(args.root.configTrees[tree], args.fqn)),
  ]);
}

/** Warns about config keys in project trees that dbt does not know (typos, mostly). */
export function checkProjectTrees(
  trees: ProjectConfig['configTrees'],
  source: YamlSource,
  testsKey: 'tests' | 'data_tests',
  diagnostics: Diagnostics,
): void {
  for (const [name, tree] of Object.entries(trees) as [ConfigResourceType, Record<string, unknown>][]) {
    const rootKey = name === 'data_tests' ? testsKey : name;
    const walk = (level: Record<string, unknown>, path: string[]) => {
      const configs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(level)) {
        if (key.startsWith('+') || !isPlainObject(value)) configs[key] = value;
        else walk(value, [...path, key]);
      }
      warnUnknownConfigKeys(configs, name, { source, path }, diagnostics);
    };
    walk(tree, [rootKey]);
  }
}
