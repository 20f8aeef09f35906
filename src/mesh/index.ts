/** Governance and the mesh of many projects: the mesh layer's public face. */
export { type AccessCheckInput, type AccessViolation, checkAccess } from './access.js';
export { type CouplingReport, couplingReport, formatCouplingReport, type ProjectCode } from './coupling.js';
export { deprecationWarnings } from './deprecation.js';
export {
  type BreakingProduct,
  type ChangeKind,
  type Consumer,
  consumersOf,
  diffPublications,
  formatDiff as formatPublicationDiff,
  type ProductChange,
  type PublicationDiff,
  withExpectations,
} from './diff.js';
export {
  describeExpectation,
  type ExpectationResult,
  expectationsFromDependencies,
  expectationsOn,
  formatExpectationResults,
  isBroken as isBrokenExpectation,
} from './expectations.js';
export { type ExternalNodes, externalNodesFrom, pickRelation } from './external-nodes.js';
export { publicationFromManifest } from './manifest-source.js';
export { type MeshSelection, parseMeshSelection } from './mesh-selection.js';
export { logicalType, ODCS_API_VERSION, odcsContract } from './odcs.js';
export type { MeshProblem } from './problems.js';
export { downstreamOf, orderProjects, type ProjectEdge, projectEdges } from './project-order.js';
export {
  type BuildPublicationInput,
  buildPublication,
  type GroupInfo,
  type NodeOutcome,
  publishBlocker,
} from './publication.js';
export {
  odcsPath,
  publicationPath,
  type ReadPublicationResult,
  readAllPublications,
  readPublication,
  writeAtomically,
  writePublication,
} from './publication-store.js';
export * from './publication-types.js';
export { withRefHint } from './ref-hints.js';
export {
  findMeshRoot,
  loadMeshWorkspace,
  type ManifestProject,
  MESH_FILE,
  type MeshProject,
  type MeshResult,
  type MeshWorkspace,
} from './workspace.js';
