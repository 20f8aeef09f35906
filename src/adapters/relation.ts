/**
 * A relation (table, view…) as dbt's `api.Relation` sees it: an immutable value with a path,
 * a type and policies saying which parts render and which are quoted.
 */

/** What a relation is in the warehouse. */
export type RelationType = 'table' | 'view' | 'cte' | 'materialized_view' | 'external';

/** The three parts of a relation's name. */
export interface RelationPath {
  database: string | undefined;
  schema: string | undefined;
  identifier: string | undefined;
}

/** Per part: whether it renders (include policy) or is quoted (quote policy). */
export interface PartPolicy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

const ALL_PARTS: PartPolicy = { database: true, schema: true, identifier: true };

/** Options that an adapter fixes for every relation it makes. */
export interface RelationStyle {
  /** Quote character; `"` for ANSI warehouses. */
  quoteChar: string;
  /** Which parts are quoted; dbt's default quotes all three. */
  quotePolicy: PartPolicy;
}

export const DEFAULT_RELATION_STYLE: RelationStyle = { quoteChar: '"', quotePolicy: ALL_PARTS };

export class Relation {
  private constructor(
    /** The relation's name parts. */
    readonly path: Readonly<RelationPath>,
    /** Table or view, when known (unknown for relations that do not exist yet). */
    readonly type: RelationType | undefined,
    /** Which parts `render()` includes. */
    readonly includePolicy: Readonly<PartPolicy>,
    /** Quote character and quote policy. */
    readonly style: Readonly<RelationStyle>,
  ) {}

  /** Makes a relation; parts left out are omitted from `render()`. */
  static create(
    parts: { database?: string; schema?: string; identifier?: string; type?: RelationType },
    style: RelationStyle = DEFAULT_RELATION_STYLE,
  ): Relation {
    const path = { database: parts.database, schema: parts.schema, identifier: parts.identifier };
    return new Relation(path, parts.type, ALL_PARTS, style);
  }

  get database(): string | undefined {
    return this.path.database;
  }

  get schema(): string | undefined {
    return this.path.schema;
  }

  get identifier(): string | undefined {
    return this.path.identifier;
  }

  /** dbt's `relation.name`: the identifier. */
  get name(): string | undefined {
    return this.path.identifier;
  }

  get isTable(): boolean {
    return this.type === 'table';
  }

  get isView(): boolean {
    return this.type === 'view';
  }

  /** `"db"."schema"."name"` with the parts the include policy keeps, quoted per the quote policy. */
  render(): string {
    const parts: string[] = [];
    for (const key of ['database', 'schema', 'identifier'] as const) {
      const value = this.path[key];
      if (value === undefined || value === '' || !this.includePolicy[key]) continue;
      parts.push(this.style.quotePolicy[key] ? quoteIdentifier(value, this.style.quoteChar) : value);
    }
    return parts.join('.');
  }

  toString(): string {
    return this.render();
  }

  /** A copy rendering only the parts set to true here (parts not mentioned keep their setting). */
  include(policy: Partial<PartPolicy>): Relation {
    return new Relation(this.path, this.type, { ...this.includePolicy, ...policy }, this.style);
  }

  /** A copy with some parts quoted or not. */
  quote(policy: Partial<PartPolicy>): Relation {
    const style = { ...this.style, quotePolicy: { ...this.style.quotePolicy, ...policy } };
    return new Relation(this.path, this.type, this.includePolicy, style);
  }

  /** A copy with a changed path and/or type (dbt's `incorporate`). */
  incorporate(changes: { path?: Partial<RelationPath>; type?: RelationType }): Relation {
    const path = { ...this.path, ...changes.path };
    return new Relation(path, changes.type ?? this.type, this.includePolicy, this.style);
  }

  /** Same relation with another identifier (handy for `__tessera_tmp` siblings). */
  withIdentifier(identifier: string, type?: RelationType): Relation {
    return this.incorporate({ path: { identifier }, type: type ?? this.type });
  }

  /** Whether the path matches, comparing parts case-insensitively (as DuckDB and dbt do). */
  matches(parts: { database?: string; schema?: string; identifier?: string }): boolean {
    for (const key of ['database', 'schema', 'identifier'] as const) {
      const want = parts[key];
      if (want === undefined) continue;
      if ((this.path[key] ?? '').toLowerCase() !== want.toLowerCase()) return false;
    }
    return true;
  }
}

/** Wraps an identifier in `quoteChar`, doubling any embedded quote character. */
export function quoteIdentifier(identifier: string, quoteChar = '"'): string {
  return quoteChar + identifier.split(quoteChar).join(quoteChar + quoteChar) + quoteChar;
}
