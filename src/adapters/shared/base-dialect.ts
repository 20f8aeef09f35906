/**
 * The SQL text every warehouse writes the same way (the ANSI-ish core of dbt's materializations),
 * for dialects to extend. A warehouse's differences are its overrides of the protected members
 * (how a relation renders, what a temp table is called, which DDL kinds exist) and of the
 * statements it writes its own way; nothing here asks which warehouse it is.
 */
import { contractColumnDefinition, contractColumnName } from '../contract-ddl.js';
import { quoteIdentifier, type Relation } from '../relation.js';
import type { CreateTableOptions, SqlDialect } from '../types.js';

/** Aliases dbt's incremental SQL gives target and source; user predicates refer to them. */
export const DEST = 'DBT_INTERNAL_DEST';
export const SOURCE = 'DBT_INTERNAL_SOURCE';

export abstract class BaseSqlDialect implements SqlDialect {
  /** The keywords that create a temporary table (`create temp table`). */
  protected abstract readonly createTemporaryTable: string;
  /** What stands between the table name and `as (` of a create-table-as. */
  protected readonly beforeAs: string = ' ';

  abstract truncate(relation: Relation): string;
  abstract alterColumnType(relation: Relation, column: string, dataType: string): string;
  abstract grant(relation: Relation, privilege: string, grantees: string[]): string[];
  abstract normalizeType(dataType: string): string;

  quote(identifier: string): string {
    return quoteIdentifier(identifier, '"');
  }

  literal(value: string): string {
    // Standard SQL strings (PostgreSQL's standard_conforming_strings): only quotes need doubling.
    return `'${value.replaceAll("'", "''")}'`;
  }

  /** A relation's qualified name as this warehouse accepts it in a statement. */
  render(relation: Relation): string {
    return relation.render();
  }

  createSchema(database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.schemaPath(database, schema)}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.schemaPath(database, schema)} cascade`;
  }

  createTableAs(relation: Relation, sql: string, options: CreateTableOptions = {}): string[] {
    // Temp tables live in the session's own catalog or schema: they cannot be qualified.
    const name = options.temporary
      ? this.render(relation.include({ database: false, schema: false }))
      : this.render(relation);
    const kind = options.temporary ? this.createTemporaryTable : 'create table';
    const contract = options.contract;
    if (contract === undefined || contract.columns.length === 0)
      return [`${kind} ${name}${this.beforeAs}as (\n${sql}\n)`];
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
    return `create view ${this.render(relation)} as (\n${sql}\n)`;
  }

  dropRelation(relation: Relation): string {
    return `drop ${this.kindOf(relation)} if exists ${this.render(relation)} cascade`;
  }

  renameRelation(from: Relation, toIdentifier: string): string {
    return `alter ${this.kindOf(from)} ${this.render(from)} rename to ${this.quote(toIdentifier)}`;
  }

  insertInto(target: Relation, source: Relation, columns: string[]): string {
    const list = this.columnList(columns);
    return `insert into ${this.render(target)} (${list}) (\n  select ${list} from ${this.render(source)}\n)`;
  }

  merge(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates: string[] = [],
  ): string[] {
    const on = [...this.keyMatch(uniqueKey), ...predicates];
    const updates = columns.map((column) => `${this.quote(column)} = ${SOURCE}.${this.quote(column)}`);
    const values = columns.map((column) => `${SOURCE}.${this.quote(column)}`).join(', ');
    return [
      [
        `merge into ${this.render(target)} as ${DEST}`,
        `using ${this.render(source)} as ${SOURCE}`,
        `on (${on.join(' and ')})`,
        `when matched then update set ${updates.join(', ')}`,
        `when not matched then insert (${this.columnList(columns)}) values (${values})`,
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
      statements.push(
        `delete from ${this.render(target)} as ${DEST}\nusing ${this.render(source)} as ${SOURCE}\nwhere ${[...this.keyMatch(uniqueKey), ...predicates].join('\n  and ')}`,
      );
    } else if (predicates.length > 0) {
      statements.push(`delete from ${this.render(target)} as ${DEST}\nwhere ${predicates.join('\n  and ')}`);
    }
    statements.push(this.insertInto(target, source, columns));
    return statements;
  }

  addColumns(relation: Relation, columns: { name: string; dataType: string }[]): string[] {
    return columns.map(
      (column) =>
        `alter table ${this.render(relation)} add column ${this.quote(column.name)} ${column.dataType}`,
    );
  }

  dropColumns(relation: Relation, columns: string[]): string[] {
    return columns.map((column) => `alter table ${this.render(relation)} drop column ${this.quote(column)}`);
  }

  currentTimestamp(): string {
    return 'now()';
  }

  castSql(expression: string, dataType: string): string {
    return `cast(${expression} as ${dataType})`;
  }

  /** The schema as DDL names it: qualified with its database where the warehouse allows. */
  protected schemaPath(database: string | undefined, schema: string): string {
    return database === undefined ? this.quote(schema) : `${this.quote(database)}.${this.quote(schema)}`;
  }

  /** The DDL keyword of a relation's kind (`drop view`, `alter table`). */
  protected kindOf(relation: Relation): string {
    return relation.type === 'view' ? 'view' : 'table';
  }

  /** `SOURCE.key = DEST.key` for each key column. */
  protected keyMatch(uniqueKey: string[]): string[] {
    return uniqueKey.map((key) => `${SOURCE}.${this.quote(key)} = ${DEST}.${this.quote(key)}`);
  }

  protected columnList(columns: string[]): string {
    return columns.map((column) => this.quote(column)).join(', ');
  }
}
