/**
 * `tessera mesh diff`: what would a project's next publication change for its consumers? Compares
 * the data products the project defines now (contracts as written; nothing is built) with its last
 * publication, and names every downstream consumer of a breaking change. Consumers' expectations
 * (from their publications) run against the project's current build in the chosen target.
 */
import {
  diffPublications,
  type MeshWorkspace,
  type PublicationDiff,
  withExpectations,
} from '../mesh/index.js';
import { CommandError } from './errors.js';
import { openMeshProject } from './mesh-command.js';
import { runConsumerExpectations } from './mesh-expectations.js';
import { folderSource, publicationSource } from './mesh-sources.js';
import { candidatePublication } from './publish-command.js';

export interface MeshDiffOptions {
  /** Folder of the publications to compare with (default: the mesh's publications folder). */
  stateDir?: string;
  /** Compare with the publications of this registry instead of a folder. */
  registry?: string;
  target?: string;
}

export async function meshDiff(
  ws: MeshWorkspace,
  projectName: string,
  options: MeshDiffOptions = {},
): Promise<PublicationDiff> {
  const project = ws.projects.find((p) => p.name === projectName);
  if (!project)
    throw new CommandError([
      {
        message: `no project named '${projectName}' in ${ws.dir}/mesh.yml (projects: ${ws.projects.map((p) => p.name).join(', ')})`,
        code: 'E_MESH_PROJECT',
      },
    ]);
  const source = options.stateDir ? folderSource(options.stateDir) : publicationSource(ws, options.registry);
  const published = await source.read(project.name);
  const inv = await openMeshProject(ws, project, {
    command: 'diff',
    target: options.target,
    publications: source,
  });
  const candidate = candidatePublication(inv, [], published.ok ? published.publication : undefined);
  const others = (await source.all()).filter((p) => p.project !== project.name);
  // Consumers' expectations run against what the project last built in this target.
  const expectations = await runConsumerExpectations(inv, others);
  const diff = published.ok
    ? diffPublications(published.publication, candidate, others)
    : { project: project.name, changes: [], unversioned: [], ok: true };
  return withExpectations(diff, expectations);
}
