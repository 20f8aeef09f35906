/** `deps`: install the packages of packages.yml / dependencies.yml into dbt_packages/. */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import { outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerDeps(program: Command): void {
  withProjectFlags(program.command('deps').description('Install the packages the project depends on'))
    .option('--upgrade', 'resolve packages again even when package-lock.yml matches')
    .action(async (flags: CommonFlags & { upgrade?: boolean }) => {
      const out = outputFor(flags);
      try {
        const { installPackages, loadProject } = await import('../config/index.js');
        const dir = resolve(flags.projectDir ?? '.');
        const project = await loadProject(dir);
        const installPath = project.ok ? project.value.packagesInstallPath : 'dbt_packages';
        const r = await installPackages(dir, { installPath, upgrade: flags.upgrade });
        for (const w of r.warnings) out.warn(w.format());
        if (!r.ok)
          throw new CommandError(
            r.errors.map((e) => ({
              message: e.message,
              code: e.code,
              file: e.file,
              line: e.line,
              column: e.column,
            })),
          );
        if (r.value.packages.length === 0) out.info('No packages to install.');
        for (const p of r.value.packages)
          out.info(`Installed ${p.name} (${p.kind}${p.revision ? ` @ ${p.revision.slice(0, 10)}` : ''})`);
        out.info(`Wrote ${r.value.lockFile}`);
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
