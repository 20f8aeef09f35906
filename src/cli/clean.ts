/** `clean`: delete the folders in `clean-targets`. */

import { rm } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import { outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerClean(program: Command): void {
  withProjectFlags(program.command('clean').description('Delete the folders listed in clean-targets')).action(
    async (flags: CommonFlags) => {
      const out = outputFor(flags);
      try {
        const { loadProject } = await import('../config/index.js');
        const dir = resolve(flags.projectDir ?? '.');
        const project = await loadProject(dir);
        if (!project.ok)
          throw new CommandError(
            project.errors.map((e) => ({
              message: e.message,
              code: e.code,
              file: e.file,
              line: e.line,
              column: e.column,
            })),
          );
        for (const target of project.value.cleanTargets) {
          const full = resolve(dir, target);
          const rel = relative(dir, full);
          // Never delete outside the project.
          if (rel.startsWith('..') || isAbsolute(rel) || rel === '') {
            out.warn(`Skipping clean target outside the project: ${target}`);
            continue;
          }
          await rm(full, { recursive: true, force: true });
          out.info(`Cleaned ${target}/`);
        }
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    },
  );
}
