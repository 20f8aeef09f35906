/**
 * `tessera publish`: after `tessera build` passed, records the project's data products in the
 * mesh's publications folder (found from mesh.yml above the project, `--workspace` or
 * `--publications`).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  CommandError,
  type Invocation,
  openInvocation,
  openMesh,
  openMeshProject,
  publishLastBuild,
} from '../app/index.js';
import { findMeshRoot } from '../mesh/index.js';
import { outputFor } from './context.js';
import { type CommonFlags, invocationOptions, withProjectFlags } from './options.js';
import { reportError } from './output.js';

type PublishFlags = CommonFlags & { workspace?: string; publications?: string };

export function registerPublish(program: Command): void {
  withProjectFlags(
    program.command('publish').description("Record the project's data products after a build that passed"),
  )
    .option('--workspace <dir>', 'folder holding mesh.yml (default: the nearest one above the project)')
    .option('--publications <dir>', 'write publications here (default: publications: of mesh.yml)')
    .action(async (flags: PublishFlags) => {
      process.exitCode = await publish(flags);
    });
}

async function publish(flags: PublishFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const options = invocationOptions(flags, 'publish', (level, message) =>
      level === 'warn' ? out.warn(message) : level === 'error' ? out.error(message) : out.info(message),
    );
    const projectDir = resolve(flags.projectDir ?? '.');
    const meshRoot = flags.workspace ? resolve(flags.workspace) : findMeshRoot(projectDir);
    let inv: Invocation;
    let publicationsDir: string;
    if (meshRoot) {
      const { workspace } = await openMesh(meshRoot);
      const project = workspace.projects.find((p) => p.dir === projectDir);
      if (!project)
        throw new CommandError([
          {
            message: `${projectDir} is not a project of the mesh in ${workspace.file}`,
            code: 'E_MESH_PROJECT',
          },
        ]);
      const { projectDir: _d, ...meshOptions } = options;
      inv = await openMeshProject(workspace, project, meshOptions);
      publicationsDir = flags.publications ? resolve(flags.publications) : workspace.publicationsDir;
    } else if (flags.publications) {
      inv = await openInvocation({ ...options, projectDir });
      publicationsDir = resolve(flags.publications);
    } else
      throw new CommandError([
        {
          message: 'no mesh.yml above the project: pass --workspace DIR or --publications DIR',
          code: 'E_MESH_FILE',
        },
      ]);
    const outcome = await publishLastBuild(inv, publicationsDir);
    if (!outcome.published) {
      out.error(`Not published: ${outcome.reason}`);
      return 1;
    }
    const products = outcome.publication?.products ?? [];
    out.info(`Published ${products.length} data products of ${inv.workspace.root.name}:`);
    for (const p of products)
      out.result(
        `  ${p.name}${p.version === null ? '' : ` v${p.version}`}  ${p.relations[inv.profile.targetName]?.relation_name ?? ''}`,
      );
    for (const f of outcome.files) out.info(`  wrote ${f}`);
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}
