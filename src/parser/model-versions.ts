/**
 * Model versions (`versions:` in properties YAML): which file defines each version, what columns
 * each version has (`include`/`exclude` over the model's columns, plus its own), and which is latest.
 */
import type { ColumnProperties, ModelProperties, ModelVersionProperties } from '../config/index.js';

export interface VersionMatch {
  model: ModelProperties & { file: string };
  version: ModelVersionProperties;
  /** `latest_version`, or the highest `v` (numbers before strings, as dbt orders them). */
  latest: string | number;
}

export function latestVersion(model: ModelProperties): string | number {
  if (model.latestVersion !== undefined) return model.latestVersion;
  const vs = model.versions.map((v) => v.v);
  return vs.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
}

function compareVersions(a: string | number, b: string | number): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

/**
 * File stem → version, for every versioned model: `defined_in`, else `<model>_v<v>`; the latest
 * version may also live in `<model>.sql` when no `<model>_v<latest>` file exists.
 */
export function versionFiles(
  models: Iterable<ModelProperties & { file: string }>,
  pkg: string,
  stems: ReadonlySet<string>,
): Map<string, VersionMatch> {
  const out = new Map<string, VersionMatch>();
  for (const model of models) {
    if (model.versions.length === 0) continue;
    const latest = latestVersion(model);
    for (const version of model.versions) {
      let stem = version.definedIn ?? `${model.name}_v${version.v}`;
      if (
        !stems.has(`${pkg}:${stem}`) &&
        String(version.v) === String(latest) &&
        !version.definedIn &&
        stems.has(`${pkg}:${model.name}`)
      )
        stem = model.name;
      out.set(`${pkg}:${stem}`, { model, version, latest });
    }
  }
  return out;
}

/** The columns one version has. */
export function versionColumns(model: ModelProperties, version: ModelVersionProperties): ColumnProperties[] {
  const sel = version.columnSelection;
  const own = new Set(version.columns.map((c) => c.name.toLowerCase()));
  let inherited = model.columns.filter((c) => !own.has(c.name.toLowerCase()));
  if (sel) {
    if (sel.include !== 'all') {
      const inc = new Set(sel.include.map((c) => c.toLowerCase()));
      inherited = inherited.filter((c) => inc.has(c.name.toLowerCase()));
    }
    const exc = new Set(sel.exclude.map((c) => c.toLowerCase()));
    inherited = inherited.filter((c) => !exc.has(c.name.toLowerCase()));
  }
  return [...inherited, ...version.columns];
}
