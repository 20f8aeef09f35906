/** What each command does, as library functions: the CLI is a thin layer over these. */

export { type CompiledNode, compileInline, compileNodes } from './compile-command.js';
export { type DocsGenerateOptions, docsGenerate } from './docs-command.js';
export { CommandError, formatProblem, type Problem } from './errors.js';
export { type FreshnessOutcome, sourceFreshness } from './freshness-command.js';
export {
  connect,
  type Invocation,
  type InvocationOptions,
  type OpenedConfig,
  openConfig,
  openInvocation,
} from './invocation.js';
export { type ListOutput, listNodes } from './list-command.js';
export { meshCheck } from './mesh-check-command.js';
export {
  MESH_ROOT_ENV,
  type MeshProjectOptions,
  type MeshProjectOutcome,
  type MeshRunOptions,
  type MeshRunOutcome,
  openMesh,
  openMeshProject,
  openProject,
  runMesh,
  upstreamPublications,
} from './mesh-command.js';
export { type MeshDiffOptions, meshDiff } from './mesh-diff-command.js';
export { BUNDLED_WEB_ROOT, type DocsSite, projectDocsSite, staticDocsHtml } from './mesh-docs-site.js';
export { runConsumerExpectations } from './mesh-expectations.js';
export { MeshSelector, meshSelectedNodes, type ProjectSelection } from './mesh-select.js';
export {
  folderSource,
  type PublicationSource,
  publicationSource,
  REGISTRY_URL_ENV,
  registrySource,
} from './mesh-sources.js';
export {
  candidatePublication,
  declaredExpectations,
  type PublishOptions,
  type PublishOutcome,
  publishLastBuild,
  publishProject,
} from './publish-command.js';
export {
  buildTestEdges,
  type RunCommandOptions,
  type RunOutcome,
  runCommand,
  writeArtifacts,
} from './run-command.js';
export { runOperation } from './run-operation.js';
export { COMMAND_TYPES, type SelectionFlags, selectFor } from './selection.js';
export { formatTable, showQuery } from './show-command.js';
