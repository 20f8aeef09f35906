import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, type ConfigResult, Diagnostics, failed, failure, resultOf } from './errors.js';
import { cloneAndCheckout } from './git.js';
import { LOCK_FILE_NAME, packagesHash, readLockFile, writeLockFile } from './lock-file.js';
import { loadPackagesSpec, type PackageSpec, readPackageEntry } from './packages.js';
import { loadProject } from './project.js';
import { baseRenderContext, type RenderOptions, renderTree, SecretMasker } from './render.js';
import { parseYaml } from './yaml-positions.js';

export interface InstallOptions extends RenderOptions {
  /** Where packages go, relative to the project (dbt_project.yml `packages-install-path`). */
  installPath?: string;
  /** Resolve packages.yml again even when package-lock.yml matches it. */
  upgrade?: boolean;
  /** `local:` packages are symlinked (dbt's behaviour) unless `copy` is asked for. */
  localMode?: 'symlink' | 'copy';
}

export interface InstalledPackage {
  /** The package's own project name: its folder under the install path. */
  name: string;
  kind: PackageSpec['kind'];
  dir: string;
  /** The commit sha a git package was installed at. */
  revision?: string;
}

export interface InstallReport {
  installDir: string;
  lockFile: string;
  packages: InstalledPackage[];
  /** True when the pinned versions of package-lock.yml were used. */
  fromLock: boolean;
}

interface Staged {
  installed: InstalledPackage;
  lockEntry: Record<string, unknown>;
  identity: string;
}

/**
 * `tessera deps`: fetches every package (and their packages) into a staging folder beside the
 * install path, then swaps it in, so a failed install leaves the previous packages untouched.
 * Writes package-lock.yml with git packages pinned to commit shas.
 */
export async function installPackages(
  projectDir: string,
  opts: InstallOptions = {},
): Promise<ConfigResult<InstallReport>> {
  const secrets = opts.secrets ?? new SecretMasker();
  const renderOpts = { ...opts, secrets };
  const specResult = await loadPackagesSpec(projectDir, renderOpts);
  if (!specResult.ok) return specResult;
  const diagnostics = new Diagnostics();
  diagnostics.addAll(specResult.warnings);
  const spec = specResult.value;
  const installDir = resolve(projectDir, opts.installPath ?? 'dbt_packages');
  // Like dbt: with nothing to install, nothing (packages folder, lock) is touched.
  if (spec.packages.length === 0) {
    return resultOf(diagnostics, {
      installDir,
      lockFile: join(projectDir, LOCK_FILE_NAME),
      packages: [],
      fromLock: false,
    });
  }
  const hash = packagesHash(spec.packages);

  // A lock that matches packages.yml pins every package, dependencies included.
  const lock = opts.upgrade ? undefined : await readLockFile(projectDir);
  const fromLock = lock !== undefined && lock.sha1_hash === hash;
  let queue: PackageSpec[] = spec.packages;
  if (fromLock) queue = await pinnedFromLock(projectDir, lock.packages, renderOpts, diagnostics);
  const staging = `${installDir}.tmp-${process.pid}-${Date.now()}`;
  const clones = join(staging, '.clones');
  await mkdir(clones, { recursive: true });
  const staged = new Map<string, Staged>();
  try {
    const pending = [...queue];
    for (let n = 0; pending.length > 0; n++) {
      const next = pending.shift()!;
      const result = await fetchPackage(next, {
        projectDir,
        staging,
        clones: join(clones, String(n)),
        opts: renderOpts,
      });
      if ('error' in result) {
        diagnostics.add(result.error);
        continue;
      }
      for (const w of result.warnings) diagnostics.add(w);
      const earlier = staged.get(result.staged.installed.name);
      if (earlier) {
        if (earlier.identity !== result.staged.identity) {
          diagnostics.add(
            ConfigError.at(
              next.loc,
              'package-install-failed',
              `package '${result.staged.installed.name}' is required twice from different places`,
              {
                hint: `${secrets.mask(earlier.identity)} and ${secrets.mask(result.staged.identity)}`,
              },
            ),
          );
        }
        continue;
      }
      await placePackage(result, staging, opts.localMode ?? 'symlink');
      staged.set(result.staged.installed.name, result.staged);
      if (!fromLock) {
        const deps = await loadPackagesSpec(join(staging, result.staged.installed.name), renderOpts);
        if (deps.ok) pending.push(...deps.value.packages);
        else diagnostics.addAll(deps.errors);
      }
    }
    if (!diagnostics.ok) {
      await rm(staging, { recursive: true, force: true });
      return failed(diagnostics);
    }
    await rm(clones, { recursive: true, force: true });
    await swapIn(staging, installDir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    const message = secrets.mask(err instanceof Error ? err.message : String(err));
    return failure(
      new ConfigError({
        code: 'package-install-failed',
        message: `installing packages failed: ${message}`,
        file: projectDir,
      }),
    );
  }

  const packages = [...staged.values()];
  const lockFile = fromLock
    ? join(projectDir, LOCK_FILE_NAME)
    : await writeLockFile(projectDir, { packages: packages.map((p) => p.lockEntry), sha1_hash: hash });
  return resultOf(diagnostics, {
    installDir,
    lockFile,
    fromLock,
    packages: packages.map((p) => ({ ...p.installed, dir: join(installDir, p.installed.name) })),
  });
}

/** The lock's entries as package specs (rendered, since git URLs may keep env_var() calls). */
async function pinnedFromLock(
  projectDir: string,
  entries: Record<string, unknown>[],
  opts: RenderOptions,
  diagnostics: Diagnostics,
): Promise<PackageSpec[]> {
  const file = join(projectDir, LOCK_FILE_NAME);
  const { source } = parseYaml(file, await readFile(file, 'utf8'));
  const pinned = entries.map(({ name: _name, ...rest }) => rest);
  const rendered = await renderTree(pinned, {
    render: opts.render,
    context: baseRenderContext(opts, true),
    source,
    basePath: ['packages'],
  });
  diagnostics.addAll(rendered.errors);
  return (rendered.value as unknown[]).flatMap(
    (entry, i) => readPackageEntry(entry, pinned[i], source, i, diagnostics) ?? [],
  );
}

interface Fetched {
  staged: Staged;
  /** The folder to place under `<install path>/<name>`. */
  from: string;
  link: boolean;
  warnings: ConfigError[];
}

async function fetchPackage(
  spec: PackageSpec,
  ctx: {
    projectDir: string;
    staging: string;
    clones: string;
    opts: InstallOptions & { secrets: SecretMasker };
  },
): Promise<Fetched | { error: ConfigError }> {
  const offline = (what: string) => ({
    error: ConfigError.at(
      spec.loc,
      'hub-package-offline',
      `${what} must be downloaded from the internet, which Tessera's deps does not do`,
      {
        hint: 'use a `git:` entry (a repository URL with a `revision:`) or a `local:` path instead',
      },
    ),
  });
  switch (spec.kind) {
    case 'hub':
      return offline(`package '${spec.package}' (dbt package hub)`);
    case 'tarball':
      return offline(`tarball package '${spec.tarball}'`);
    case 'private':
      return offline(`private package '${spec.private}'`);
    case 'local': {
      const dir = resolve(ctx.projectDir, spec.local);
      const name = await projectNameOf(dir, spec, ctx.opts);
      if (typeof name !== 'string') return name;
      return {
        staged: {
          installed: { name, kind: 'local', dir },
          lockEntry: { local: spec.local, name },
          identity: `local:${dir}`,
        },
        from: dir,
        link: true,
        warnings: [],
      };
    }
    case 'git': {
      const cloned = await cloneAndCheckout(spec.git, ctx.clones, spec.revision);
      if ('error' in cloned) {
        const message = ctx.opts.secrets.mask(`could not install git package '${spec.git}': ${cloned.error}`);
        return { error: ConfigError.at(spec.loc, 'git-failed', message) };
      }
      const root = spec.subdirectory ? join(ctx.clones, spec.subdirectory) : ctx.clones;
      const name = await projectNameOf(root, spec, ctx.opts);
      if (typeof name !== 'string') return name;
      const warnings =
        spec.revision === undefined && spec.warnUnpinned
          ? [
              ConfigError.at(
                spec.loc,
                'package-install-failed',
                `git package '${ctx.opts.secrets.mask(spec.git)}' is not pinned`,
                {
                  severity: 'warning',
                  hint: "add a 'revision' (a tag or commit sha) so installs are repeatable",
                },
              ),
            ]
          : [];
      // The lock keeps the URL as written, so secrets from env vars stay out of it.
      const gitAsWritten = String(spec.unrendered.git ?? spec.git);
      return {
        staged: {
          installed: { name, kind: 'git', dir: root, revision: cloned.sha },
          lockEntry: {
            git: gitAsWritten,
            revision: cloned.sha,
            ...(spec.subdirectory ? { subdirectory: spec.subdirectory } : {}),
            name,
          },
          identity: `git:${spec.git}@${cloned.sha}/${spec.subdirectory ?? ''}`,
        },
        from: root,
        link: false,
        warnings,
      };
    }
  }
}

async function projectNameOf(
  dir: string,
  spec: PackageSpec,
  opts: InstallOptions,
): Promise<string | { error: ConfigError }> {
  if (!existsSync(join(dir, 'dbt_project.yml'))) {
    return {
      error: ConfigError.at(
        spec.loc,
        'package-install-failed',
        `no dbt_project.yml in package folder '${dir}'`,
      ),
    };
  }
  const project = await loadProject(dir, opts);
  if (!project.ok) return { error: project.errors[0]! };
  return project.value.name;
}

async function placePackage(fetched: Fetched, staging: string, localMode: 'symlink' | 'copy'): Promise<void> {
  const dest = join(staging, fetched.staged.installed.name);
  if (fetched.link && localMode === 'symlink') {
    await symlink(fetched.from, dest, 'dir');
  } else if (fetched.link) {
    await cp(fetched.from, dest, { recursive: true });
  } else {
    await rename(fetched.from, dest);
  }
}

/** Replaces the install folder with the staged one; the old one is removed only after the swap. */
async function swapIn(staging: string, installDir: string): Promise<void> {
  const backup = `${installDir}.old-${process.pid}-${Date.now()}`;
  const hadOld = existsSync(installDir);
  if (hadOld) await rename(installDir, backup);
  try {
    await rename(staging, installDir);
  } catch (err) {
    if (hadOld) await rename(backup, installDir);
    throw err;
  }
  if (hadOld) await rm(backup, { recursive: true, force: true });
}
