/**
 * Properties YAML applied to the nodes it describes ("patches" in dbt's words): description,
 * columns, docs, meta, access, group, constraints, contract columns.
 */
import type { ColumnProperties, ModelProperties, NodeProperties, PropertiesFile } from '../config/index.js';
import { type VersionMatch, versionFiles } from './model-versions.js';
import type { ColumnInfo, JsonObject } from './node-types.js';
import { makeColumnInfo } from './resource-defaults.js';

export interface PatchIndex {
  models: Map<string, ModelProperties & { file: string }>;
  seeds: Map<string, NodeProperties & { file: string }>;
  analyses: Map<string, NodeProperties & { file: string }>;
  snapshots: Map<string, NodeProperties & { file: string }>;
  /** File stem (`<pkg>:<stem>`) → the model version it defines; see `attachVersions`. */
  versions: Map<string, VersionMatch>;
}

/** Index of properties entries by `<package>:<name>`. */
export function patchIndex(files: readonly { pkg: string; file: PropertiesFile }[]): PatchIndex {
  const idx: PatchIndex = {
    models: new Map(),
    seeds: new Map(),
    analyses: new Map(),
    snapshots: new Map(),
    versions: new Map(),
  };
  for (const { pkg, file } of files) {
    for (const m of file.models) idx.models.set(`${pkg}:${m.name}`, { ...m, file: file.file });
    for (const s of file.seeds) idx.seeds.set(`${pkg}:${s.name}`, { ...s, file: file.file });
    for (const a of file.analyses) idx.analyses.set(`${pkg}:${a.name}`, { ...a, file: file.file });
    for (const s of file.snapshots) idx.snapshots.set(`${pkg}:${s.name}`, { ...s, file: file.file });
  }
  return idx;
}

/** Fills `versions` once the model files are known (`<pkg>:<stem>` of every model file). */
export function attachVersions(idx: PatchIndex, modelStems: ReadonlySet<string>): void {
  const byPackage = new Map<string, (ModelProperties & { file: string })[]>();
  for (const [key, model] of idx.models) {
    const pkg = key.slice(0, key.indexOf(':'));
    const list = byPackage.get(pkg);
    if (list) list.push(model);
    else byPackage.set(pkg, [model]);
  }
  for (const [pkg, models] of byPackage)
    for (const [stem, match] of versionFiles(models, pkg, modelStems)) idx.versions.set(stem, match);
}

export function columnsFrom(columns: readonly ColumnProperties[]): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  for (const c of columns) {
    out[c.name] = makeColumnInfo({
      name: c.name,
      description: c.description,
      meta: c.meta as JsonObject,
      data_type: c.dataType ?? null,
      constraints: c.constraints.map((k) => ({
        type: k.type as never,
        name: k.name ?? null,
        expression: (k.expression as string | undefined) ?? null,
        warn_unenforced: k.warnUnenforced ?? true,
        warn_unsupported: k.warnUnsupported ?? true,
        to: k.to ?? null,
        to_columns: k.toColumns ?? [],
      })),
      quote: c.quote ?? null,
      tags: c.tags,
    });
  }
  return out;
}

interface PatchableNode {
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: JsonObject;
  patch_path: string | null;
  config: Record<string, unknown>;
  docs: { show: boolean; node_color: string | null };
  access?: string;
  group?: string | null;
  constraints?: unknown[];
  package_name: string;
}

export function applyModelProperties(
  node: PatchableNode,
  patch: (NodeProperties | ModelProperties) & { file: string },
): void {
  node.description = patch.description ?? '';
  node.columns = columnsFrom(patch.columns);
  node.meta = { ...(node.config.meta as JsonObject), ...(patch.meta as JsonObject) };
  node.config.meta = node.meta;
  node.patch_path = `${node.package_name}://${patch.file}`;
  if (patch.docs) node.docs = { show: patch.docs.show ?? true, node_color: patch.docs.node_color ?? null };
  const model = patch as ModelProperties;
  if (model.constraints && 'constraints' in node)
    node.constraints = model.constraints.map((k) => ({
      type: k.type,
      name: k.name ?? null,
      expression: (k.expression as string | undefined) ?? null,
      warn_unenforced: true,
      warn_unsupported: true,
      to: k.to ?? null,
      to_columns: k.toColumns ?? [],
      columns: k.columns ?? [],
    }));
}
