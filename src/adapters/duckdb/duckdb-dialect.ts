/** DuckDB SQL text for materializations. Pure functions of their inputs: nothing runs here. */
import type { Relation } from '../relation.js';
import { BaseSqlDialect } from '../shared/base-dialect.js';
import { normalizeDuckDBType } from './duckdb-types.js';

export class DuckDBDialect extends BaseSqlDialect {
  protected readonly createTemporaryTable = 'create temp table';

  truncate(relation: Relation): string {
    return `truncate ${this.render(relation)}`;
  }

  alterColumnType(relation: Relation, column: string, dataType: string): string {
    return `alter table ${this.render(relation)} alter column ${this.quote(column)} set data type ${dataType}`;
  }

  /** DuckDB has no users or privileges: grants are accepted and ignored, as dbt-duckdb does. */
  grant(_relation: Relation, _privilege: string, _grantees: string[]): string[] {
    return [];
  }

  normalizeType(dataType: string): string {
    return normalizeDuckDBType(dataType);
  }
}
