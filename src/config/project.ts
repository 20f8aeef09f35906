import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigResourceType } from './config-keys.js';
import { checkProjectTrees } from './config-tree.js';
import {
  ConfigError,
  type ConfigResult,
  Diagnostics,
  failed,
  failure,
  type Loc,
  resultOf,
} from './errors.js';
import { PROJECT_KEYS, projectFileSchema, RESERVED_PROJECT_NAMES } from './project-schema.js';
import { baseRenderContext, hasJinja, type RenderOptions, renderTree } from './render.js';
import { checkKeys, validateShape } from './validate.js';
import { isPlainObject, parseYaml, type YamlPath, type YamlSource } from './yaml-positions.js';

export interface DispatchEntry {
  macroNamespace: string;
  searchOrder: string[];
  loc: Loc;
}

export interface ProjectQuoting {
  database?: boolean;
  schema?: boolean;
  identifier?: boolean;
  snowflake_ignore_case?: boolean;
}

/** dbt_project.yml, rendered, validated and with dbt's defaults filled in. */
export interface ProjectConfig {
  /** Absolute or caller-relative folder holding dbt_project.yml. */
  dir: string;
  file: string;
  loc: Loc;
  name: string;
  version?: string;
  configVersion: number;
  profile?: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  analysisPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  docsPaths: string[];
  assetPaths: string[];
  targetPath: string;
  cleanTargets: string[];
  packagesInstallPath: string;
  /** As written (not rendered until use, like dbt): globals plus `{package_name: {...}}` scopes. */
  vars: Record<string, unknown>;
  /** Raw hook SQL (rendered at run time). */
  onRunStart: string[];
  onRunEnd: string[];
  dispatch: DispatchEntry[];
  quoting: ProjectQuoting;
  /** Accepted, not enforced. */
  requireDbtVersion: string[];
  flags: Record<string, unknown>;
  queryComment: unknown;
  restrictAccess: boolean;
  /** Packages listed inside dbt_project.yml itself (rare; usually packages.yml). */
  packages: Record<string, unknown>[];
  /** Hierarchical config trees (`models:`, `seeds:` …); `tests:` is read as `data_tests:`. */
  configTrees: Partial<Record<ConfigResourceType, Record<string, unknown>>>;
  /** The parsed file, for locating keys later. */
  source: YamlSource;
}

export interface LoadProjectOptions extends RenderOptions {}

export const PROJECT_FILE_NAME = 'dbt_project.yml';

const TREE_KEYS: ConfigResourceType[] = [
  'models',
  'seeds',
  'snapshots',
  'data_tests',
  'sources',
  'unit_tests',
  'exposures',
  'analyses',
  'metrics',
  'semantic_models',
  'saved_queries',
  'functions',
];

/** Reads `<projectDir>/dbt_project.yml`. */
export async function loadProject(
  projectDir: string,
  opts: LoadProjectOptions = {},
): Promise<ConfigResult<ProjectConfig>> {
  const file = join(projectDir, PROJECT_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return failure(
      new ConfigError({
        code: 'file-not-found',
        message: `no ${PROJECT_FILE_NAME} found in '${projectDir}'`,
        file,
        hint: 'run from a dbt project folder or pass --project-dir',
      }),
    );
  }
  return parseProject(projectDir, file, text, opts);
}

/**
 * The profile a project names (`profile:`, else its `name`), read before the profile and thus
 * before `target` exists, so that the whole file can then be rendered with `target`. Undefined
 * when the file cannot be read: loading it properly reports why.
 */
export async function peekProjectProfile(
  projectDir: string,
  opts: RenderOptions = {},
): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(projectDir, PROJECT_FILE_NAME), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseYaml(join(projectDir, PROJECT_FILE_NAME), text);
  const data = parsed.source?.data;
  if (parsed.errors.length || !isPlainObject(data)) return undefined;
  const raw = data.profile ?? data.name;
  if (typeof raw !== 'string') return undefined;
  if (!opts.render || !hasJinja(raw)) return raw;
  try {
    return await opts.render(raw, baseRenderContext(opts));
  } catch {
    return undefined;
  }
}

// dbt renders project strings when it reads them, except those that must wait for run time.
function renderedLater(path: YamlPath): boolean {
  const first = path[0];
  if (first === 'on-run-start' || first === 'on-run-end' || first === 'query-comment' || first === 'vars') {
    return true;
  }
  if (typeof first === 'string' && ['models', 'seeds', 'snapshots', 'tests', 'data_tests'].includes(first)) {
    return path.some((p) => typeof p === 'string' && /^(pre|post)[-_]hook$/.test(p.replace(/^[+\s]+/, '')));
  }
  return false;
}

/** Parses dbt_project.yml text (exported for tests and for callers that already hold the text). */
export async function parseProject(
  dir: string,
  file: string,
  text: string,
  opts: LoadProjectOptions = {},
): Promise<ConfigResult<ProjectConfig>> {
  const diagnostics = new Diagnostics();
  const parsed = parseYaml(file, text);
  diagnostics.addAll(parsed.errors);
  diagnostics.addAll(parsed.warnings);
  if (!diagnostics.ok) return failed(diagnostics);
  const { source } = parsed;
  const place = { source, path: [] };
  if (!isPlainObject(source.data)) {
    diagnostics.add(
      ConfigError.at(source.locate([]), 'invalid-value', `${PROJECT_FILE_NAME} must hold a mapping`),
    );
    return failed(diagnostics);
  }
  checkKeys(source.data, PROJECT_KEYS, place, PROJECT_FILE_NAME, diagnostics);
  const rendered = await renderTree(source.data, {
    render: opts.render,
    context: baseRenderContext(opts),
    source,
    skip: renderedLater,
  });
  diagnostics.addAll(rendered.errors);
  const raw = validateShape(projectFileSchema, rendered.value, place, PROJECT_FILE_NAME, diagnostics);
  if (!raw) return failed(diagnostics);

  if (RESERVED_PROJECT_NAMES.has(raw.name)) {
    diagnostics.add(
      ConfigError.at(
        source.locate(['name']),
        'invalid-value',
        `invalid project name '${raw.name}': it is a reserved word`,
      ),
    );
  }
  const configVersion = raw['config-version'] ?? 2;
  if (configVersion !== 2) {
    diagnostics.add(
      ConfigError.at(
        source.locate(['config-version']),
        'invalid-value',
        `unsupported config-version ${configVersion}; only version 2 is supported`,
      ),
    );
  }
  if (raw.tests && raw.data_tests) {
    diagnostics.add(
      ConfigError.at(
        source.locate(['tests'], 'key'),
        'invalid-value',
        "use either 'tests' or 'data_tests', not both",
      ),
    );
  }

  const modelPaths = stripSlashes(raw['model-paths'] ?? raw['source-paths'] ?? ['models']);
  const seedPaths = stripSlashes(raw['seed-paths'] ?? raw['data-paths'] ?? ['seeds']);
  const testPaths = stripSlashes(raw['test-paths'] ?? ['tests']);
  const analysisPaths = stripSlashes(raw['analysis-paths'] ?? ['analyses']);
  const macroPaths = stripSlashes(raw['macro-paths'] ?? ['macros']);
  const snapshotPaths = stripSlashes(raw['snapshot-paths'] ?? ['snapshots']);
  const allSourcePaths = [
    ...new Set([
      ...modelPaths,
      ...seedPaths,
      ...snapshotPaths,
      ...analysisPaths,
      ...macroPaths,
      ...testPaths,
    ]),
  ];
  const targetPath = raw['target-path'] ?? 'target';

  const configTrees: ProjectConfig['configTrees'] = {};
  for (const key of TREE_KEYS) {
    const tree = key === 'data_tests' ? (raw.data_tests ?? raw.tests) : raw[key];
    if (tree) configTrees[key] = tree;
  }
  checkProjectTrees(configTrees, source, raw.data_tests ? 'data_tests' : 'tests', diagnostics);

  const project: ProjectConfig = {
    dir,
    file,
    loc: source.locate([]),
    name: raw.name,
    ...(raw.version != null ? { version: String(raw.version) } : {}),
    configVersion,
    ...(raw.profile != null ? { profile: raw.profile } : {}),
    modelPaths,
    seedPaths,
    testPaths,
    analysisPaths,
    macroPaths,
    snapshotPaths,
    docsPaths: raw['docs-paths'] ? stripSlashes(raw['docs-paths']) : allSourcePaths,
    assetPaths: raw['asset-paths'] ?? [],
    targetPath,
    cleanTargets: raw['clean-targets'] ?? [targetPath],
    packagesInstallPath: raw['packages-install-path'] ?? 'dbt_packages',
    vars: raw.vars ?? {},
    onRunStart: listOfHooks(raw['on-run-start']),
    onRunEnd: listOfHooks(raw['on-run-end']),
    dispatch: (raw.dispatch ?? []).map((d, i) => ({
      macroNamespace: d.macro_namespace,
      searchOrder: d.search_order,
      loc: source.locate(['dispatch', i]),
    })),
    quoting: raw.quoting ?? {},
    requireDbtVersion: raw['require-dbt-version'] == null ? [] : [raw['require-dbt-version']].flat(),
    flags: raw.flags ?? {},
    queryComment: raw['query-comment'],
    restrictAccess: raw['restrict-access'] ?? false,
    packages: raw.packages ?? [],
    configTrees,
    source,
  };
  return resultOf(diagnostics, project);
}

function stripSlashes(paths: string[]): string[] {
  return paths.map((p) => p.replace(/\/+$/, ''));
}

function listOfHooks(value: string | string[] | null | undefined): string[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}
