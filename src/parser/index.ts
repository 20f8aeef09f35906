/** Walking projects into manifest-shaped nodes: the parser's public face. */

export { makeHookNode, makeModelNode, makeSqlOperationNode } from './node-defaults.js';
export * from './node-types.js';
export {
  checkParseIndex,
  type IndexCheck,
  type IndexedLine,
  insideMesh,
  PARSE_INDEX_FILE,
  type ParseIndexInputs,
  type ParseIndexRecord,
  parseIndexPath,
  removeParseIndex,
  stampsFor,
  stampWatched,
  type WatchedPaths,
  watchedPaths,
  writeParseIndex,
} from './parse-index.js';
export {
  dbtEnvironment,
  type ParsedProject,
  type ParseIssue,
  type ParseOptions,
  type ParseResult,
  type ParseStats,
  parseProject,
} from './parse-project.js';
export { buildExposures, buildGroups } from './parse-resources.js';
export { buildUnitTests } from './parse-unit-tests.js';
export { PARTIAL_PARSE_FILE, trackEnvReads } from './partial-parse.js';
export {
  buildSemanticLayer,
  type Metric,
  type SemanticLayer,
  type SemanticModel,
} from './semantic-resources.js';
export { createSession } from './session.js';
export { staticExtract } from './static-extract.js';
export { genericTestName, genericTestUniqueId } from './test-names.js';
export { loadWorkspace, type PackageProject, type Workspace } from './workspace.js';
