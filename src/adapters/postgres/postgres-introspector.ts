/**
 * Reads PostgreSQL's catalog (`pg_catalog`): schemas, relations, columns, query shapes and the
 * docs catalog. A connection sees one database, so `database` arguments name the connection's.
 * Names match exactly when such a relation exists, else case-insensitively (as dbt compares).
 */
import type { Relation, RelationType } from '../relation.js';
import type { MakeRelation } from '../shared/adapter-support.js';
import type { AdapterSession, CatalogRow, ColumnInfo, ResultColumn } from '../types.js';

/** A result field as the server describes it: name, type OID and type modifier. */
export interface DescribedField {
  name: string;
  typeOid: number;
  typeModifier: number;
}

/** What the introspector needs: statements, and the raw field list of a query's result. */
export interface IntrospectionSession extends Pick<AdapterSession, 'execute'> {
  describeFields(sql: string): Promise<DescribedField[]>;
}

/** Relation kinds we list (`pg_class.relkind`) and what they are to dbt. */
const RELKIND_TYPES: Record<string, RelationType> = {
  r: 'table',
  p: 'table',
  f: 'table',
  v: 'view',
  m: 'materialized_view',
};
const LISTED_RELKINDS = `('r', 'p', 'f', 'v', 'm')`;
/** SQLSTATE duplicate_column: a view cannot have two columns of one name. */
const DUPLICATE_COLUMN = '42701';

export class PostgresIntrospector {
  constructor(
    private readonly session: IntrospectionSession,
    private readonly makeRelation: MakeRelation,
  ) {}

  async listSchemas(_database: string): Promise<string[]> {
    const result = await this.session.execute(
      `select nspname from pg_catalog.pg_namespace
       where nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%' order by 1`,
    );
    return result.rows.map((row) => String(row[0]));
  }

  async schemaExists(_database: string, schema: string): Promise<boolean> {
    const result = await this.session.execute(
      'select count(*) from pg_catalog.pg_namespace where lower(nspname) = lower(?)',
      [schema],
    );
    return Number(result.rows[0]?.[0] ?? 0) > 0;
  }

  async listRelations(database: string, schema: string): Promise<Relation[]> {
    const result = await this.session.execute(
      `select n.nspname, c.relname, c.relkind
       from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where lower(n.nspname) = lower(?) and c.relkind in ${LISTED_RELKINDS}
       order by c.relname`,
      [schema],
    );
    return result.rows.map((row) => this.toRelation(database, row));
  }

  async getRelation(database: string, schema: string, identifier: string): Promise<Relation | undefined> {
    const result = await this.session.execute(
      `select n.nspname, c.relname, c.relkind
       from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where lower(n.nspname) = lower(?) and lower(c.relname) = lower(?) and c.relkind in ${LISTED_RELKINDS}
       order by (n.nspname = ? and c.relname = ?) desc, n.nspname, c.relname
       limit 1`,
      [schema, identifier, schema, identifier],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : this.toRelation(database, row);
  }

  /** Columns in `format_type` spelling (`character varying(10)`, `numeric(10,2)`); none when missing. */
  async getColumns(relation: Relation): Promise<ColumnInfo[]> {
    const result = await this.session.execute(
      `select a.attname, format_type(a.atttypid, a.atttypmod)
       from pg_catalog.pg_attribute a
       where a.attrelid = to_regclass(?) and a.attnum > 0 and not a.attisdropped
       order by a.attnum`,
      [relation.include({ database: false }).render()],
    );
    return result.rows.map((row, i) => ({ name: String(row[0]), dataType: String(row[1]), index: i + 1 }));
  }

  /**
   * The query's columns without running it: a temporary view is bound (never planned, so no
   * expression is evaluated) and rolled back. Duplicate column names cannot make a view; then
   * the columns come from an empty run (`where false limit 0`, as dbt-postgres does).
   */
  async describeQuery(sql: string): Promise<ResultColumn[]> {
    const body = sql.replace(/;\s*$/, '');
    await this.session.execute('begin');
    try {
      await this.session.execute(`create temporary view "__tessera_describe" as\n${body}`);
      const result = await this.session.execute(
        `select attname, format_type(atttypid, atttypmod) from pg_catalog.pg_attribute
         where attrelid = 'pg_temp.__tessera_describe'::regclass and attnum > 0 order by attnum`,
      );
      return result.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== DUPLICATE_COLUMN) throw error;
    } finally {
      await this.session.execute('rollback');
    }
    return this.describeByEmptyRun(body);
  }

  private async describeByEmptyRun(body: string): Promise<ResultColumn[]> {
    const fields = await this.session.describeFields(
      `select * from (\n${body}\n) as __dbt_sbq where false limit 0`,
    );
    if (fields.length === 0) return [];
    const types = await this.session.execute(
      `select format_type(t.oid, t.modifier)
       from unnest(?::oid[], ?::int[]) with ordinality as t(oid, modifier, n) order by t.n`,
      [fields.map((field) => field.typeOid), fields.map((field) => field.typeModifier)],
    );
    return fields.map((field, i) => ({ name: field.name, type: String(types.rows[i]?.[0] ?? 'unknown') }));
  }

  async getCatalog(database: string, schemas: string[]): Promise<CatalogRow[]> {
    if (schemas.length === 0) return [];
    const result = await this.session.execute(
      `select n.nspname, c.relname,
              case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'BASE TABLE' end,
              obj_description(c.oid, 'pg_class'), pg_get_userbyid(c.relowner),
              a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum)
       from pg_catalog.pg_namespace n
       join pg_catalog.pg_class c on c.relnamespace = n.oid
       join pg_catalog.pg_attribute a on a.attrelid = c.oid
       where lower(n.nspname) = any(?::text[]) and c.relkind in ${LISTED_RELKINDS}
         and not pg_is_other_temp_schema(n.oid) and a.attnum > 0 and not a.attisdropped
       order by n.nspname, c.relname, a.attnum`,
      [schemas.map((schema) => schema.toLowerCase())],
    );
    return result.rows.map((row) => ({
      tableDatabase: database,
      tableSchema: String(row[0]),
      tableName: String(row[1]),
      tableType: String(row[2]),
      tableComment: (row[3] as string | null) ?? null,
      tableOwner: (row[4] as string | null) ?? null,
      columnName: String(row[5]),
      columnIndex: Number(row[6]),
      columnType: String(row[7]),
      columnComment: (row[8] as string | null) ?? null,
      // dbt-postgres reports no statistics.
      stats: {},
    }));
  }

  private toRelation(database: string, row: unknown[]): Relation {
    return this.makeRelation({
      database,
      schema: String(row[0]),
      identifier: String(row[1]),
      type: RELKIND_TYPES[String(row[2])] ?? 'table',
    });
  }
}
