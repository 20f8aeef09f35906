/** `parse`: read the project and write target/manifest.json. */
import type { Command } from 'commander';
import { writeArtifacts } from '../app/index.js';
import { open, outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerParse(program: Command): void {
  withProjectFlags(
    program.command('parse').description('Parse the project and write target/manifest.json'),
  ).action(async (flags: CommonFlags) => {
    const out = outputFor(flags);
    try {
      const started = performance.now();
      const inv = await open(flags, 'parse', out);
      await writeArtifacts(inv, undefined, 0, 'parse');
      out.info(
        `Wrote ${inv.workspace.root.config.targetPath}/manifest.json in ${((performance.now() - started) / 1000).toFixed(2)}s`,
      );
    } catch (err) {
      process.exitCode = reportError(out, err);
    }
  });
}
