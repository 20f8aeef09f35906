/**
 * The shape of a publication: what one project offers the rest of the mesh after a good build
 * (`<publications>/<project>.json`). Field names are snake_case like dbt's artifacts.
 */

export const PUBLICATION_FORMAT = 'tessera.publication/v1';

/** Where a product lives in one environment (a target name of the producer's profile). */
export interface PublishedRelation {
  database: string | null;
  schema: string;
  identifier: string;
  /** Rendered and quoted, as a consumer's SQL will use it. */
  relation_name: string;
  /** Where the warehouse is, without secrets: DuckDB `path`; `host`, `port`, `dbname` otherwise. */
  connection?: Record<string, string | number>;
}

export interface PublishedConstraint {
  type: string;
  name: string | null;
  expression: string | null;
  to: string | null;
  to_columns: string[];
  /** Model-level constraints name their columns. */
  columns?: string[];
}

export interface PublishedColumn {
  name: string;
  data_type: string | null;
  description: string;
  constraints: PublishedConstraint[];
}

export interface PublishedTest {
  unique_id: string;
  /** `not_null`, `unique`, `accepted_values`, … or the singular test's name. */
  test_name: string;
  column_name: string | null;
  kwargs: Record<string, unknown>;
  /** Status in the build that published (`pass`, `fail`, `warn`, `error`, `skipped`, `not run`). */
  status: string;
  failures: number | null;
}

export interface Owner {
  name?: string;
  email?: string | string[];
}

/** One public model: a data product. */
export interface DataProduct {
  unique_id: string;
  name: string;
  version: string | number | null;
  latest_version: string | number | null;
  deprecation_date: string | null;
  access: 'public';
  group: string | null;
  owner: Owner | null;
  description: string;
  materialized: string;
  /** By target name (`prod`, `dev`, …): merged with the relations of earlier publications. */
  relations: Record<string, PublishedRelation>;
  contract: {
    enforced: boolean;
    columns: PublishedColumn[];
    constraints: PublishedConstraint[];
    primary_key: string[];
  };
  tests: PublishedTest[];
  /** `config.freshness` or `meta.freshness` of the model, as written. */
  freshness: unknown;
  tags: string[];
  meta: Record<string, unknown>;
}

/** A model other projects may not reference: listed so their error can say why. */
export interface RestrictedModel {
  name: string;
  version: string | number | null;
  access: string;
  group: string | null;
}

/** A cross-project ref the publishing project makes. */
export interface ConsumedProduct {
  project: string;
  name: string;
  version: string | number | null;
  /** unique_ids of the nodes of this project that read it. */
  consumers: string[];
}

export interface Publication {
  format: typeof PUBLICATION_FORMAT;
  project: string;
  /** Target the last publication was built in. */
  target_name: string;
  adapter_type: string;
  published_at: string;
  invocation_id: string;
  tessera_version: string;
  products: DataProduct[];
  restricted: RestrictedModel[];
  consumes: ConsumedProduct[];
  /** Tests this project expects its upstream products to pass (absent in older publications). */
  expectations?: ConsumerExpectation[];
}

/**
 * A consumer-driven expectation: one data test the publishing project declared (in its
 * dependencies.yml) on a product of an upstream project. The producer runs it before publishing.
 */
export interface ConsumerExpectation {
  /** The upstream project that owns the product. */
  project: string;
  product: string;
  version: string | number | null;
  column_name: string | null;
  /** Generic test name (`not_null`, `accepted_values`, `dbt_utils.expression_is_true`). */
  test_name: string;
  kwargs: Record<string, unknown>;
  /** Test configs written with it (`severity`, `where`, …). */
  config: Record<string, unknown>;
  /** Where the consumer wrote it, relative to the consumer's project folder. */
  file: string;
  line: number;
}
