import { ConfigError, type ConfigResult, Diagnostics, failed, resultOf } from './errors.js';
import { readList, reportDuplicates } from './properties-common.js';
import { readModel, readNode, readSnapshot } from './properties-nodes.js';
import {
  readExposure,
  readGroup,
  readMacro,
  readSingularTest,
  readSource,
  readUnitTest,
} from './properties-others.js';
import { PROPERTIES_TOP_LEVEL_KEYS } from './properties-schema.js';
import { readMetric, readSemanticModel } from './properties-semantic.js';
import type { PropertiesFile } from './properties-types.js';
import { baseRenderContext, type RenderOptions, renderTree } from './render.js';
import { checkKeys, type Place } from './validate.js';
import { isPlainObject, parseYaml, type YamlPath } from './yaml-positions.js';

export interface ReadPropertiesOptions extends RenderOptions {
  /**
   * The Jinja context for rendering values (`var` with project vars, `env_var`); by default
   * `env_var` and `var` over the CLI vars.
   */
  context?: Record<string, unknown>;
}

const IGNORED_SECTIONS = ['saved_queries', 'functions'];

// Descriptions (they may call doc()), test arguments, hooks and unit-test fixtures are rendered
// later, when the node that uses them is compiled; everything else is rendered now, as dbt does.
const LATE_KEYS = new Set([
  'description',
  'tests',
  'data_tests',
  'pre-hook',
  'post-hook',
  'pre_hook',
  'post_hook',
  'given',
  'expect',
  'overrides',
  'loaded_at_query',
]);

function renderedLater(path: YamlPath, node: unknown): boolean {
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key !== 'string') continue;
    const bare = key.replace(/^\+/, '');
    if (bare === 'tests' || bare === 'data_tests') {
      // A test's `config:` renders now (dbt decides `enabled`, `severity`… at parse time); its
      // arguments wait for compile, where they render in the test's own context.
      const rest = path.slice(i + 1);
      const config = rest.indexOf('config');
      // Descend through the list, the entry and its `<test name>:` mapping to reach `config:`.
      if (config < 0) return typeof node !== 'object' || node === null || rest.length > 2;
      if (rest.slice(0, config).includes('arguments')) return true;
      return rest.slice(config + 1).some((p) => typeof p === 'string' && LATE_KEYS.has(p.replace(/^\+/, '')));
    }
    if (LATE_KEYS.has(bare)) return true;
  }
  return false;
}

/** Reads one properties ("schema") YAML file: models, sources, seeds, snapshots, macros, … */
export async function readPropertiesFile(
  file: string,
  text: string,
  opts: ReadPropertiesOptions = {},
): Promise<ConfigResult<PropertiesFile>> {
  const diagnostics = new Diagnostics();
  const parsed = parseYaml(file, text);
  diagnostics.addAll(parsed.errors);
  diagnostics.addAll(parsed.warnings);
  if (!diagnostics.ok) return failed(diagnostics);
  const { source } = parsed;
  const data = source.data;
  if (!isPlainObject(data)) {
    diagnostics.add(
      ConfigError.at(source.locate([]), 'invalid-value', 'a properties file must hold a mapping'),
    );
    return failed(diagnostics);
  }
  const root: Place = { source, path: [] };
  checkKeys(data, PROPERTIES_TOP_LEVEL_KEYS, root, 'properties file', diagnostics, { severity: 'warning' });
  if (data.version !== undefined && data.version !== 2) {
    diagnostics.add(
      ConfigError.at(
        source.locate(['version']),
        'invalid-value',
        `properties files must say 'version: 2', found '${String(data.version)}'`,
      ),
    );
  }
  const context = opts.context ?? baseRenderContext(opts);

  async function section<T>(key: string, read: (item: unknown, place: Place) => T | undefined): Promise<T[]> {
    const list = data![key as keyof typeof data];
    if (list == null) return [];
    const rendered = await renderTree(list, {
      render: opts.render,
      context,
      source,
      basePath: [key],
      skip: (p, node) => renderedLater(p.slice(1), node),
    });
    diagnostics.addAll(rendered.errors);
    return readList(rendered.value, { source, path: [key] }, key, diagnostics, read);
  }

  const models = await section('models', (v, p) => readModel(v, p, diagnostics));
  const seeds = await section('seeds', (v, p) => readNode('seeds', v, p, diagnostics));
  const snapshots = await section('snapshots', (v, p) => readSnapshot(v, p, diagnostics));
  const analyses = await section('analyses', (v, p) => readNode('analyses', v, p, diagnostics));
  const singularTests = await section('data_tests', (v, p) => readSingularTest(v, p, diagnostics));
  const sources = await section('sources', (v, p) => readSource(v, p, diagnostics));
  const macros = await section('macros', (v, p) => readMacro(v, p, diagnostics));
  const exposures = await section('exposures', (v, p) => readExposure(v, p, diagnostics));
  const groups = await section('groups', (v, p) => readGroup(v, p, diagnostics));
  const unitTests = await section('unit_tests', (v, p) => readUnitTest(v, p, diagnostics));
  // Not rendered: metric filters are templates for the semantic layer (`{{ Dimension('…') }}`).
  const semanticModels = readList(
    data.semantic_models,
    { source, path: ['semantic_models'] },
    'semantic_models',
    diagnostics,
    (v, p) => readSemanticModel(v, p, diagnostics),
  );
  const metrics = readList(data.metrics, { source, path: ['metrics'] }, 'metrics', diagnostics, (v, p) =>
    readMetric(v, p, diagnostics),
  );

  reportDuplicates(models, 'model', diagnostics);
  reportDuplicates(seeds, 'seed', diagnostics);
  reportDuplicates(snapshots, 'snapshot', diagnostics);
  reportDuplicates(analyses, 'analysis', diagnostics);
  reportDuplicates(sources, 'source', diagnostics);
  reportDuplicates(macros, 'macro', diagnostics);
  reportDuplicates(exposures, 'exposure', diagnostics);
  reportDuplicates(groups, 'group', diagnostics);
  reportDuplicates(unitTests, 'unit test', diagnostics);
  reportDuplicates(semanticModels, 'semantic model', diagnostics);
  reportDuplicates(metrics, 'metric', diagnostics);

  return resultOf(diagnostics, {
    file,
    models,
    seeds,
    snapshots,
    analyses,
    singularTests,
    sources,
    macros,
    exposures,
    groups,
    unitTests,
    semanticModels,
    metrics,
    ignoredSections: IGNORED_SECTIONS.filter((k) => data[k] != null),
  });
}
