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
  /** `pkg`: the package whose YAML holds the entry (it may describe another package's seed). */
  seeds: Map<string, NodeProperties & { file: string; pkg: string }>;
  analyses: Map<string, NodeProperties & { file: string }>;
  snapshots: Map<string, NodeProperties & { file: string }>;
  /** File stem (`<pkg>:<stem>`) → the model version it defines; see `attachVersions`. */
  versions: Map<string, VersionMatch>;
  /** Seed files by `<pkg>:<name>` (their path under the seed folder); see `attachSeedFiles`. */
  seedFiles: Map<string, string>;
}

/** Index of properties entries by `<package>:<name>`. */
export function patchIndex(files: readonly { pkg: string; file: PropertiesFile }[]): PatchIndex {
  const idx: PatchIndex = {
    models: new Map(),
    seeds: new Map(),
    analyses: new Map(),
    snapshots: new Map(),
    versions: new Map(),
    seedFiles: new Map(),
  };
  for (const { pkg, file } of files) {
    for (const m of file.models) idx.models.set(`${pkg}:${m.name}`, { ...m, file: file.file });
    for (const s of file.seeds) idx.seeds.set(`${pkg}:${s.name}`, { ...s, file: file.file, pkg });
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

/** Records the seed files of every package, for `foreignSeedPatch`. */
export function attachSeedFiles(
  idx: PatchIndex,
  seeds: Iterable<{ pkg: string; name: string; path: string }>,
): void {
  for (const seed of seeds) idx.seedFiles.set(`${seed.pkg}:${seed.name}`, seed.path);
}

/**
 * The entry of another package's properties that describes seed `name` of `pkg`, which has none
 * of its own. dbt applies a package's entry to its own seed when that seed is enabled, and
 * otherwise to an enabled seed of the same name elsewhere (a project replacing a package's seed
 * keeps the package's column docs and types). `enabledIn(pkg, path, config)` says whether the
 * other package's own seed is enabled.
 */
export function foreignSeedPatch(
  idx: PatchIndex,
  pkg: string,
  name: string,
  enabledIn: (owner: string, path: string, config: Record<string, unknown>) => boolean,
): (NodeProperties & { file: string; pkg: string }) | undefined {
  for (const [key, patch] of idx.seeds) {
    const owner = key.slice(0, key.indexOf(':'));
    if (owner === pkg || key.slice(owner.length + 1) !== name) continue;
    const ownSeed = idx.seedFiles.get(key);
    if (ownSeed !== undefined && enabledIn(owner, ownSeed, patch.config)) continue;
    return patch;
  }
  return undefined;
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
      granularity: (c.granularity ?? null) as ColumnInfo['granularity'],
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
  time_spine?: JsonObject | null;
  package_name: string;
}

export function applyModelProperties(
  node: PatchableNode,
  patch: (NodeProperties | ModelProperties) & { file: string; pkg?: string },
): void {
  node.description = patch.description ?? '';
  node.columns = columnsFrom(patch.columns);
  node.meta = { ...(node.config.meta as JsonObject), ...(patch.meta as JsonObject) };
  node.config.meta = node.meta;
  node.patch_path = `${patch.pkg ?? node.package_name}://${patch.file}`;
  if (patch.docs) node.docs = { show: patch.docs.show ?? true, node_color: patch.docs.node_color ?? null };
  const model = patch as ModelProperties;
  if (model.timeSpine && 'time_spine' in node)
    node.time_spine = {
      standard_granularity_column: model.timeSpine.standardGranularityColumn,
      custom_granularities: model.timeSpine.customGranularities.map((g) => ({
        name: String(g.name),
        column_name: g.column_name == null ? null : String(g.column_name),
      })),
    };
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
