/** `tessera mesh check`: the coupling report over every project's publication and code. */
import {
  type CouplingReport,
  couplingReport,
  type MeshWorkspace,
  type ProjectCode,
  type Publication,
  readPublication,
} from '../mesh/index.js';
import { openMeshProject } from './mesh-command.js';

export async function meshCheck(ws: MeshWorkspace): Promise<CouplingReport> {
  const publications: Publication[] = [];
  const code: ProjectCode[] = [];
  for (const project of ws.projects) {
    const pub = await readPublication(ws.publicationsDir, project.name);
    if (pub.ok) publications.push(pub.publication);
    if (!pub.ok && project.upstream.length > 0) continue;
    const inv = await openMeshProject(ws, project, { command: 'check' });
    code.push({
      project: project.name,
      models: Object.values(inv.project.nodes)
        .filter((n) => n.resource_type === 'model' && n.package_name === project.name)
        .map((n) => ({
          unique_id: n.unique_id,
          raw_code: n.raw_code,
          refs: 'refs' in n ? n.refs.map((r) => ({ package: r.package ?? null, name: r.name })) : [],
        })),
    });
  }
  return couplingReport(publications, code);
}
