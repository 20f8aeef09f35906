/** DuckDB SQL text for materializations. Pure functions of their inputs: nothing runs here. */
import { contractColumnDefinition, contractColumnName } from '../contract-ddl.js';
import { quoteIdentifier, type Relation } from '../relation.js';
import type { CreateTableOptions, SqlDialect } from '../types.js';
import { normalizeDuckDBType } from './duckdb-types.js';

/** Aliases dbt's incremental SQL gives target and source; user predicates refer to them. */
const DEST = 'DBT_INTERNAL_DEST';
const SOURCE = 'DBT_INTERNAL_SOURCE';

export class DuckDBDialect implements SqlDialect {
  quote(identifier: string): string {
    return quoteIdentifier(identifier, '"');
  }

  literal(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
  }

  createSchema(database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.schemaPath(database, schema)}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.schemaPath(database, schema)} cascade`;
  }

  createTableAs(relation: Relation, sql: string, options: CreateTableOptions = {}): string[] {
    // DuckDB keeps temp tables in its own catalog: they cannot be qualified.
    const name = options.temporary
      ? relation.include({ database: false, schema: false }).render()
      : relation.render();
    const kind = options.temporary ? 'create temp table' : 'create table';
    const contract = options.contract;
    if (contract === undefined || contract.columns.length === 0) return [`${kind} ${name} as (\n${sql}\n)`];
    const columnNames = contract.columns
      .map((column) => contractColumnName(column, (id) => this.quote(id)))
      .join(', ');
    const definitions = contract.columns
      .map((column) => contractColumnDefinition(column, (id) => this.quote(id)))
      .join(',\n  ');
    return [
      `${kind} ${name} (\n  ${definitions}\n)`,
      `insert into ${name} (${columnNames}) (\n  select ${columnNames} from (\n${sql}\n  ) as model_subq\n)`,
    ];
  }

  createViewAs(relation: Relation, sql: string): string {
    return `create view ${relation.render()} as (\n${sql}\n)`;
  }

  dropRelation(relation: Relation): string {
    return `drop ${relation.type === 'view' ? 'view' : 'table'} if exists ${relation.render()} cascade`;
  }

  renameRelation(from: Relation, toIdentifier: string): string {
    return `alter ${from.type === 'view' ? 'view' : 'table'} ${from.render()} rename to ${this.quote(toIdentifier)}`;
  }

  truncate(relation: Relation): string {
    return `truncate ${relation.render()}`;
  }

  insertInto(target: Relation, source: Relation, columns: string[]): string {
    const list = this.columnList(columns);
    return `insert into ${target.render()} (${list}) (\n  select ${list} from ${source.render()}\n)`;
  }

  merge(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates: string[] = [],
  ): string[] {
    const on = [
      ...uniqueKey.map((key) => `${SOURCE}.${this.quote(key)} = ${DEST}.${this.quote(key)}`),
      ...predicates,
    ];
    const updates = columns.map((column) => `${this.quote(column)} = ${SOURCE}.${this.quote(column)}`);
    const list = this.columnList(columns);
    const values = columns.map((column) => `${SOURCE}.${this.quote(column)}`).join(', ');
    return [
      [
        `merge into ${target.render()} as ${DEST}`,
        `using ${source.render()} as ${SOURCE}`,
        `on (${on.join(' and ')})`,
        `when matched then update set ${updates.join(', ')}`,
        `when not matched then insert (${list}) values (${values})`,
      ].join('\n'),
    ];
  }

  deleteInsert(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates: string[] = [],
  ): string[] {
    const statements: string[] = [];
    if (uniqueKey.length > 0) {
      const match = uniqueKey.map((key) => `${SOURCE}.${this.quote(key)} = ${DEST}.${this.quote(key)}`);
      statements.push(
        `delete from ${target.render()} as ${DEST}\nusing ${source.render()} as ${SOURCE}\nwhere ${[...match, ...predicates].join('\n  and ')}`,
      );
    } else if (predicates.length > 0) {
      statements.push(`delete from ${target.render()} as ${DEST}\nwhere ${predicates.join('\n  and ')}`);
    }
    statements.push(this.insertInto(target, source, columns));
    return statements;
  }

  addColumns(relation: Relation, columns: { name: string; dataType: string }[]): string[] {
    return columns.map(
      (column) => `alter table ${relation.render()} add column ${this.quote(column.name)} ${column.dataType}`,
    );
  }

  dropColumns(relation: Relation, columns: string[]): string[] {
    return columns.map((column) => `alter table ${relation.render()} drop column ${this.quote(column)}`);
  }

  alterColumnType(relation: Relation, column: string, dataType: string): string {
    return `alter table ${relation.render()} alter column ${this.quote(column)} set data type ${dataType}`;
  }

  currentTimestamp(): string {
    return 'now()';
  }

  castSql(expression: string, dataType: string): string {
    return `cast(${expression} as ${dataType})`;
  }

  /** DuckDB has no users or privileges: grants are accepted and ignored, as dbt-duckdb does. */
  grant(_relation: Relation, _privilege: string, _grantees: string[]): string[] {
    return [];
  }

  normalizeType(dataType: string): string {
    return normalizeDuckDBType(dataType);
  }

  private schemaPath(database: string | undefined, schema: string): string {
    return database === undefined ? this.quote(schema) : `${this.quote(database)}.${this.quote(schema)}`;
  }

  private columnList(columns: string[]): string {
    return columns.map((column) => this.quote(column)).join(', ');
  }
}
