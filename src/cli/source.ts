/** `source freshness`: check how recently each source was loaded; writes target/sources.json. */
import type { Command } from 'commander';
import { open, outputFor } from './context.js';
import { type CommonFlags, selectionFlags, withProjectFlags, withSelectionFlags } from './options.js';
import { reportError } from './output.js';

export function registerSource(program: Command): void {
  const source = program.command('source').description('Commands about sources');
  withSelectionFlags(
    withProjectFlags(
      source
        .command('freshness')
        .description('Check the freshness of sources against their warn_after / error_after'),
    ),
  ).action(async (flags: CommonFlags) => {
    const out = outputFor(flags);
    try {
      const { sourceFreshness } = await import('../app/index.js');
      const inv = await open(flags, 'freshness', out);
      const outcome = await sourceFreshness(inv, selectionFlags(flags), out.events());
      process.exitCode = outcome.exitCode;
    } catch (err) {
      process.exitCode = reportError(out, err);
    }
  });
}
