/**
 * Versioned schema migrations, applied in order when a store opens and recorded in
 * `schema_migrations`. Append new ones; never edit an applied one. The SQL is the subset DuckDB
 * and PostgreSQL share (text for JSON and timestamps keeps both stores byte-identical).
 */
import type { SqlConnection } from './sql-connection.js';
import type { MigrationRecord } from './types.js';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'domains, tokens, projects, publications',
    statements: [
      `create table domains (name text primary key, owner text not null, description text not null,
        created_at text not null)`,
      `create table tokens (id text primary key, domain text not null, salt text not null,
        hash text not null, created_at text not null, revoked_at text)`,
      `create table projects (name text primary key, domain text not null, registered_at text not null,
        latest_publication_id integer)`,
      'create sequence publication_ids start 1',
      `create table publications (id integer primary key default nextval('publication_ids'),
        project text not null, domain text not null, published_at text not null,
        received_at text not null, target_name text not null, previous_id integer,
        body text not null, breaking text not null, non_breaking text not null)`,
      'create index publications_project on publications (project)',
    ],
  },
  {
    version: 2,
    name: 'products and consumers of each publication',
    statements: [
      // One row per product per publication: versions, contracts, owners, relations, tests and
      // freshness of every build stay queryable without reading the publication bodies.
      `create table products (publication_id integer not null, project text not null, name text not null,
        version text, latest_version text, deprecation_date text, description text not null,
        owner_name text, group_name text, tags text not null, columns text not null,
        contract text not null, relations text not null, tests text not null,
        tests_passed integer not null, tests_failed integer not null, freshness text)`,
      'create index products_publication on products (publication_id)',
      `create table consumers (publication_id integer not null, project text not null,
        producer_project text not null, producer_name text not null, producer_version text,
        models text not null)`,
      'create index consumers_producer on consumers (producer_project, producer_name)',
    ],
  },
];

const SCHEMA_MIGRATIONS_TABLE =
  'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)';

/** Applies the migrations `connection` lacks; returns what is recorded afterwards. */
export async function applyMigrations(
  connection: SqlConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationRecord[]> {
  for (const migration of migrations) {
    await connection.transaction(async (tx) => {
      // Two servers opening one PostgreSQL at once: the second waits, then sees it applied.
      // (Even `create table if not exists` races on PostgreSQL without it.)
      if (connection.dialect === 'postgres') await tx.query('select pg_advisory_xact_lock(8484)');
      await tx.query(SCHEMA_MIGRATIONS_TABLE);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (done.length > 0) return;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
  }
  return readMigrations(connection);
}

export async function readMigrations(connection: SqlConnection): Promise<MigrationRecord[]> {
  const rows = await connection.query(
    'select version, name, applied_at from schema_migrations order by version',
  );
  return rows.map((r) => ({
    version: Number(r.version),
    name: String(r.name),
    applied_at: String(r.applied_at),
  }));
}
