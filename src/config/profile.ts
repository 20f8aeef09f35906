import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  type ConfigResult,
  Diagnostics,
  failed,
  failure,
  type Loc,
  resultOf,
} from './errors.js';
import { baseRenderContext, type RenderOptions, renderTree, renderValue } from './render.js';
import { isPlainObject, parseYaml } from './yaml-positions.js';

export const PROFILES_FILE_NAME = 'profiles.yml';

export interface LoadProfileOptions extends RenderOptions {
  /** `--profiles-dir`: the only place searched when given. */
  profilesDir?: string;
  /** The project folder: searched after `DBT_PROFILES_DIR` and before `~/.dbt`. */
  projectDir?: string;
  /** `--profile`; otherwise `projectProfile`. */
  profileName?: string;
  /** `profile:` from dbt_project.yml. */
  projectProfile?: string;
  /** `--target`; otherwise the profile's `target:`, otherwise `default`. */
  target?: string;
  /** Home folder for `~/.dbt` (default: the user's home). */
  homeDir?: string;
}

/** The chosen output of a profile: adapter type, threads and the adapter's keys as written. */
export interface ProfileTarget {
  profileName: string;
  targetName: string;
  type: string;
  threads: number;
  /** Every key of the output (rendered), with adapter defaults filled in (DuckDB `schema: main` …). */
  credentials: Record<string, unknown>;
  /** The top-level `config:` block of profiles.yml (global flags), if any. */
  globalConfig: Record<string, unknown>;
  file: string;
  loc: Loc;
}

/** Where profiles.yml is looked for, in dbt's order; explicit folders do not fall through. */
export function profilesSearchPath(opts: LoadProfileOptions): string[] {
  if (opts.profilesDir) return [opts.profilesDir];
  const env = opts.env ?? process.env;
  if (env.DBT_PROFILES_DIR) return [env.DBT_PROFILES_DIR];
  const dirs: string[] = [];
  if (opts.projectDir) dirs.push(opts.projectDir);
  dirs.push(join(opts.homeDir ?? homedir(), '.dbt'));
  return dirs;
}

/** Finds profiles.yml, picks the profile and target, renders and validates that output. */
export async function loadProfile(opts: LoadProfileOptions): Promise<ConfigResult<ProfileTarget>> {
  const searched = profilesSearchPath(opts);
  const dir = searched.find((d) => existsSync(join(d, PROFILES_FILE_NAME)));
  if (dir === undefined) {
    return failure(
      new ConfigError({
        code: 'file-not-found',
        message: `no ${PROFILES_FILE_NAME} found; looked in: ${searched.join(', ')}`,
        file: join(searched[0]!, PROFILES_FILE_NAME),
        hint: 'pass --profiles-dir or set DBT_PROFILES_DIR',
      }),
    );
  }
  const file = join(dir, PROFILES_FILE_NAME);
  return parseProfile(file, await readFile(file, 'utf8'), opts);
}

const INTEGER_KEYS = ['port', 'threads', 'keepalives_idle', 'connect_timeout', 'retries'];

/** Reads profiles.yml text (exported for tests and for callers that already hold the text). */
export async function parseProfile(
  file: string,
  text: string,
  opts: LoadProfileOptions,
): Promise<ConfigResult<ProfileTarget>> {
  const diagnostics = new Diagnostics();
  const parsed = parseYaml(file, text);
  diagnostics.addAll(parsed.errors);
  diagnostics.addAll(parsed.warnings);
  if (!diagnostics.ok) return failed(diagnostics);
  const { source } = parsed;
  const data = isPlainObject(source.data) ? source.data : {};
  const available = Object.keys(data).filter((k) => k !== 'config');

  const profileName = opts.profileName ?? opts.projectProfile;
  if (!profileName) {
    return failure(
      ConfigError.at(
        source.locate([]),
        'profile-not-found',
        'no profile given: set `profile:` in dbt_project.yml or pass --profile',
      ),
    );
  }
  const profile = data[profileName];
  if (!isPlainObject(profile)) {
    const list = available.length > 0 ? available.map((p) => `'${p}'`).join(', ') : 'none';
    return failure(
      ConfigError.at(
        source.locate([]),
        'profile-not-found',
        `could not find profile named '${profileName}'`,
        {
          hint: `profiles in ${file}: ${list}`,
        },
      ),
    );
  }
  const context = baseRenderContext(opts, true);
  let targetName = opts.target;
  if (targetName === undefined) {
    const declared = profile.target;
    if (typeof declared === 'string' && opts.render) {
      const r = await renderValue(declared, opts.render, context, source.locate([profileName, 'target']));
      if ('error' in r) return failure(r.error);
      targetName = String(r.value);
    } else {
      targetName = declared === undefined ? 'default' : String(declared);
    }
  }
  const outputs = isPlainObject(profile.outputs) ? profile.outputs : {};
  const output = outputs[targetName];
  if (!isPlainObject(output)) {
    const names = Object.keys(outputs);
    return failure(
      ConfigError.at(
        source.locate([profileName, 'outputs'], 'key'),
        'target-not-found',
        `profile '${profileName}' has no target named '${targetName}'`,
        { hint: `targets available: ${names.length > 0 ? names.join(', ') : 'none'}` },
      ),
    );
  }
  const outputPath = [profileName, 'outputs', targetName];
  const rendered = await renderTree(output, { render: opts.render, context, source, basePath: outputPath });
  diagnostics.addAll(rendered.errors);
  const credentials = { ...(rendered.value as Record<string, unknown>) };
  for (const key of INTEGER_KEYS) {
    if (typeof credentials[key] === 'string' && /^\d+$/.test(credentials[key] as string)) {
      credentials[key] = Number(credentials[key]);
    }
  }
  const type = credentials.type;
  if (typeof type !== 'string' || type === '') {
    diagnostics.add(
      ConfigError.at(
        source.locate(outputPath),
        'missing-key',
        `target '${targetName}' of profile '${profileName}' has no 'type'`,
      ),
    );
    return failed(diagnostics);
  }
  const threads = credentials.threads ?? 1;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
    diagnostics.add(
      ConfigError.at(
        source.locate([...outputPath, 'threads']),
        'invalid-value',
        `'threads' must be a whole number of at least 1`,
      ),
    );
  }
  fillAdapterDefaults(type, credentials, outputPath, source.locate, diagnostics);
  return resultOf(diagnostics, {
    profileName,
    targetName,
    type,
    threads: typeof threads === 'number' ? threads : 1,
    credentials,
    globalConfig: isPlainObject(data.config) ? data.config : {},
    file,
    loc: source.locate(outputPath),
  });
}

/** The defaults the dbt adapters apply, and the keys they cannot do without. */
function fillAdapterDefaults(
  type: string,
  credentials: Record<string, unknown>,
  outputPath: string[],
  locate: (path: string[]) => Loc,
  diagnostics: Diagnostics,
): void {
  if (type === 'duckdb') {
    credentials.path ??= ':memory:';
    credentials.schema ??= 'main';
    if (credentials.database === undefined) {
      const path = String(credentials.path);
      const base = path
        .split(/[\\/]/)
        .pop()!
        .replace(/\.[^.]*$/, '');
      credentials.database = path === ':memory:' || path === '' ? 'memory' : base;
    }
  } else if (type === 'postgres') {
    credentials.port ??= 5432;
    credentials.connect_timeout ??= 10;
    credentials.keepalives_idle ??= 0;
    credentials.dbname ??= credentials.database;
    credentials.database ??= credentials.dbname;
    for (const key of ['host', 'user', 'dbname', 'schema']) {
      if (credentials[key] === undefined) {
        diagnostics.add(
          ConfigError.at(
            locate(outputPath),
            'missing-key',
            `postgres target is missing required key '${key}'`,
          ),
        );
      }
    }
  }
}
