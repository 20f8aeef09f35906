/**
 * `tessera mesh diff`: what would a project's next publication change for its consumers? Compares
 * the data products the project defines now (contracts as written; nothing is built) with its last
 * publication, and names every downstream consumer of a breaking change.
 */
import { readdirSync } from 'node:fs';
import {
  diffPublications,
  type MeshWorkspace,
  type Publication,
  type PublicationDiff,
  readPublication,
} from '../mesh/index.js';
import { CommandError } from './errors.js';
import { openMeshProject } from './mesh-command.js';
import { candidatePublication } from './publish-command.js';

export interface MeshDiffOptions {
  /** Folder of the publications to compare with (default: the mesh's publications folder). */
  stateDir?: string;
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
  const dir = options.stateDir ?? ws.publicationsDir;
  const published = await readPublication(dir, project.name);
  const inv = await openMeshProject(ws, project, { command: 'diff', target: options.target });
  const candidate = candidatePublication(inv, [], published.ok ? published.publication : undefined);
  if (!published.ok) return { project: project.name, changes: [], unversioned: [], ok: true };
  const others: Publication[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const name = file.slice(0, -'.json'.length);
    if (name === project.name) continue;
    const pub = await readPublication(dir, name);
    if (pub.ok) others.push(pub.publication);
  }
  return diffPublications(published.publication, candidate, others);
}
