/** `docs generate`: write target/catalog.json from the warehouse's view of the project. */
import type { Command } from 'commander';
import { docsGenerate } from '../app/index.js';
import { open, outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerDocs(program: Command): void {
  const docs = program.command('docs').description('Generate documentation artifacts');
  withProjectFlags(docs.command('generate').description('Write target/catalog.json (and the manifest)'))
    .option('--no-compile', 'skip compiling the project first')
    .option('--empty-catalog', 'write the catalog without asking the warehouse')
    .action(async (flags: CommonFlags & { compile: boolean; emptyCatalog?: boolean }) => {
      const out = outputFor(flags);
      try {
        const inv = await open(flags, 'generate', out);
        const catalog = await docsGenerate(inv, { compile: flags.compile, emptyCatalog: flags.emptyCatalog });
        out.info(
          `Catalog written to ${inv.workspace.root.config.targetPath}/catalog.json (${Object.keys(catalog.nodes).length} nodes, ${Object.keys(catalog.sources).length} sources)`,
        );
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
