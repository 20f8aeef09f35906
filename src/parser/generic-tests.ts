/**
 * Generic tests declared in properties YAML (`data_tests:` on models, seeds, columns, source
 * tables) become test nodes, named and hashed as dbt names them.
 */
import type { DataTestEntry, PropertiesFile } from '../config/index.js';
import { versionColumns } from './model-versions.js';
import { applyNodeConfig, makeGenericTestNode } from './node-defaults.js';
import type { GenericTestNode, JsonObject, ManifestNode, SourceDefinition } from './node-types.js';
import type { GenericTestTarget } from './test-names.js';
import type { Workspace } from './workspace.js';

type ConfigResolver = (
  type: 'test',
  fqn: string[],
  pkg: string,
  propertiesConfig?: Record<string, unknown>,
) => Record<string, unknown>;

const REF_IN_ARG = /\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?\)/g;
const SOURCE_IN_ARG = /\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g;

export function buildGenericTests(
  files: readonly { pkg: string; file: PropertiesFile }[],
  nodes: Record<string, ManifestNode>,
  sources: Record<string, SourceDefinition>,
  _ws: Workspace,
  schema: string,
  resolveConfig: ConfigResolver,
): GenericTestNode[] {
  const out: GenericTestNode[] = [];
  const make = (
    pkg: string,
    file: string,
    entry: DataTestEntry,
    target: string | GenericTestTarget,
    attachedId: string | null,
    columnName: string | null,
  ) => {
    const args: JsonObject = {};
    for (const [k, v] of Object.entries(entry.args))
      if (k !== 'column_name') args[k] = v as JsonObject[string];
    // A model-level test may name its column as an argument: dbt then treats it as a column test.
    if (columnName === null && typeof entry.args.column_name === 'string')
      columnName = entry.args.column_name;
    const node = makeGenericTestNode({
      package_name: pkg,
      original_file_path: file,
      schema,
      test: {
        name: entry.testName,
        namespace: entry.namespace ?? null,
        args,
        customName: entry.name ?? null,
        config: entry.config as JsonObject,
      },
      target,
      column_name: columnName,
    });
    applyNodeConfig(node, resolveConfig('test', node.fqn, pkg, entry.config));
    node.attached_node = attachedId;
    if (entry.description) node.description = entry.description;
    const refs: { name: string; package: string | null; version: string | number | null }[] =
      typeof target === 'string' || target.kind === 'node'
        ? [
            {
              name: typeof target === 'string' ? target : target.name,
              package: null,
              version: typeof target === 'string' ? null : (target.version ?? null),
            },
          ]
        : [];
    const srcs: string[][] =
      typeof target !== 'string' && target.kind === 'source' ? [[target.sourceName, target.tableName]] : [];
    for (const v of Object.values(args)) {
      if (typeof v !== 'string') continue;
      for (const m of v.matchAll(REF_IN_ARG))
        refs.push(
          m[2]
            ? { name: m[2], package: m[1]!, version: null }
            : ({ name: m[1]!, package: null, version: null } as never),
        );
      for (const m of v.matchAll(SOURCE_IN_ARG)) srcs.push([m[1]!, m[2]!]);
    }
    node.refs = refs as never;
    node.sources = srcs;
    if (node.config.enabled !== false) out.push(node);
  };

  for (const { pkg, file } of files) {
    const entities = [
      ...file.models.map((m) => ({ kind: 'model', e: m })),
      ...file.seeds.map((s) => ({ kind: 'seed', e: s })),
      ...file.snapshots.map((s) => ({ kind: 'snapshot', e: s })),
    ];
    // Each version of a versioned model gets its own tests, on the columns that version has.
    for (const m of file.models) {
      for (const v of m.versions) {
        const id = `model.${pkg}.${m.name}.v${v.v}`;
        if (!nodes[id]) continue;
        const target: GenericTestTarget = { kind: 'node', name: m.name, version: v.v };
        for (const t of [...m.dataTests, ...v.dataTests]) make(pkg, file.file, t, target, id, null);
        for (const col of versionColumns(m, v))
          for (const t of col.dataTests) make(pkg, file.file, t, target, id, col.name);
      }
    }
    for (const { kind, e } of entities) {
      const id = `${kind}.${pkg}.${e.name}`;
      if (!nodes[id]) continue;
      for (const t of e.dataTests) make(pkg, file.file, t, e.name, id, null);
      for (const col of e.columns)
        for (const t of col.dataTests) make(pkg, file.file, t, e.name, id, col.name);
    }
    for (const src of file.sources) {
      for (const table of src.tables) {
        if (!sources[`source.${pkg}.${src.name}.${table.name}`]) continue;
        const target: GenericTestTarget = { kind: 'source', sourceName: src.name, tableName: table.name };
        for (const t of table.dataTests) make(pkg, file.file, t, target, null, null);
        for (const col of table.columns)
          for (const t of col.dataTests) make(pkg, file.file, t, target, null, col.name);
      }
    }
  }
  return out;
}
