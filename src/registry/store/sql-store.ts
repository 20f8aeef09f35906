/**
 * The registry store over any `SqlConnection`: the same SQL on DuckDB and PostgreSQL. A publish
 * locks its project's row (or runs alone, on DuckDB), compares with the previous publication,
 * and writes the publication, its products and its consumers in one transaction.
 */
import type { DataProduct, Publication } from '../../mesh/index.js';
import { applyMigrations, readMigrations } from './migrations.js';
import type { Row, SqlConnection, SqlExecutor } from './sql-connection.js';
import type {
  DomainRecord,
  MigrationRecord,
  ProjectRecord,
  PublicationSummary,
  PublishInput,
  PublishOutcome,
  RegistryStore,
  StoredPublication,
  TokenRecord,
} from './types.js';

const PUBLICATION_COLUMNS =
  'id, project, domain, published_at, received_at, target_name, previous_id, body, breaking, non_breaking';

export async function openSqlStore(connection: SqlConnection): Promise<RegistryStore> {
  await applyMigrations(connection);
  return new SqlStore(connection);
}

class SqlStore implements RegistryStore {
  readonly kind: 'duckdb' | 'postgres';

  constructor(private readonly db: SqlConnection) {
    this.kind = db.dialect;
  }

  migrations(): Promise<MigrationRecord[]> {
    return readMigrations(this.db);
  }

  async createDomain(domain: DomainRecord): Promise<boolean> {
    const rows = await this.db.query(
      `insert into domains (name, owner, description, created_at) values ($1, $2, $3, $4)
       on conflict do nothing returning name`,
      [domain.name, domain.owner, domain.description, domain.created_at],
    );
    return rows.length === 1;
  }

  async domains(): Promise<DomainRecord[]> {
    return (await this.db.query('select * from domains order by name')).map(toDomain);
  }

  async domain(name: string): Promise<DomainRecord | undefined> {
    const rows = await this.db.query('select * from domains where name = $1', [name]);
    return rows[0] && toDomain(rows[0]);
  }

  async addToken(token: TokenRecord): Promise<void> {
    await this.db.query(
      'insert into tokens (id, domain, salt, hash, created_at, revoked_at) values ($1, $2, $3, $4, $5, $6)',
      [token.id, token.domain, token.salt, token.hash, token.created_at, token.revoked_at],
    );
  }

  async token(id: string): Promise<TokenRecord | undefined> {
    const rows = await this.db.query('select * from tokens where id = $1', [id]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: String(r.id),
      domain: String(r.domain),
      salt: String(r.salt),
      hash: String(r.hash),
      created_at: String(r.created_at),
      revoked_at: r.revoked_at === null ? null : String(r.revoked_at),
    };
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const rows = await this.db.query(
      'update tokens set revoked_at = $2 where id = $1 and revoked_at is null returning id',
      [id, at],
    );
    return rows.length === 1;
  }

  async projects(): Promise<ProjectRecord[]> {
    return (await this.db.query('select * from projects order by name')).map(toProject);
  }

  async project(name: string): Promise<ProjectRecord | undefined> {
    const rows = await this.db.query('select * from projects where name = $1', [name]);
    return rows[0] && toProject(rows[0]);
  }

  publish(input: PublishInput): Promise<PublishOutcome> {
    const { publication, domain, receivedAt } = input;
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into projects (name, domain, registered_at, latest_publication_id) values ($1, $2, $3, null)
         on conflict do nothing`,
        [publication.project, domain, receivedAt],
      );
      const [project] = await tx.query(`select * from projects where name = $1${this.db.lockRows}`, [
        publication.project,
      ]);
      if (!project) throw new Error(`project ${publication.project} vanished during its publish`);
      if (project.domain !== domain) return { ok: false, ownerDomain: String(project.domain) };
      const previousId =
        project.latest_publication_id === null ? null : Number(project.latest_publication_id);
      const previous = previousId === null ? undefined : await readPublication(tx, previousId);
      const report = input.compare(previous?.publication, publication);
      const [inserted] = await tx.query(
        `insert into publications (project, domain, published_at, received_at, target_name, previous_id,
           body, breaking, non_breaking)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [
          publication.project,
          domain,
          publication.published_at,
          receivedAt,
          publication.target_name,
          previousId,
          JSON.stringify(publication),
          JSON.stringify(report.breaking),
          JSON.stringify(report.non_breaking),
        ],
      );
      const id = Number(inserted?.id);
      for (const product of publication.products) await insertProduct(tx, id, publication.project, product);
      for (const consumed of publication.consumes)
        await tx.query(
          `insert into consumers (publication_id, project, producer_project, producer_name, producer_version, models)
           values ($1, $2, $3, $4, $5, $6)`,
          [
            id,
            publication.project,
            consumed.project,
            consumed.name,
            textOrNull(consumed.version),
            JSON.stringify(consumed.consumers),
          ],
        );
      await tx.query('update projects set latest_publication_id = $2 where name = $1', [
        publication.project,
        id,
      ]);
      const stored: StoredPublication = {
        id,
        project: publication.project,
        domain,
        published_at: publication.published_at,
        received_at: receivedAt,
        target_name: publication.target_name,
        previous_id: previousId,
        publication,
        ...report,
      };
      return { ok: true, stored };
    });
  }

  async latestPublications(): Promise<StoredPublication[]> {
    const rows = await this.db.query(
      `select ${prefixed('p')} from publications p join projects j on j.latest_publication_id = p.id
       order by p.project`,
    );
    return rows.map(toPublication);
  }

  async history(project: string): Promise<PublicationSummary[]> {
    const rows = await this.db.query(
      `select ${prefixed('p')}, (select count(*) from products x where x.publication_id = p.id) as product_count
       from publications p where p.project = $1 order by p.id desc`,
      [project],
    );
    return rows.map((r) => {
      const { publication: _p, ...summary } = toPublication(r);
      return { ...summary, product_count: Number(r.product_count) };
    });
  }

  publication(id: number): Promise<StoredPublication | undefined> {
    return readPublication(this.db, id);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function readPublication(db: SqlExecutor, id: number): Promise<StoredPublication | undefined> {
  const rows = await db.query(`select ${PUBLICATION_COLUMNS} from publications where id = $1`, [id]);
  return rows[0] && toPublication(rows[0]);
}

async function insertProduct(tx: SqlExecutor, publicationId: number, project: string, p: DataProduct) {
  const passed = p.tests.filter((t) => t.status === 'pass' || t.status === 'warn').length;
  const failed = p.tests.filter((t) => t.status === 'fail' || t.status === 'error').length;
  await tx.query(
    `insert into products (publication_id, project, name, version, latest_version, deprecation_date,
       description, owner_name, group_name, tags, columns, contract, relations, tests, tests_passed,
       tests_failed, freshness)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      publicationId,
      project,
      p.name,
      textOrNull(p.version),
      textOrNull(p.latest_version),
      p.deprecation_date,
      p.description,
      p.owner?.name ?? null,
      p.group,
      JSON.stringify(p.tags),
      p.contract.columns.map((c) => c.name).join(' '),
      JSON.stringify(p.contract),
      JSON.stringify(p.relations),
      JSON.stringify(p.tests),
      passed,
      failed,
      p.freshness === null || p.freshness === undefined ? null : JSON.stringify(p.freshness),
    ],
  );
}

function textOrNull(value: string | number | null): string | null {
  return value === null ? null : String(value);
}

function prefixed(alias: string): string {
  return PUBLICATION_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

function toDomain(r: Row): DomainRecord {
  return {
    name: String(r.name),
    owner: String(r.owner),
    description: String(r.description),
    created_at: String(r.created_at),
  };
}

function toProject(r: Row): ProjectRecord {
  return {
    name: String(r.name),
    domain: String(r.domain),
    registered_at: String(r.registered_at),
    latest_publication_id: r.latest_publication_id === null ? null : Number(r.latest_publication_id),
  };
}

function toPublication(r: Row): StoredPublication {
  return {
    id: Number(r.id),
    project: String(r.project),
    domain: String(r.domain),
    published_at: String(r.published_at),
    received_at: String(r.received_at),
    target_name: String(r.target_name),
    previous_id: r.previous_id === null ? null : Number(r.previous_id),
    publication: JSON.parse(String(r.body)) as Publication,
    breaking: JSON.parse(String(r.breaking)),
    non_breaking: JSON.parse(String(r.non_breaking)),
  };
}
