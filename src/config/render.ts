import { ConfigError, type Loc } from './errors.js';
import type { YamlPath, YamlSource } from './yaml-positions.js';
import { isPlainObject } from './yaml-positions.js';

/**
 * Renders one Jinja string. Passed in by the caller so that config never imports the engine
 * (e.g. `(src, ctx) => new Environment().renderString(src, ctx)`).
 */
export type RenderString = (source: string, context: Record<string, unknown>) => Promise<string>;

/** dbt's prefix for environment variables whose values must never reach logs or artifacts. */
export const SECRET_ENV_PREFIX = 'DBT_ENV_SECRET_';

/** Remembers secret values read during rendering and blanks them out of any text. */
export class SecretMasker {
  private readonly secrets = new Set<string>();

  add(value: string): void {
    if (value.length > 0) this.secrets.add(value);
  }

  values(): string[] {
    return [...this.secrets];
  }

  /** Replaces every known secret in `text` with `*****` (longest first, so overlaps mask fully). */
  mask(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('*****');
    }
    return out;
  }
}

/** Thrown by `env_var()` when a variable is unset and no default was given. */
export class EnvVarMissingError extends Error {
  constructor(readonly variable: string) {
    super(`Env var required but not provided: '${variable}'`);
    this.name = 'EnvVarMissingError';
  }
}

/** Thrown by `env_var()` for a secret variable read where dbt forbids secrets (outside profiles and packages). */
export class SecretEnvVarLocationError extends Error {
  constructor(readonly variable: string) {
    super(
      `secret env var '${variable}' may only be used in profiles.yml and packages.yml (names starting with ${SECRET_ENV_PREFIX} are secrets)`,
    );
    this.name = 'SecretEnvVarLocationError';
  }
}

/** Thrown by `var()` when a variable is not defined and no default was given. */
export class VarMissingError extends Error {
  constructor(readonly variable: string) {
    super(`Required var '${variable}' not found in config`);
    this.name = 'VarMissingError';
  }
}

/** What rendering of dbt_project.yml / profiles.yml / packages.yml may see. */
export interface RenderOptions {
  /** The Jinja renderer; without it, strings holding Jinja are kept as written. */
  render?: RenderString;
  /** Environment variables (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /** `--vars` from the command line: the only vars visible while project files are read. */
  cliVars?: Record<string, unknown>;
  /** Collects values of `DBT_ENV_SECRET_*` variables that rendering read. */
  secrets?: SecretMasker;
  /**
   * The profile's target, as templates see `target`: dbt_project.yml config trees, packages.yml
   * and properties YAML may read it (`+materialized: "{{ 'table' if target.type == … }}"`).
   */
  targetContext?: Record<string, unknown>;
}

/** The engine hands keyword arguments over as a trailing `Kwargs` object; read it without importing it. */
function splitHostArgs(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last && typeof last === 'object' && last.constructor?.name === 'Kwargs' && 'values' in last) {
    return { positional: args.slice(0, -1), kwargs: (last as { values: Record<string, unknown> }).values };
  }
  return { positional: args, kwargs: {} };
}

/**
 * `env_var(name, default?)` with dbt's semantics; secret values are recorded in `secrets`. With
 * `allowSecrets: false` reading a `DBT_ENV_SECRET_*` variable is an error, as dbt has it everywhere
 * but profiles.yml and packages.yml.
 */
export function makeEnvVar(
  env: Record<string, string | undefined>,
  secrets?: SecretMasker,
  options: { allowSecrets?: boolean } = {},
): (...args: unknown[]) => string {
  return (...args: unknown[]) => {
    const { positional, kwargs } = splitHostArgs(args);
    const name = String(positional[0] ?? kwargs.var ?? '');
    if (name.startsWith(SECRET_ENV_PREFIX) && options.allowSecrets === false)
      throw new SecretEnvVarLocationError(name);
    const fallback = positional.length > 1 ? positional[1] : kwargs.default;
    const value = env[name];
    if (value !== undefined) {
      if (name.startsWith(SECRET_ENV_PREFIX)) secrets?.add(value);
      return value;
    }
    if (fallback !== undefined && fallback !== null) return String(fallback);
    throw new EnvVarMissingError(name);
  };
}

/** `var(name, default?)` over a fixed dictionary. */
export function makeVar(vars: Record<string, unknown>): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const { positional, kwargs } = splitHostArgs(args);
    const name = String(positional[0] ?? '');
    if (Object.hasOwn(vars, name)) return vars[name];
    const fallback = positional.length > 1 ? positional[1] : kwargs.default;
    if (fallback !== undefined) return fallback;
    throw new VarMissingError(name);
  };
}

/**
 * The context dbt gives project-level files: `env_var` and `var` over the CLI vars only. Secrets
 * are readable only where dbt allows them (`allowSecrets`: profiles.yml, packages.yml).
 */
export function baseRenderContext(opts: RenderOptions, allowSecrets = false): Record<string, unknown> {
  return {
    env_var: makeEnvVar(opts.env ?? process.env, opts.secrets, { allowSecrets }),
    var: makeVar(opts.cliVars ?? {}),
    ...(opts.targetContext ? { target: opts.targetContext } : {}),
  };
}

export function hasJinja(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

// dbt renders YAML "natively": `{{ x | as_number }}` yields a number, not text. The string renderer
// only returns text, so the trailing native filter is handled here.
const NATIVE_FILTER = /\|\s*as_(number|bool|native)\s*}}\s*$/;

/** Renders one string value; `loc` places any failure. */
export async function renderValue(
  text: string,
  render: RenderString,
  context: Record<string, unknown>,
  loc: Loc,
): Promise<{ value: unknown } | { error: ConfigError }> {
  const native = NATIVE_FILTER.exec(text);
  const source = native ? text.replace(NATIVE_FILTER, '}}') : text;
  try {
    const rendered = await render(source, context);
    return { value: native ? coerceNative(rendered, native[1]!) : rendered };
  } catch (err) {
    return { error: renderError(err, text, loc) };
  }
}

function coerceNative(text: string, kind: string): unknown {
  const trimmed = text.trim();
  if (kind === 'bool') {
    if (/^(true|yes|on|1)$/i.test(trimmed)) return true;
    if (/^(false|no|off|0)$/i.test(trimmed)) return false;
    return text;
  }
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (kind === 'native') {
    if (trimmed === 'True') return true;
    if (trimmed === 'False') return false;
    if (trimmed === 'None') return null;
    try {
      return JSON.parse(trimmed.replace(/'/g, '"'));
    } catch {
      return text;
    }
  }
  return text;
}

function renderError(err: unknown, text: string, loc: Loc): ConfigError {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof EnvVarMissingError) return ConfigError.at(loc, 'env-var-missing', e.message);
    if (e instanceof VarMissingError) return ConfigError.at(loc, 'render-failed', e.message);
    if (e instanceof SecretEnvVarLocationError) return ConfigError.at(loc, 'secret-misplaced', e.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  return ConfigError.at(loc, 'render-failed', `could not render '${text}': ${message}`);
}

/**
 * Renders every string holding Jinja in a YAML tree, except where `skip(path)` says the value is
 * rendered later (hooks, descriptions, test arguments). `basePath` is the tree's place in `source`.
 */
/** Configs dbt validates as booleans. */
const BOOLEAN_CONFIG_KEYS = new Set(['enabled', 'full_refresh', 'store_failures', 'quote_columns', 'show']);

/**
 * dbt renders `{{ false if target.type == 'x' else true }}` keeping the boolean the expression made;
 * our renderer yields text, so a boolean config that rendered to `True`/`False` becomes one again.
 */
export function asBooleanConfig(key: string | number | undefined, value: unknown): unknown {
  if (typeof key !== 'string' || typeof value !== 'string') return value;
  if (!BOOLEAN_CONFIG_KEYS.has(key.replace(/^\+/, ''))) return value;
  if (value === 'True') return true;
  if (value === 'False') return false;
  return value;
}

export async function renderTree(
  value: unknown,
  opts: {
    render: RenderString | undefined;
    context: Record<string, unknown>;
    source: YamlSource;
    basePath?: YamlPath;
    skip?: (path: YamlPath, node: unknown) => boolean;
  },
): Promise<{ value: unknown; errors: ConfigError[] }> {
  const errors: ConfigError[] = [];
  const base = opts.basePath ?? [];
  const walk = async (node: unknown, path: (string | number)[]): Promise<unknown> => {
    if (opts.skip?.(path, node)) return node;
    if (typeof node === 'string') {
      if (!opts.render || !hasJinja(node)) return node;
      const result = await renderValue(
        node,
        opts.render,
        opts.context,
        opts.source.locate([...base, ...path]),
      );
      if ('error' in result) {
        errors.push(result.error);
        return node;
      }
      return asBooleanConfig(path[path.length - 1], result.value);
    }
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (let i = 0; i < node.length; i++) out.push(await walk(node[i], [...path, i]));
      return out;
    }
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = await walk(v, [...path, k]);
      return out;
    }
    return node;
  };
  const rendered = await walk(value, []);
  return { value: rendered, errors };
}
