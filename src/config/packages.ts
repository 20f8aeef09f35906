import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type ConfigResult, Diagnostics, failed, type Loc, resultOf } from './errors.js';
import { baseRenderContext, type RenderOptions, renderTree } from './render.js';
import { didYouMean } from './suggest.js';
import { checkKeys } from './validate.js';
import { isPlainObject, parseYaml, type YamlSource } from './yaml-positions.js';

interface SpecBase {
  loc: Loc;
  /** The entry after rendering. */
  rendered: Record<string, unknown>;
  /** The entry as written, before rendering (kept in the lock so secrets stay out of it). */
  unrendered: Record<string, unknown>;
}
export interface HubPackageSpec extends SpecBase {
  kind: 'hub';
  package: string;
  version: string[];
  installPrerelease: boolean;
}
export interface GitPackageSpec extends SpecBase {
  kind: 'git';
  git: string;
  revision?: string;
  subdirectory?: string;
  warnUnpinned: boolean;
}
export interface LocalPackageSpec extends SpecBase {
  kind: 'local';
  local: string;
}
export interface TarballPackageSpec extends SpecBase {
  kind: 'tarball';
  tarball: string;
  name: string;
}
export interface PrivatePackageSpec extends SpecBase {
  kind: 'private';
  private: string;
  provider?: string;
  revision?: string;
  subdirectory?: string;
}
export type PackageSpec =
  | HubPackageSpec
  | GitPackageSpec
  | LocalPackageSpec
  | TarballPackageSpec
  | PrivatePackageSpec;

/** Another project this one depends on in a mesh (`projects:` in dependencies.yml). */
export interface ProjectDependency {
  name: string;
  loc: Loc;
  /** Tests this project expects the upstream's data products to pass (consumer-driven). */
  expectations: ProductExpectation[];
}

/** One `expectations:` entry: data tests a consumer declares on an upstream product it reads. */
export interface ProductExpectation {
  product: string;
  version: string | number | null;
  loc: Loc;
  /** Model-level data tests, as written (`- unique_combination…` or `- {name: {args}}`). */
  dataTests: unknown[];
  columns: { name: string; dataTests: unknown[]; loc: Loc }[];
}

export interface PackagesSpec {
  /** The file the packages came from (packages.yml or dependencies.yml), if any. */
  file?: string;
  packages: PackageSpec[];
  projects: ProjectDependency[];
}

const KEYS_BY_KIND: Record<PackageSpec['kind'], string[]> = {
  hub: ['package', 'version', 'install-prerelease'],
  git: ['git', 'revision', 'warn-unpinned', 'subdirectory'],
  local: ['local'],
  tarball: ['tarball', 'name'],
  private: ['private', 'provider', 'revision', 'warn-unpinned', 'subdirectory'],
};
const KIND_KEYS = ['package', 'git', 'local', 'tarball', 'private'] as const;

/**
 * Reads `packages.yml` and `dependencies.yml` from a project folder. Only one of them may list
 * `packages:`; `projects:` (cross-project dependencies for the mesh) lives in dependencies.yml.
 */
export async function loadPackagesSpec(
  projectDir: string,
  opts: RenderOptions = {},
): Promise<ConfigResult<PackagesSpec>> {
  const diagnostics = new Diagnostics();
  const spec: PackagesSpec = { packages: [], projects: [] };
  for (const name of ['packages.yml', 'dependencies.yml']) {
    const file = join(projectDir, name);
    if (!existsSync(file)) continue;
    const parsed = parseYaml(file, await readFile(file, 'utf8'));
    diagnostics.addAll(parsed.errors);
    diagnostics.addAll(parsed.warnings);
    if (parsed.errors.length > 0) continue;
    const { source } = parsed;
    const data = isPlainObject(source.data) ? source.data : {};
    const allowed = name === 'packages.yml' ? ['packages'] : ['packages', 'projects'];
    checkKeys(data, allowed, { source, path: [] }, name, diagnostics);
    if (data.packages != null) {
      if (spec.file) {
        diagnostics.add(
          ConfigError.at(
            source.locate(['packages'], 'key'),
            'duplicate',
            'packages are listed in both packages.yml and dependencies.yml',
            {
              hint: 'keep them in one file',
            },
          ),
        );
      } else {
        spec.file = file;
        spec.packages = await readPackageList(data.packages, source, opts, diagnostics);
      }
    }
    if (data.projects != null) spec.projects = readProjects(data.projects, source, diagnostics);
  }
  return diagnostics.ok ? resultOf(diagnostics, spec) : failed(diagnostics);
}

async function readPackageList(
  list: unknown,
  source: YamlSource,
  opts: RenderOptions,
  diagnostics: Diagnostics,
): Promise<PackageSpec[]> {
  if (!Array.isArray(list)) {
    diagnostics.add(
      ConfigError.at(source.locate(['packages']), 'invalid-value', "'packages' must be a list"),
    );
    return [];
  }
  const rendered = await renderTree(list, {
    render: opts.render,
    context: baseRenderContext(opts, true),
    source,
    basePath: ['packages'],
  });
  diagnostics.addAll(rendered.errors);
  const out: PackageSpec[] = [];
  (rendered.value as unknown[]).forEach((entry, i) => {
    const spec = readPackageEntry(entry, list[i], source, i, diagnostics);
    if (spec) out.push(spec);
  });
  return out;
}

/** One `packages:` entry; exported so lock files can be read with the same rules. */
export function readPackageEntry(
  entry: unknown,
  unrendered: unknown,
  source: YamlSource,
  index: number,
  diagnostics: Diagnostics,
  listKey = 'packages',
): PackageSpec | undefined {
  const path = [listKey, index];
  const loc = source.locate(path);
  if (!isPlainObject(entry)) {
    diagnostics.add(ConfigError.at(loc, 'invalid-value', 'a package entry must be a mapping'));
    return undefined;
  }
  const kinds = KIND_KEYS.filter((k) => k in entry);
  if (kinds.length !== 1) {
    const unknown = Object.keys(entry).find((k) => !Object.values(KEYS_BY_KIND).flat().includes(k));
    const hint = unknown ? `unknown key '${unknown}'${didYouMean(unknown, KIND_KEYS)}` : undefined;
    diagnostics.add(
      ConfigError.at(
        loc,
        'invalid-value',
        'a package entry needs exactly one of: package, git, local, tarball, private',
        hint ? { hint } : {},
      ),
    );
    return undefined;
  }
  const kind = kinds[0] === 'package' ? 'hub' : kinds[0]!;
  const place = { source, path };
  const before = diagnostics.errors.length;
  checkKeys(entry, [...KEYS_BY_KIND[kind], 'name'], place, `${kind} package entry`, diagnostics);
  const str = (key: string): string | undefined => {
    const v = entry[key];
    if (v == null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    diagnostics.add(ConfigError.at(source.locate([...path, key]), 'invalid-value', `'${key}' must be text`));
    return undefined;
  };
  const base = { loc, rendered: entry, unrendered: isPlainObject(unrendered) ? unrendered : entry };
  let spec: PackageSpec | undefined;
  switch (kind) {
    case 'hub': {
      const version = entry.version;
      if (version == null) {
        diagnostics.add(
          ConfigError.at(loc, 'missing-key', `hub package '${str('package')}' needs a 'version'`),
        );
      }
      spec = {
        kind,
        ...base,
        package: str('package') ?? '',
        version: version == null ? [] : [version].flat().map(String),
        installPrerelease: entry['install-prerelease'] === true,
      };
      break;
    }
    case 'git':
      spec = {
        kind,
        ...base,
        git: str('git') ?? '',
        ...optional('revision', str('revision')),
        ...optional('subdirectory', str('subdirectory')),
        warnUnpinned: entry['warn-unpinned'] !== false,
      };
      break;
    case 'local':
      spec = { kind, ...base, local: str('local') ?? '' };
      break;
    case 'tarball':
      spec = { kind, ...base, tarball: str('tarball') ?? '', name: str('name') ?? '' };
      break;
    case 'private':
      spec = {
        kind,
        ...base,
        private: str('private') ?? '',
        ...optional('provider', str('provider')),
        ...optional('revision', str('revision')),
        ...optional('subdirectory', str('subdirectory')),
      };
      break;
  }
  return diagnostics.errors.length === before ? spec : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function readProjects(list: unknown, source: YamlSource, diagnostics: Diagnostics): ProjectDependency[] {
  if (!Array.isArray(list)) {
    diagnostics.add(
      ConfigError.at(source.locate(['projects']), 'invalid-value', "'projects' must be a list"),
    );
    return [];
  }
  const out: ProjectDependency[] = [];
  list.forEach((entry, i) => {
    const place = { source, path: ['projects', i] };
    if (!isPlainObject(entry) || typeof entry.name !== 'string') {
      diagnostics.add(
        ConfigError.at(source.locate(place.path), 'invalid-value', "a project dependency needs a 'name'"),
      );
      return;
    }
    checkKeys(entry, ['name', 'expectations'], place, 'project dependency', diagnostics, {
      severity: 'warning',
    });
    out.push({
      name: entry.name,
      loc: source.locate(place.path),
      expectations: readExpectations(entry.expectations, source, place.path, diagnostics),
    });
  });
  return out;
}

function readExpectations(
  list: unknown,
  source: YamlSource,
  path: (string | number)[],
  diagnostics: Diagnostics,
): ProductExpectation[] {
  if (list == null) return [];
  const bad = (at: (string | number)[], message: string) =>
    diagnostics.add(ConfigError.at(source.locate(at), 'invalid-value', message));
  if (!Array.isArray(list)) {
    bad([...path, 'expectations'], "'expectations' must be a list of {product, columns, data_tests}");
    return [];
  }
  const tests = (v: unknown, at: (string | number)[]): unknown[] => {
    if (v == null) return [];
    if (Array.isArray(v)) return v;
    bad(at, "'data_tests' must be a list");
    return [];
  };
  const out: ProductExpectation[] = [];
  list.forEach((entry, i) => {
    const at = [...path, 'expectations', i];
    if (!isPlainObject(entry) || typeof entry.product !== 'string') {
      bad(at, "an expectation needs 'product:' (the upstream model's name)");
      return;
    }
    checkKeys(
      entry,
      ['product', 'version', 'columns', 'data_tests'],
      { source, path: at },
      'expectation',
      diagnostics,
    );
    const version = entry.version;
    const columns: ProductExpectation['columns'] = [];
    const rawColumns = entry.columns ?? [];
    if (!Array.isArray(rawColumns)) bad([...at, 'columns'], "'columns' must be a list");
    else
      rawColumns.forEach((c, j) => {
        const cAt = [...at, 'columns', j];
        if (!isPlainObject(c) || typeof c.name !== 'string') bad(cAt, "an expected column needs a 'name'");
        else
          columns.push({
            name: c.name,
            dataTests: tests(c.data_tests ?? c.tests, [...cAt, 'data_tests']),
            loc: source.locate(cAt),
          });
      });
    out.push({
      product: entry.product,
      version: typeof version === 'string' || typeof version === 'number' ? version : null,
      loc: source.locate(at),
      dataTests: tests(entry.data_tests, [...at, 'data_tests']),
      columns,
    });
  });
  return out;
}
