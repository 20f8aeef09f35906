// Public face of src/artifacts: building, writing and reading dbt-shaped artifacts.

export {
  buildCatalog,
  CATALOG_SCHEMA_URL,
  type Catalog,
  type CatalogMember,
  type CatalogTable,
} from './catalog.js';
export { ArtifactError, type ArtifactErrorCode, type ArtifactResult } from './errors.js';
export { buildGroupMap, buildParentChildMaps, type EdgeMember, type ParentChildMaps } from './graph-maps.js';
export {
  type BuildManifestInput,
  buildManifest,
  buildManifestMetadata,
  type Manifest,
  type ManifestMetadata,
  type ManifestMetadataInit,
  projectId,
} from './manifest.js';
export {
  type BaseArtifactMetadata,
  type BaseMetadataInit,
  customEnvFrom,
  DEFAULT_DBT_VERSION,
  formatIsoOffset,
  formatTimestamp,
  SCHEMA_URLS,
  TESSERA_VERSION,
} from './metadata.js';
export {
  READABLE_MANIFEST_VERSIONS,
  READABLE_RUN_RESULTS_VERSIONS,
  readManifest,
  readRunResults,
} from './read.js';
export {
  type BatchResults,
  type BuildRunResultsInput,
  buildRunResults,
  DEFAULT_THREAD_ID,
  type FreshnessStatus,
  type ResultStatus,
  type RunResultInput,
  type RunResultOutput,
  type RunResultsArtifact,
  type RunStatus,
  type TestStatus,
  type TimingInfo,
  type TimingInput,
  toRunResultOutput,
} from './run-results.js';
export {
  buildSourcesArtifact,
  type FreshnessResult,
  type FreshnessTime,
  SOURCES_SCHEMA_URL,
  type SourcesArtifact,
} from './sources-json.js';
export {
  ARTIFACT_FILE_NAMES,
  rememberJson,
  type WriteJsonOptions,
  writeJsonAtomic,
  writeJsonAtomicSync,
  writeManifest,
  writeRunResults,
} from './write.js';
