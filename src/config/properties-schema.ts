import { z } from 'zod';

// Shapes of properties-YAML entries. Only scalar types are checked here; lists of columns and tests
// are read by hand so every element keeps its own position. Unknown keys are warnings (dbt 1.10+
// warns and ignores them), reported from the key lists below.

const dict = z.record(z.string(), z.unknown());
const text = z.string().nullish();
const tagList = z.union([z.string(), z.array(z.string())]).nullish();
const list = z.array(z.unknown()).nullish();
const owner = z
  .object({ name: z.string().nullish(), email: z.union([z.string(), z.array(z.string())]).nullish() })
  .loose();

export const docsSchema = z.object({ show: z.boolean().optional(), node_color: z.string().optional() });

const nodeShape = {
  name: z.string(),
  description: text,
  config: dict.nullish(),
  columns: list,
  data_tests: list,
  tests: list,
  docs: docsSchema.nullish(),
  meta: dict.nullish(),
  tags: tagList,
};

export const columnSchema = z.object({
  name: z.string(),
  description: text,
  data_type: text,
  constraints: list,
  data_tests: list,
  tests: list,
  meta: dict.nullish(),
  tags: tagList,
  quote: z.boolean().nullish(),
  config: dict.nullish(),
  granularity: text,
  policy_tags: z.array(z.string()).nullish(),
  docs: docsSchema.nullish(),
});

export const constraintSchema = z
  .object({
    type: z.string(),
    name: text,
    expression: z.unknown().optional(),
    columns: z.array(z.string()).nullish(),
    to: text,
    to_columns: z.array(z.string()).nullish(),
    warn_unenforced: z.boolean().nullish(),
    warn_unsupported: z.boolean().nullish(),
  })
  .loose();

const versionValue = z.union([z.string(), z.number()]);

export const modelVersionSchema = z.object({
  v: versionValue,
  defined_in: text,
  description: text,
  config: dict.nullish(),
  columns: list,
  data_tests: list,
  tests: list,
  constraints: list,
  docs: docsSchema.nullish(),
  meta: dict.nullish(),
  tags: tagList,
  access: text,
  deprecation_date: z.union([z.string(), z.date()]).nullish(),
});

export const modelSchema = z.object({
  ...nodeShape,
  constraints: list,
  access: z.enum(['private', 'protected', 'public']).nullish(),
  group: text,
  latest_version: versionValue.nullish(),
  versions: list,
  deprecation_date: z.union([z.string(), z.date()]).nullish(),
  time_spine: z.unknown().optional(),
});

export const seedSchema = z.object(nodeShape);
export const snapshotSchema = z.object({ ...nodeShape, relation: text });
export const analysisSchema = z.object(nodeShape);
export const singularTestSchema = z.object({ name: z.string(), description: text, config: dict.nullish() });

export const macroSchema = z.object({
  name: z.string(),
  description: text,
  arguments: z.array(z.object({ name: z.string(), type: text, description: text })).nullish(),
  docs: docsSchema.nullish(),
  meta: dict.nullish(),
});

const freshnessRule = z.object({ count: z.number(), period: z.enum(['minute', 'hour', 'day']) }).nullish();
export const freshnessSchema = z
  .object({ warn_after: freshnessRule, error_after: freshnessRule, filter: text })
  .nullish();

const quoting = z
  .object({
    database: z.boolean().nullish(),
    schema: z.boolean().nullish(),
    identifier: z.boolean().nullish(),
  })
  .nullish();

export const sourceTableSchema = z.object({
  name: z.string(),
  identifier: text,
  description: text,
  columns: list,
  data_tests: list,
  tests: list,
  freshness: freshnessSchema,
  loaded_at_field: text,
  loaded_at_query: text,
  external: dict.nullish(),
  meta: dict.nullish(),
  tags: tagList,
  config: dict.nullish(),
  quoting,
  docs: docsSchema.nullish(),
});

export const sourceSchema = z.object({
  name: z.string(),
  description: text,
  database: text,
  schema: text,
  loader: text,
  loaded_at_field: text,
  loaded_at_query: text,
  freshness: freshnessSchema,
  quoting,
  tables: list,
  meta: dict.nullish(),
  tags: tagList,
  config: dict.nullish(),
  overrides: text,
});

export const exposureSchema = z.object({
  name: z.string(),
  type: z.enum(['dashboard', 'notebook', 'analysis', 'ml', 'application']),
  owner,
  label: text,
  description: text,
  url: text,
  maturity: z.enum(['low', 'medium', 'high']).nullish(),
  depends_on: z.array(z.string()).nullish(),
  meta: dict.nullish(),
  tags: tagList,
  config: dict.nullish(),
});

export const groupSchema = z.object({ name: z.string(), owner, description: text, config: dict.nullish() });

const fixtureRows = z.union([z.string(), z.array(dict)]).nullish();
const fixtureFormat = z.enum(['dict', 'csv', 'sql']).nullish();

export const unitTestSchema = z.object({
  name: z.string(),
  model: z.string(),
  description: text,
  given: z
    .array(z.object({ input: z.string(), rows: fixtureRows, format: fixtureFormat, fixture: text }))
    .nullish(),
  expect: z.object({ rows: fixtureRows, format: fixtureFormat, fixture: text }),
  overrides: z.object({ macros: dict.nullish(), vars: dict.nullish(), env_vars: dict.nullish() }).nullish(),
  config: dict.nullish(),
  versions: z
    .object({ include: z.array(versionValue).nullish(), exclude: z.array(versionValue).nullish() })
    .nullish(),
});

/** The keys an object schema knows, for unknown-key checks and suggestions. */
export function keysOf(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

export const PROPERTIES_TOP_LEVEL_KEYS = [
  'version',
  'models',
  'sources',
  'seeds',
  'snapshots',
  'analyses',
  'macros',
  'exposures',
  'groups',
  'unit_tests',
  'data_tests',
  'semantic_models',
  'metrics',
  'saved_queries',
  'functions',
] as const;
