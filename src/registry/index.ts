/** The data product registry: stores, HTTP API and auth (see README's Registry section). */
export {
  listProducts,
  type ProductFilter,
  type ProductSummary,
  productDetail,
  qualityScore,
} from './catalog.js';
export { type PublishResponse, RegistryClient, RegistryClientError } from './client.js';
export { comparePublications } from './diff.js';
export { ApiError } from './errors.js';
export { focusGraph, type LineageGraph, modelGraph, projectGraph } from './lineage.js';
export { parsePublication, publicationSchema } from './publication-schema.js';
export { API_PREFIX, createRegistryServer, type RegistryServerOptions } from './server.js';
export * from './store/index.js';
export { issueToken, parseToken } from './tokens.js';
