/** PostgreSQL SQL text for materializations. Pure functions of their inputs: nothing runs here. */

import { createHash } from 'node:crypto';
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import { BaseSqlDialect, DEST, SOURCE } from '../shared/base-dialect.js';
import { normalizePostgresType } from './postgres-types.js';

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

export class PostgresDialect extends BaseSqlDialect {
  /** Whether the server has MERGE (PostgreSQL 15+); the adapter sets it once connected. */
  supportsMerge = true;
  protected readonly createTemporaryTable = 'create temporary table';
  protected override readonly beforeAs = '\n';

  override quote(identifier: string): string {
    assertIdentifierLength(identifier);
    return super.quote(identifier);
  }

  truncate(relation: Relation): string {
    return `truncate table ${this.render(relation)}`;
  }

  override merge(
    target: Relation,
    source: Relation,
    uniqueKey: string[],
    columns: string[],
    predicates: string[] = [],
  ): string[] {
    if (!this.supportsMerge) return this.updateThenInsert(target, source, uniqueKey, columns, predicates);
    return super.merge(target, source, uniqueKey, columns, predicates);
  }

  /** `using` converts the existing values (PostgreSQL refuses e.g. text → integer without it). */
  alterColumnType(relation: Relation, column: string, dataType: string): string {
    const quoted = this.quote(column);
    return `alter table ${this.render(relation)} alter column ${quoted} type ${dataType} using ${quoted}::${dataType}`;
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
  override render(relation: Relation): string {
    for (const part of [relation.database, relation.schema, relation.identifier]) {
      if (part !== undefined) assertIdentifierLength(part);
    }
    return relation.render();
  }

  /** PostgreSQL cannot qualify a schema with its database in DDL: the connection's is implied. */
  protected override schemaPath(_database: string | undefined, schema: string): string {
    return this.quote(schema);
  }

  protected override kindOf(relation: Relation): string {
    if (relation.type === 'materialized_view') return 'materialized view';
    return super.kindOf(relation);
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
}
