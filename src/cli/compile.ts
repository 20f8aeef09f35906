/** `compile`: render selected nodes (or `--inline` SQL) and write target/compiled. */
import type { Command } from 'commander';
import { open, outputFor } from './context.js';
import { type CommonFlags, selectionFlags, withProjectFlags, withSelectionFlags } from './options.js';
import { reportError } from './output.js';

export function registerCompile(program: Command): void {
  withSelectionFlags(
    withProjectFlags(
      program.command('compile').description('Render the SQL of the selected nodes without running it'),
    ),
  )
    .option('--inline <sql>', 'compile this SQL in the project context and print it')
    .action(async (flags: CommonFlags & { inline?: string }) => {
      const out = outputFor(flags);
      try {
        const { compileInline, compileNodes, writeArtifacts } = await import('../app/index.js');
        const inv = await open(flags, 'compile', out);
        if (flags.inline !== undefined) {
          const sql = await compileInline(inv, flags.inline);
          if (!flags.quiet) out.info('Compiled inline node is:');
          out.result(sql);
          return;
        }
        const compiled = await compileNodes(inv, selectionFlags(flags));
        await writeArtifacts(inv, undefined, 0, 'compile');
        const select = selectionFlags(flags).select;
        const primary = compiled.filter((c) => !c.uniqueId.startsWith('test.'));
        if (primary.length === 1 && select) {
          if (!flags.quiet)
            out.info(`Compiled node '${primary[0]!.uniqueId.split('.').slice(2).join('.')}' is:`);
          out.result(primary[0]!.sql);
        } else
          out.info(`Compiled ${compiled.length} nodes into ${inv.workspace.root.config.targetPath}/compiled`);
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
