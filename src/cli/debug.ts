/** `debug`: check the project, the profile and the warehouse connection. */
import type { Command } from 'commander';
import { TESSERA_VERSION } from '../artifacts/metadata.js';
import { open, outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

export function registerDebug(program: Command): void {
  withProjectFlags(program.command('debug').description('Check the project, profile and connection')).action(
    async (flags: CommonFlags) => {
      const out = outputFor(flags);
      try {
        const { connect } = await import('../app/index.js');
        out.info(`tessera version: ${TESSERA_VERSION}`);
        out.info(`node version: ${process.version}`);
        const inv = await open(flags, 'debug', out);
        out.info(`project: ${inv.workspace.root.name} (${inv.workspace.root.dir}) [OK found and valid]`);
        out.info(
          `profile: ${inv.profile.profileName}, target: ${inv.profile.targetName}, type: ${inv.profile.type} [OK]`,
        );
        const { adapter } = await connect(inv);
        try {
          await adapter.execute('select 1 as ok');
          out.info('Connection test: [OK connection ok]');
        } finally {
          await adapter.close();
        }
        out.info('All checks passed!');
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    },
  );
}
