import type { ProjectConfig } from './project.js';
import { isPlainObject } from './yaml-positions.js';

/** A project's vars as one package sees them: globals, overridden by the `{package: {...}}` scope. */
function scopedVars(vars: Record<string, unknown>, packageName: string): Record<string, unknown> {
  const scope = vars[packageName];
  return { ...vars, ...(isPlainObject(scope) ? scope : {}) };
}

/**
 * The vars `var()` sees inside nodes of `packageName`, by dbt's precedence: CLI `--vars` first, then
 * the root project's vars (scoped over global), then the package's own dbt_project.yml vars.
 */
export function varsForPackage(
  root: ProjectConfig,
  packageName: string,
  opts: { cliVars?: Record<string, unknown>; dependencies?: Readonly<Record<string, ProjectConfig>> } = {},
): Record<string, unknown> {
  const own = packageName !== root.name ? opts.dependencies?.[packageName] : undefined;
  return {
    ...(own ? scopedVars(own.vars, packageName) : {}),
    ...scopedVars(root.vars, packageName),
    ...(opts.cliVars ?? {}),
  };
}
