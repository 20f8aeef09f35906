/** `retry`: run again what errored, failed or was skipped in the last run_results.json. */

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import { outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';
import { execute } from './run.js';

export function registerRetry(program: Command): void {
  withProjectFlags(
    program.command('retry').description('Re-run the nodes that failed or were skipped last time'),
  ).action(async (flags: CommonFlags) => {
    const out = outputFor(flags);
    try {
      const { readRunResults } = await import('../artifacts/index.js');
      const file = join(resolve(flags.projectDir ?? '.'), 'target', 'run_results.json');
      const r = await readRunResults(file);
      if (!r.ok) throw new CommandError([{ message: r.error.message, code: r.error.code, file }]);
      const previous = r.value;
      const which = String((previous.args as Record<string, unknown>).which ?? 'build');
      if (!['run', 'seed', 'test', 'build'].includes(which))
        throw new CommandError([{ message: `cannot retry a '${which}' run`, code: 'E_RETRY' }]);
      const ids = previous.results
        .filter((x) => ['error', 'fail', 'skipped', 'runtime error'].includes(String(x.status)))
        .map((x) => x.unique_id);
      if (ids.length === 0) {
        out.info('Nothing to retry: the last run had no failures.');
        return;
      }
      process.exitCode = await execute(which as 'run', flags, ids);
    } catch (err) {
      process.exitCode = reportError(out, err);
    }
  });
}
