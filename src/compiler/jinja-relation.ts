/**
 * The relation object templates see (`this`, `ref()`, `source()`, `api.Relation.create`):
 * dbt's Python API (`include(database=false)`, `.identifier`, `is_table`…) over an adapter Relation.
 */
import type { Relation, RelationType } from '../adapters/index.js';
import { MAPPING_LIKE, splitArgs } from '../jinja/index.js';

export class JinjaRelation {
  /** dbt's Relation is a dict-like dataclass; packages test `relation is mapping`. */
  readonly [MAPPING_LIKE] = true;

  constructor(
    readonly relation: Relation,
    /** `DuckDBRelation`, `PostgresRelation`…: what `relation.get('metadata')['type']` reports. */
    readonly relationClass = 'BaseRelation',
  ) {}

  /** The dict view of the relation that packages read (`metadata`, `path`, `type`). */
  get(key: unknown, fallback: unknown = null): unknown {
    switch (String(key)) {
      case 'metadata':
        return { type: this.relationClass };
      case 'path':
        return { database: this.database, schema: this.schema, identifier: this.identifier };
      case 'type':
        return this.type;
      default:
        return fallback;
    }
  }

  get database(): string | null {
    return this.relation.database ?? null;
  }
  get schema(): string | null {
    return this.relation.schema ?? null;
  }
  get identifier(): string | null {
    return this.relation.identifier ?? null;
  }
  get name(): string | null {
    return this.relation.identifier ?? null;
  }
  get table(): string | null {
    return this.relation.identifier ?? null;
  }
  get type(): string | null {
    return this.relation.type ?? null;
  }
  get is_table(): boolean {
    return this.relation.type === 'table';
  }
  get is_view(): boolean {
    return this.relation.type === 'view';
  }
  get is_cte(): boolean {
    return this.relation.type === 'cte';
  }

  include(...args: unknown[]): JinjaRelation {
    return new JinjaRelation(this.relation.include(partPolicy(args)), this.relationClass);
  }

  quote(...args: unknown[]): JinjaRelation {
    return new JinjaRelation(this.relation.quote(partPolicy(args)), this.relationClass);
  }

  incorporate(...args: unknown[]): JinjaRelation {
    const { kwargs } = splitArgs(args);
    const path = (kwargs.path ?? {}) as Record<string, string | undefined>;
    const type = kwargs.type as RelationType | undefined;
    return new JinjaRelation(this.relation.incorporate({ path: toPlain(path), type }), this.relationClass);
  }

  /**
   * `relation.information_schema('columns')`: the catalog view of the relation's database, as dbt
   * renders it (`"db".INFORMATION_SCHEMA.columns`; schema and view unquoted).
   */
  information_schema(view?: unknown): JinjaRelation {
    const r = this.relation;
    const catalog = r
      .incorporate({
        path: { schema: 'INFORMATION_SCHEMA', identifier: view == null ? undefined : String(view) },
      })
      .quote({ schema: false, identifier: false })
      .include({ schema: true, identifier: view != null });
    return new JinjaRelation(catalog, this.relationClass);
  }

  render(): string {
    return this.relation.render();
  }

  toString(): string {
    return this.relation.render();
  }
}

/** `include(database=false, schema=true)` / `include({'database': false})` → a partial policy. */
function partPolicy(args: unknown[]): Partial<Record<'database' | 'schema' | 'identifier', boolean>> {
  const { args: positional, kwargs } = splitArgs(args);
  const names = ['database', 'schema', 'identifier'] as const;
  const out: Partial<Record<(typeof names)[number], boolean>> = {};
  positional.forEach((v, i) => {
    if (i < names.length && v !== null && v !== undefined) out[names[i]!] = Boolean(v);
  });
  for (const n of names) if (kwargs[n] !== undefined && kwargs[n] !== null) out[n] = Boolean(kwargs[n]);
  return out;
}

function toPlain(v: unknown): Record<string, string | undefined> {
  if (v instanceof Map) return Object.fromEntries(v) as Record<string, string | undefined>;
  return v as Record<string, string | undefined>;
}

/** Unwraps what templates hand back to host code as a relation. */
export function asRelation(v: unknown): Relation | undefined {
  if (v instanceof JinjaRelation) return v.relation;
  return undefined;
}
