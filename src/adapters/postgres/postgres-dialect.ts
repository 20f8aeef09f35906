/** PostgreSQL SQL text for materializations. Pure functions of their inputs: nothing runs here. */

import { createHash } from 'node:crypto';
import { contractColumnDefinition, contractColumnName } from '../contract-ddl.js';
import { AdapterError } from '../errors.js';
import { quoteIdentifier, type Relation } from '../relation.js';
import type { CreateTableOptions, SqlDialect } from '../types.js';
import { normalizePostgresType } from './postgres-types.js';

/** Aliases dbt's incremental SQL gives target and source; user predicates refer to them. */
const DEST = 'DBT_INTERNAL_DEST';
const SOURCE = 'DBT_INTERNAL_SOURCE';

/** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * Fails before anything is sent when `identifier` is longer than PostgreSQL keeps: the server
 * would truncate it and two long names could silently become the same relation.
 */
export function assertIdentifierLength(identifier: string): void {
  const bytes = Buffer.byteLength(identifier, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new AdapterError(
      `identifier "${identifier}" is ${bytes} bytes long; PostgreSQL allows at most ${MAX_IDENTIFIER_BYTES} (it would be truncated)`,
      'catalog',
    );
  }
}

/**
 * `name` + `suffix`, shortened with a hash of `name` when it would pass PostgreSQL's 63-byte
 * limit (the server would otherwise truncate it, maybe onto another relation's name).
 */
export function helperIdentifier(name: string, suffix: string): string {
  const full = name + suffix;
  if (Buffer.byteLength(full, 'utf8') <= MAX_IDENTIFIER_BYTES) return full;
  const hash = `_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  const room = MAX_IDENTIFIER_BYTES - Buffer.byteLength(hash + suffix, 'utf8');
  let prefix = '';
  for (const char of name) {
    if (Buffer.byteLength(prefix + char, 'utf8') > room) break;
    prefix += char;
  }
  return prefix + hash + suffix;
}

export class PostgresDialect implements SqlDialect {
  /** Whether the server has MERGE (PostgreSQL 15+); the adapter sets it once connected. */
  supportsMerge = true;

  quote(identifier: string): string {
    assertIdentifierLength(identifier);
    return quoteIdentifier(identifier, '"');
  }

  literal(value: string): string {
    // standard_conforming_strings is on (the default since 9.1): only quotes need doubling.
    return `'${value.replaceAll("'", "''")}'`;
  }

  /** PostgreSQL cannot qualify a schema with its database in DDL: the connection's is implied. */
  createSchema(_database: string | undefined, schema: string): string {
    return `create schema if not exists ${this.quote(schema)}`;
  }

  dropSchema(_database: string | undefined, schema: string): string {
    return `drop schema if exists ${this.quote(schema)} cascade`;
  }

  createTableAs(relation: Relation, sql: string, options: CreateTableOptions = {}): string[] {
    // Temporary tables live in the session's own schema: they cannot be qualified.
    const name = options.temporary
      ? this.render(relation.include({ database: false, schema: false }))
      : this.render(relation);
    const kind = options.temporary ? 'create temporary table' : 'create table';
    const contract = options.contract;
    if (contract === undefined || contract.columns.length === 0) return [`${kind} ${name}\nas (\n${sql}\n)`];
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

  truncate(relation: Relation): string {
    return `truncate table ${this.render(relation)}`;
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
    if (!this.supportsMerge) return this.updateThenInsert(target, source, uniqueKey, columns, predicates);
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

  /** `using` converts the existing values (PostgreSQL refuses e.g. text → integer without it). */
  alterColumnType(relation: Relation, column: string, dataType: string): string {
    const quoted = this.quote(column);
    return `alter table ${this.render(relation)} alter column ${quoted} type ${dataType} using ${quoted}::${dataType}`;
  }

  currentTimestamp(): string {
    return 'now()';
  }

  castSql(expression: string, dataType: string): string {
    return `cast(${expression} as ${dataType})`;
  }

  /** Grantees are written as given (unquoted), as dbt-postgres writes them. */
  grant(relation: Relation, privilege: string, grantees: string[]): string[] {
    if (grantees.length === 0) return [];
    return [`grant ${privilege} on ${this.render(relation)} to ${grantees.join(', ')}`];
  }

  normalizeType(dataType: string): string {
    return normalizePostgresType(dataType);
  }

  helperIdentifier(identifier: string, suffix: string): string {
    return helperIdentifier(identifier, suffix);
  }

  /** `relation.render()` after checking every part fits PostgreSQL's identifier limit. */
  render(relation: Relation): string {
    for (const part of [relation.database, relation.schema, relation.identifier]) {
      if (part !== undefined) assertIdentifierLength(part);
    }
    return relation.render();
  }

  /** Before PostgreSQL 15: update the matching rows, then insert the rest, in that order. */
  private updateThenInsert(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates: string[],
  ): string[] {
    const match = [...this.keyMatch(uniqueKey), ...predicates].join('\n  and ');
    const updates = columns.map((column) => `${this.quote(column)} = ${SOURCE}.${this.quote(column)}`);
    const list = this.columnList(columns);
    const selected = columns.map((column) => `${SOURCE}.${this.quote(column)}`).join(', ');
    return [
      `update ${this.render(target)} as ${DEST}\nset ${updates.join(', ')}\nfrom ${this.render(source)} as ${SOURCE}\nwhere ${match}`,
      `insert into ${this.render(target)} (${list})\nselect ${selected} from ${this.render(source)} as ${SOURCE}\nwhere not exists (\n  select 1 from ${this.render(target)} as ${DEST}\n  where ${match}\n)`,
    ];
  }

  private keyMatch(uniqueKey: string[]): string[] {
    return uniqueKey.map((key) => `${SOURCE}.${this.quote(key)} = ${DEST}.${this.quote(key)}`);
  }

  private kindOf(relation: Relation): string {
    if (relation.type === 'view') return 'view';
    if (relation.type === 'materialized_view') return 'materialized view';
    return 'table';
  }

  private columnList(columns: string[]): string {
    return columns.map((column) => this.quote(column)).join(', ');
  }
}
