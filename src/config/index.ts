// Public face of src/config: reading a dbt project's files into typed, validated, positioned values.

export { type ConfigResourceType, knownConfigKeys } from './config-keys.js';
export {
  configForNode,
  configsAtLevel,
  type ResourceTypeName,
  resolveNodeConfig,
  treeLevels,
  treeNameFor,
} from './config-tree.js';
export { type DataTestEntry, readDataTest, readDataTests, TEST_CONFIG_ARGS } from './data-tests.js';
export {
  ConfigError,
  type ConfigErrorCode,
  type ConfigResult,
  type ConfigSeverity,
  Diagnostics,
  type Loc,
} from './errors.js';
export {
  type InstalledPackage,
  type InstallOptions,
  type InstallReport,
  installPackages,
} from './install.js';
export { LOCK_FILE_NAME, type LockFile, packagesHash, readLockFile } from './lock-file.js';
export {
  canonicalConfigKey,
  listify,
  MERGE_RULES,
  type MergeRule,
  mergeConfigs,
  mergeRuleFor,
} from './merge.js';
export {
  type GitPackageSpec,
  type HubPackageSpec,
  type LocalPackageSpec,
  loadPackagesSpec,
  type PackageSpec,
  type PackagesSpec,
  type PrivatePackageSpec,
  type ProjectDependency,
  type TarballPackageSpec,
} from './packages.js';
export {
  type LoadProfileOptions,
  loadProfile,
  PROFILES_FILE_NAME,
  type ProfileTarget,
  parseProfile,
  profilesSearchPath,
} from './profile.js';
export {
  type DispatchEntry,
  type LoadProjectOptions,
  loadProject,
  PROJECT_FILE_NAME,
  type ProjectConfig,
  type ProjectQuoting,
  parseProject,
  peekProjectProfile,
} from './project.js';
export { type ReadPropertiesOptions, readPropertiesFile } from './properties.js';
export type { MetricProperties, SemanticModelProperties } from './properties-semantic.js';
export type * from './properties-types.js';
export {
  baseRenderContext,
  EnvVarMissingError,
  makeEnvVar,
  makeVar,
  type RenderOptions,
  type RenderString,
  SECRET_ENV_PREFIX,
  SecretEnvVarLocationError,
  SecretMasker,
  VarMissingError,
} from './render.js';
export {
  loadSelectorsFile,
  parseSelectors,
  type SelectorDefinition,
  type SelectorsFile,
} from './selectors.js';
export { closestMatch, editDistance } from './suggest.js';
export { varsForPackage } from './vars.js';
export { parseYaml, type YamlSource } from './yaml-positions.js';
