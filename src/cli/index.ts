/** The `tessera` command line: dbt's command set over the library. */
import { Command } from 'commander';
import { TESSERA_VERSION } from '../artifacts/metadata.js';
import { registerClean } from './clean.js';
import { registerCompile } from './compile.js';
import { registerDebug } from './debug.js';
import { registerDeps } from './deps.js';
import { registerDocs } from './docs.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerMesh } from './mesh.js';
import { registerParse } from './parse.js';
import { registerPublish } from './publish.js';
import { registerRegistry } from './registry.js';
import { registerRetry } from './retry.js';
import { registerRunCommands } from './run.js';
import { registerRunOperation } from './run-operation.js';
import { registerShow } from './show.js';
import { registerSource } from './source.js';

export function buildProgram(): Command {
  const program = new Command('tessera')
    .description('Run dbt projects; link domains into a data mesh of published data products.')
    .version(TESSERA_VERSION)
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerInit(program);
  registerDebug(program);
  registerDeps(program);
  registerParse(program);
  registerCompile(program);
  registerList(program);
  registerClean(program);
  registerRunOperation(program);
  registerRunCommands(program);
  registerShow(program);
  registerRetry(program);
  registerMesh(program);
  registerPublish(program);
  registerRegistry(program);
  registerDocs(program);
  registerSource(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride((err) => {
    // commander's own errors (unknown option…) are usage errors: exit 2 as dbt does.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
  await program.parseAsync(argv);
}
