/**
 * `tessera publish`: after `tessera build` passed, records the project's data products in the
 * mesh's publications folder (found from mesh.yml above the project, `--workspace` or
 * `--publications`).
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import type { Invocation } from '../app/index.js';
import type { Publication } from '../mesh/index.js';
import { outputFor } from './context.js';
import { type CommonFlags, invocationOptions, withProjectFlags } from './options.js';
import { reportError } from './output.js';

type PublishFlags = CommonFlags & {
  workspace?: string;
  publications?: string;
  registry?: string;
  registryDomain?: string;
};

/** Where `--registry` publishing reads its token. */
export const REGISTRY_TOKEN_ENV = 'TESSERA_REGISTRY_TOKEN';

export function registerPublish(program: Command): void {
  withProjectFlags(
    program.command('publish').description("Record the project's data products after a build that passed"),
  )
    .option('--workspace <dir>', 'folder holding mesh.yml (default: the nearest one above the project)')
    .option('--publications <dir>', 'write publications here (default: publications: of mesh.yml)')
    .option(
      '--registry <url>',
      `also send the publication to this registry (token from ${REGISTRY_TOKEN_ENV})`,
    )
    .option('--registry-domain <name>', 'with the admin token: the domain to publish for')
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
    const { openInvocation, openMesh, openMeshProject, publishLastBuild } = await import('../app/index.js');
    const { findMeshRoot } = await import('../mesh/index.js');
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
    } else if (flags.registry) {
      // Only to a registry: the local copy (kept for the next publish's relations) goes to target/.
      inv = await openInvocation({ ...options, projectDir });
      publicationsDir = join(inv.targetDir, 'publications');
    } else
      throw new CommandError([
        {
          message:
            'no mesh.yml above the project: pass --workspace DIR, --publications DIR or --registry URL',
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
    if (flags.registry && outcome.publication)
      await sendToRegistry(out, outcome.publication, flags.registry, flags);
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}

/** POSTs the publication to a registry; its breaking-change report is printed as warnings. */
async function sendToRegistry(
  out: ReturnType<typeof outputFor>,
  publication: Publication,
  registry: string,
  flags: PublishFlags,
): Promise<void> {
  const token = process.env[REGISTRY_TOKEN_ENV];
  if (!token)
    throw new CommandError([
      {
        message: `set ${REGISTRY_TOKEN_ENV} to a domain token to publish to ${registry}`,
        code: 'E_REGISTRY',
      },
    ]);
  const { RegistryClient } = await import('../registry/index.js');
  try {
    const sent = await new RegistryClient(registry, token).publish(publication, flags.registryDomain);
    out.info(`Sent to ${registry} as publication ${sent.id} of domain ${sent.domain}`);
    for (const change of sent.breaking) out.warn(`  breaking: ${change.message}`);
    for (const change of sent.non_breaking) out.info(`  ${change.message}`);
  } catch (err) {
    throw new CommandError([
      {
        message: `the registry refused the publication: ${err instanceof Error ? err.message : err}`,
        code: 'E_REGISTRY',
      },
    ]);
  }
}
