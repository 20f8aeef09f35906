// Builders for the manifest entities outside `nodes` (sources, macros, docs, exposures, groups,
// unit tests) and for the small records nodes carry (columns, constraints, ref arguments).
import { assignDefined, defaultDocs, defaultSourceConfig } from './node-config-defaults.js';
import { fqnFromPath, nowSeconds, pathInResourceFolder } from './node-paths.js';
import type {
  ColumnInfo,
  ColumnLevelConstraint,
  ConstraintType,
  Documentation,
  Exposure,
  Group,
  Macro,
  ModelLevelConstraint,
  NodeVersion,
  RefArgs,
  SourceDefinition,
  UnitTestDefinition,
  UnitTestInputFixture,
  UnitTestOutputFixture,
} from './node-types.js';

type Init<T, Required extends keyof T, Omitted extends keyof T = never> = Partial<Omit<T, Omitted>> &
  Pick<T, Required>;

export function makeRefArgs(
  name: string,
  pkg: string | null = null,
  version: NodeVersion | null = null,
): RefArgs {
  return { name, package: pkg, version };
}

export function makeColumnInfo(init: Init<ColumnInfo, 'name'>): ColumnInfo {
  const column: ColumnInfo = {
    name: init.name,
    description: '',
    meta: {},
    data_type: null,
    constraints: [],
    quote: null,
    config: { meta: {}, tags: [] },
    tags: [],
    granularity: null,
    doc_blocks: [],
  };
  return assignDefined(column, init);
}

export function makeColumnConstraint(init: Init<ColumnLevelConstraint, 'type'>): ColumnLevelConstraint {
  const constraint: ColumnLevelConstraint = {
    type: init.type,
    name: null,
    expression: null,
    warn_unenforced: true,
    warn_unsupported: true,
    to: null,
    to_columns: [],
  };
  return assignDefined(constraint, init);
}

export function makeModelConstraint(
  init: Init<ModelLevelConstraint, 'type'> & { type: ConstraintType },
): ModelLevelConstraint {
  return assignDefined({ ...makeColumnConstraint({ type: init.type }), columns: [] }, init);
}

export type SourceInit = Init<
  SourceDefinition,
  'source_name' | 'name' | 'package_name' | 'original_file_path'
>;

/**
 * One table of a source. Schema defaults to the source's name and identifier to the table's, as in
 * dbt; `path` is the YAML file's full project-relative path (unlike nodes).
 */
export function makeSourceDefinition(init: SourceInit): SourceDefinition {
  const config = assignDefined(defaultSourceConfig(), init.config ?? {});
  const pathInFolder = pathInResourceFolder(init.original_file_path);
  const schema = init.schema ?? init.source_name;
  const source: SourceDefinition = {
    database: null,
    schema,
    name: init.name,
    resource_type: 'source',
    package_name: init.package_name,
    path: init.original_file_path,
    original_file_path: init.original_file_path,
    unique_id: `source.${init.package_name}.${init.source_name}.${init.name}`,
    fqn: fqnFromPath(init.package_name, pathInFolder, init.source_name, init.name),
    source_name: init.source_name,
    source_description: '',
    loader: '',
    identifier: init.name,
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: config.loaded_at_field,
    loaded_at_query: config.loaded_at_query,
    freshness: config.freshness,
    external: null,
    description: '',
    columns: {},
    meta: { ...config.meta },
    source_meta: {},
    tags: [...config.tags],
    config,
    patch_path: null,
    unrendered_config: {},
    relation_name: null,
    created_at: nowSeconds(),
    unrendered_database: null,
    unrendered_schema: schema,
    doc_blocks: [],
  };
  return assignDefined(source, { ...init, config });
}

export type MacroInit = Init<Macro, 'name' | 'package_name' | 'original_file_path' | 'macro_sql'>;

/** A macro; its `path` is the full project-relative path, as dbt writes it. */
export function makeMacro(init: MacroInit): Macro {
  const macro: Macro = {
    name: init.name,
    resource_type: 'macro',
    package_name: init.package_name,
    path: init.original_file_path,
    original_file_path: init.original_file_path,
    unique_id: `macro.${init.package_name}.${init.name}`,
    macro_sql: init.macro_sql,
    depends_on: { macros: [] },
    description: '',
    meta: {},
    docs: defaultDocs(),
    config: { meta: {}, docs: defaultDocs() },
    patch_path: null,
    arguments: [],
    created_at: nowSeconds(),
    supported_languages: null,
  };
  return assignDefined(macro, init);
}

export type DocInit = Init<Documentation, 'name' | 'package_name' | 'original_file_path' | 'block_contents'>;

export function makeDoc(init: DocInit): Documentation {
  const doc: Documentation = {
    name: init.name,
    resource_type: 'doc',
    package_name: init.package_name,
    path: pathInResourceFolder(init.original_file_path),
    original_file_path: init.original_file_path,
    unique_id: `doc.${init.package_name}.${init.name}`,
    block_contents: init.block_contents,
  };
  return assignDefined(doc, init);
}

export type ExposureInit = Init<Exposure, 'name' | 'package_name' | 'original_file_path' | 'type' | 'owner'>;

export function makeExposure(init: ExposureInit): Exposure {
  const path = pathInResourceFolder(init.original_file_path);
  const config = assignDefined({ enabled: true, tags: [] as string[], meta: {} }, init.config ?? {});
  const exposure: Exposure = {
    name: init.name,
    resource_type: 'exposure',
    package_name: init.package_name,
    path,
    original_file_path: init.original_file_path,
    unique_id: `exposure.${init.package_name}.${init.name}`,
    fqn: fqnFromPath(init.package_name, path, init.name),
    type: init.type,
    owner: init.owner,
    description: '',
    label: null,
    maturity: null,
    meta: { ...config.meta },
    tags: [...config.tags],
    config,
    unrendered_config: {},
    url: null,
    depends_on: { macros: [], nodes: [] },
    refs: [],
    sources: [],
    metrics: [],
    created_at: nowSeconds(),
  };
  return assignDefined(exposure, { ...init, config });
}

export type GroupInit = Init<Group, 'name' | 'package_name' | 'original_file_path' | 'owner'>;

export function makeGroup(init: GroupInit): Group {
  const group: Group = {
    name: init.name,
    resource_type: 'group',
    package_name: init.package_name,
    path: pathInResourceFolder(init.original_file_path),
    original_file_path: init.original_file_path,
    unique_id: `group.${init.package_name}.${init.name}`,
    owner: init.owner,
    description: null,
    config: { meta: {} },
  };
  return assignDefined(group, init);
}

/** A `given:` entry; rows default to dict format. */
export function makeUnitTestInput(init: Init<UnitTestInputFixture, 'input'>): UnitTestInputFixture {
  return assignDefined(
    { input: init.input, rows: null, format: 'dict', fixture: null } as UnitTestInputFixture,
    init,
  );
}

/** The `expect:` entry; rows default to dict format. */
export function makeUnitTestExpect(init: Partial<UnitTestOutputFixture> = {}): UnitTestOutputFixture {
  return assignDefined({ rows: null, format: 'dict', fixture: null } as UnitTestOutputFixture, init);
}

export type UnitTestInit = Init<
  UnitTestDefinition,
  'name' | 'model' | 'package_name' | 'original_file_path' | 'given' | 'expect'
>;

/** A unit test: unique_id `unit_test.<pkg>.<model>.<name>`, fqn `[pkg, ...yaml folders, model, name]`. */
export function makeUnitTest(init: UnitTestInit): UnitTestDefinition {
  const path = pathInResourceFolder(init.original_file_path);
  const unitTest: UnitTestDefinition = {
    model: init.model,
    given: init.given,
    expect: init.expect,
    name: init.name,
    resource_type: 'unit_test',
    package_name: init.package_name,
    path,
    original_file_path: init.original_file_path,
    unique_id: `unit_test.${init.package_name}.${init.model}.${init.name}`,
    fqn: fqnFromPath(init.package_name, path, init.model, init.name),
    description: '',
    overrides: null,
    depends_on: { macros: [], nodes: [] },
    config: { tags: [], meta: {}, enabled: true, static_analysis: null },
    checksum: null,
    schema: null,
    created_at: nowSeconds(),
    versions: null,
    version: null,
  };
  return assignDefined(unitTest, init);
}
