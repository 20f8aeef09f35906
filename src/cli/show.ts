/** `show`: preview the rows of a node or of inline SQL. */
import type { Command } from 'commander';
import { open, outputFor } from './context.js';
import { type CommonFlags, selectionFlags, withProjectFlags, withSelectionFlags } from './options.js';
import { reportError } from './output.js';

export function registerShow(program: Command): void {
  withSelectionFlags(
    withProjectFlags(
      program.command('show').description('Run a node or inline SQL and print a preview of its rows'),
    ),
  )
    .option('--inline <sql>', 'SQL to run in the project context')
    .option('--limit <n>', 'rows to show (-1 for all)', '5')
    .action(async (flags: CommonFlags & { inline?: string; limit: string }) => {
      const out = outputFor(flags);
      try {
        const { formatTable, showQuery } = await import('../app/index.js');
        const inv = await open(flags, 'show', out);
        const r = await showQuery(inv, {
          ...selectionFlags(flags),
          inline: flags.inline,
          limit: Number(flags.limit),
        });
        if (out.json)
          out.result(
            JSON.stringify({
              node: r.label,
              show: r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))),
            }),
          );
        else {
          out.info(`Previewing node '${r.label}':`);
          out.result(formatTable(r.columns, r.rows));
        }
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
