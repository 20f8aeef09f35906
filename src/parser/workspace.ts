/**
 * The projects one invocation reads: the root project, its installed packages, and Tessera's
 * built-in `dbt` macro package. Loaded through src/config; errors come back as values.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigError, loadProject, type ProjectConfig, type RenderOptions } from '../config/index.js';

export interface PackageProject {
  name: string;
  /** Absolute folder. */
  dir: string;
  config: ProjectConfig;
}

export interface Workspace {
  root: PackageProject;
  /** Installed packages (dbt_packages/*), by name. */
  packages: PackageProject[];
  /** Folder of the built-in `dbt` macros. */
  internalMacrosDir: string;
}

/** The built-in macro folder shipped with Tessera (`include/dbt/macros`). */
export function internalMacrosDir(): string {
  // src/parser/ (tsx) and dist/parser/ (built) both sit two levels below the package root.
  return fileURLToPath(new URL('../../include/dbt/macros', import.meta.url));
}

export type WorkspaceResult =
  | { ok: true; workspace: Workspace; warnings: ConfigError[] }
  | { ok: false; errors: ConfigError[]; warnings: ConfigError[] };

export async function loadWorkspace(projectDir: string, opts: RenderOptions): Promise<WorkspaceResult> {
  const dir = resolve(projectDir);
  const root = await loadProject(dir, opts);
  if (!root.ok) return root;
  const warnings = [...root.warnings];
  const packages: PackageProject[] = [];
  const installDir = join(dir, root.value.packagesInstallPath);
  if (existsSync(installDir)) {
    for (const name of readdirSync(installDir).sort()) {
      const pkgDir = join(installDir, name);
      if (!existsSync(join(pkgDir, 'dbt_project.yml'))) continue;
      const pkg = await loadProject(pkgDir, opts);
      if (!pkg.ok) return { ok: false, errors: pkg.errors, warnings: [...warnings, ...pkg.warnings] };
      warnings.push(...pkg.warnings);
      packages.push({ name: pkg.value.name, dir: pkgDir, config: pkg.value });
    }
  }
  return {
    ok: true,
    workspace: {
      root: { name: root.value.name, dir, config: root.value },
      packages,
      internalMacrosDir: internalMacrosDir(),
    },
    warnings,
  };
}
