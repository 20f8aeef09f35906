/** `run-operation`: call a macro with `--args`. */
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import { open, outputFor } from './context.js';
import { type CommonFlags, parseYaml, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerRunOperation(program: Command): void {
  withProjectFlags(
    program
      .command('run-operation')
      .description('Run a macro')
      .argument('<macro>', 'macro name, optionally package.macro'),
  )
    .option('--args <yaml>', "keyword arguments as a YAML dictionary, e.g. '{table: orders}'")
    .action(async (macro: string, flags: CommonFlags & { args?: string }) => {
      const out = outputFor(flags);
      try {
        const { runOperation } = await import('../app/index.js');
        let args: Record<string, unknown> = {};
        if (flags.args) {
          const parsed = parseYaml(flags.args);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            throw new CommandError([{ message: '--args must be a YAML dictionary', code: 'E_ARGS' }]);
          args = parsed as Record<string, unknown>;
        }
        const inv = await open(flags, 'run-operation', out);
        await runOperation(inv, macro, args);
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
