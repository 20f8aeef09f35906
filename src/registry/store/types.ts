/**
 * The registry's storage, seen from the API: domains, their tokens, projects and every
 * publication ever received (never overwritten), with the products, consumers and the
 * breaking-change report of each. Two implementations share this interface: embedded DuckDB
 * (the default, no server needed) and PostgreSQL.
 */
import type { ChangeKind, Publication } from '../../mesh/index.js';

export interface DomainRecord {
  name: string;
  owner: string;
  description: string;
  created_at: string;
}

export interface TokenRecord {
  id: string;
  domain: string;
  /** Hex salt and hex sha256(salt + secret): the secret itself is never stored. */
  salt: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ProjectRecord {
  name: string;
  domain: string;
  registered_at: string;
  latest_publication_id: number | null;
}

/**
 * The mesh's change kinds (see `diffPublications`), plus `model_added` for a product published
 * for the first time, which the mesh's diff does not list.
 */
export type RegistryChangeKind = ChangeKind | 'model_added';

/** One change between two publications of a project. */
export interface ChangeEntry {
  kind: RegistryChangeKind;
  /** `<project>.<name>` of the product (with `.v<version>` for a versioned one). */
  product: string;
  column?: string;
  from?: string | null;
  to?: string | null;
  message: string;
}

export interface ChangeReport {
  breaking: ChangeEntry[];
  non_breaking: ChangeEntry[];
}

/** A stored publication with what the registry learned when it arrived. */
export interface StoredPublication extends ChangeReport {
  id: number;
  project: string;
  domain: string;
  published_at: string;
  received_at: string;
  target_name: string;
  /** The id of the publication this one was compared with, if any. */
  previous_id: number | null;
  publication: Publication;
}

export type PublicationSummary = Omit<StoredPublication, 'publication'> & { product_count: number };

export interface MigrationRecord {
  version: number;
  name: string;
  applied_at: string;
}

export interface PublishInput {
  domain: string;
  publication: Publication;
  receivedAt: string;
  /** Computes the change report against the project's previous publication (inside the transaction). */
  compare: (previous: Publication | undefined, next: Publication) => ChangeReport;
}

export type PublishOutcome =
  | { ok: true; stored: StoredPublication }
  /** The project belongs to another domain. */
  | { ok: false; ownerDomain: string };

export interface RegistryStore {
  readonly kind: 'duckdb' | 'postgres';
  migrations(): Promise<MigrationRecord[]>;
  /** False when a domain of that name exists already. */
  createDomain(domain: DomainRecord): Promise<boolean>;
  domains(): Promise<DomainRecord[]>;
  domain(name: string): Promise<DomainRecord | undefined>;
  addToken(token: TokenRecord): Promise<void>;
  token(id: string): Promise<TokenRecord | undefined>;
  /** False when no live token has that id. */
  revokeToken(id: string, at: string): Promise<boolean>;
  projects(): Promise<ProjectRecord[]>;
  project(name: string): Promise<ProjectRecord | undefined>;
  /** Registers the project to the domain on its first publish; all in one transaction. */
  publish(input: PublishInput): Promise<PublishOutcome>;
  /** The newest publication of every project. */
  latestPublications(): Promise<StoredPublication[]>;
  /** A project's publications, newest first. */
  history(project: string): Promise<PublicationSummary[]>;
  publication(id: number): Promise<StoredPublication | undefined>;
  close(): Promise<void>;
}
