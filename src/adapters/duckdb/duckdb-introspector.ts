/**
 * Reads DuckDB's catalog: schemas, relations, columns, query shapes and the docs catalog.
 * Names match case-insensitively, as DuckDB resolves identifiers (and as dbt-duckdb compares).
 */
import type { Relation } from '../relation.js';
import type { MakeRelation } from '../shared/adapter-support.js';
import type { AdapterSession, CatalogRow, ColumnInfo, ResultColumn } from '../types.js';

export class DuckDBIntrospector {
  constructor(
    private readonly session: Pick<AdapterSession, 'execute'>,
    private readonly makeRelation: MakeRelation,
  ) {}

  async listSchemas(database: string): Promise<string[]> {
    const result = await this.session.execute(
      'select schema_name from system.information_schema.schemata where lower(catalog_name) = lower(?) order by 1',
      [database],
    );
    return result.rows.map((row) => String(row[0]));
  }

  async schemaExists(database: string, schema: string): Promise<boolean> {
    const result = await this.session.execute(
      `select count(*) from system.information_schema.schemata
       where lower(catalog_name) = lower(?) and lower(schema_name) = lower(?)`,
      [database, schema],
    );
    return Number(result.rows[0]?.[0] ?? 0) > 0;
  }

  async listRelations(database: string, schema: string): Promise<Relation[]> {
    const result = await this.session.execute(
      `select table_catalog, table_schema, table_name, table_type
       from system.information_schema.tables
       where lower(table_catalog) = lower(?) and lower(table_schema) = lower(?)
       order by table_name`,
      [database, schema],
    );
    return result.rows.map((row) =>
      this.makeRelation({
        database: String(row[0]),
        schema: String(row[1]),
        identifier: String(row[2]),
        type: row[3] === 'VIEW' ? 'view' : 'table',
      }),
    );
  }

  async getRelation(database: string, schema: string, identifier: string): Promise<Relation | undefined> {
    const result = await this.session.execute(
      `select table_catalog, table_schema, table_name, table_type
       from system.information_schema.tables
       where lower(table_catalog) = lower(?) and lower(table_schema) = lower(?) and lower(table_name) = lower(?)`,
      [database, schema, identifier],
    );
    const row = result.rows[0];
    if (row === undefined) return undefined;
    return this.makeRelation({
      database: String(row[0]),
      schema: String(row[1]),
      identifier: String(row[2]),
      type: row[3] === 'VIEW' ? 'view' : 'table',
    });
  }

  /** Columns with DuckDB's type spelling (`DESCRIBE`, as dbt-duckdb reads them). */
  async getColumns(relation: Relation): Promise<ColumnInfo[]> {
    const result = await this.session.execute(
      `select column_name, column_type from (describe ${relation.render()})`,
    );
    return result.rows.map((row, i) => ({ name: String(row[0]), dataType: String(row[1]), index: i + 1 }));
  }

  /** `DESCRIBE <query>` binds the query and reports its columns without running it. */
  async describeQuery(sql: string): Promise<ResultColumn[]> {
    const result = await this.session.execute(`describe (\n${stripTrailingSemicolon(sql)}\n)`);
    return result.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
  }

  async getCatalog(database: string, schemas: string[]): Promise<CatalogRow[]> {
    if (schemas.length === 0) return [];
    const placeholders = schemas.map(() => 'lower(?)').join(', ');
    const result = await this.session.execute(
      `with tables as (
         select database_name, schema_name, table_name, 'BASE TABLE' as table_type, comment as table_comment,
                estimated_size
         from duckdb_tables()
         union all
         select database_name, schema_name, view_name, 'VIEW', comment, null
         from duckdb_views() where not internal
       )
       select t.database_name, t.schema_name, t.table_name, t.table_type, t.table_comment,
              c.column_name, c.column_index, c.data_type, c.comment, t.estimated_size
       from tables t
       join duckdb_columns() c
         on c.database_name = t.database_name and c.schema_name = t.schema_name and c.table_name = t.table_name
       where lower(t.database_name) = lower(?) and lower(t.schema_name) in (${placeholders})
       order by t.schema_name, t.table_name, c.column_index`,
      [database, ...schemas],
    );
    return result.rows.map((row) => ({
      tableDatabase: String(row[0]),
      tableSchema: String(row[1]),
      tableName: String(row[2]),
      tableType: String(row[3]),
      tableComment: (row[4] as string | null) ?? null,
      tableOwner: null,
      columnName: String(row[5]),
      columnIndex: Number(row[6]),
      columnType: String(row[7]),
      columnComment: (row[8] as string | null) ?? null,
      stats: rowCountStats(row[9]),
    }));
  }
}

/** DuckDB keeps an estimated row count per table; views have none. */
function rowCountStats(estimatedSize: unknown): CatalogRow['stats'] {
  if (estimatedSize === null || estimatedSize === undefined) return {};
  return {
    num_rows: { label: 'Approximate row count', value: Number(estimatedSize), include: true },
  };
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}
