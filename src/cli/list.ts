/** `ls` / `list`: print the selected resources. */
import type { Command } from 'commander';
import type { ListOutput } from '../app/index.js';
import { open, outputFor } from './context.js';
import { type CommonFlags, selectionFlags, withProjectFlags, withSelectionFlags } from './options.js';
import { reportError } from './output.js';

export function registerList(program: Command): void {
  withSelectionFlags(
    withProjectFlags(
      program.command('ls').alias('list').description('List the resources the selection picks'),
    ),
  )
    .option('--output <format>', 'selector, name, path or json', 'selector')
    .option('--output-keys <keys...>', 'keys to print with --output json')
    .action(async (flags: CommonFlags & { output: ListOutput; outputKeys?: string[] }) => {
      const out = outputFor({ ...flags, quiet: true });
      try {
        const { listNodes } = await import('../app/index.js');
        const inv = await open({ ...flags, quiet: true }, 'list', out);
        const lines = listNodes(
          inv,
          selectionFlags(flags),
          flags.output,
          flags.outputKeys?.flatMap((k) => k.split(',')),
        );
        if (lines.length) out.result(lines.join('\n'));
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
