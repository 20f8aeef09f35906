/** `run`, `seed`, `test`, `build`: execute selected nodes on the warehouse. */
import type { Command } from 'commander';
import { open, outputFor } from './context.js';
import { type CommonFlags, selectionFlags, withProjectFlags, withSelectionFlags } from './options.js';
import { reportError } from './output.js';

type RunFlags = CommonFlags & { failFast?: boolean; storeFailures?: boolean };

const DESCRIPTIONS = {
  run: 'Build the selected models in the warehouse',
  seed: 'Load seed CSV files into the warehouse',
  test: 'Run data tests on the selected resources',
  build: 'Seed, run, snapshot and test the selected resources in DAG order',
  snapshot: 'Record changes of the selected snapshots (type-2 history tables)',
} as const;

export function registerRunCommands(program: Command): void {
  for (const name of ['run', 'seed', 'snapshot', 'test', 'build'] as const) {
    const cmd = withSelectionFlags(withProjectFlags(program.command(name).description(DESCRIPTIONS[name])))
      .option('-x, --fail-fast', 'stop at the first failure')
      .option('--full-refresh', 'rebuild incremental models and reload seeds from scratch');
    if (name === 'test' || name === 'build')
      cmd.option('--store-failures', 'store the rows that fail tests in the warehouse');
    cmd.action(async (flags: RunFlags) => {
      process.exitCode = await execute(name, flags);
    });
  }
}

export async function execute(
  name: 'run' | 'seed' | 'test' | 'build' | 'snapshot',
  flags: RunFlags,
  onlyIds?: string[],
): Promise<number> {
  const out = outputFor(flags);
  const controller = new AbortController();
  const onSigint = () => {
    out.warn('Cancelling: stopping running queries (Ctrl-C again to quit at once)…');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  try {
    const { runCommand } = await import('../app/index.js');
    const inv = await open(flags, name, out);
    const outcome = await runCommand(inv, {
      command: name,
      ...selectionFlags(flags),
      failFast: flags.failFast,
      storeFailures: flags.storeFailures,
      events: out.events(),
      onlyIds,
      signal: controller.signal,
    });
    return controller.signal.aborted ? 130 : outcome.exitCode;
  } catch (err) {
    return controller.signal.aborted ? 130 : reportError(out, err);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
