/**
 * The `adapter` object templates see: dispatch, quoting and introspection, answered by the
 * warehouse adapter. Methods that touch the warehouse return Promises; the engine awaits them.
 */
import type { Adapter, ColumnInfo } from '../adapters/index.js';
import { splitArgs } from '../jinja/index.js';
import { AgateTable } from './agate-table.js';
import { CompilerError } from './errors.js';
import { asRelation, JinjaRelation } from './jinja-relation.js';

/** dbt's Column object: name, type and the type tests packages call. */
export class JinjaColumn {
  constructor(
    readonly name: string,
    readonly data_type: string,
  ) {}
  get column(): string {
    return this.name;
  }
  get dtype(): string {
    return this.data_type;
  }
  get quoted(): string {
    return `"${this.name.replace(/"/g, '""')}"`;
  }
  is_string(): boolean {
    return /char|text|string/i.test(this.data_type);
  }
  is_integer(): boolean {
    return /^(tiny|small|big|hug|u)?int(eger)?\d*$|^(u?bigint|u?smallint|u?tinyint|u?hugeint|int[248])$/i.test(
      this.data_type.trim(),
    );
  }
  is_float(): boolean {
    return /^(float|double|real|float[48])/i.test(this.data_type.trim());
  }
  is_numeric(): boolean {
    return /^(numeric|decimal)/i.test(this.data_type.trim());
  }
  is_number(): boolean {
    return this.is_integer() || this.is_float() || this.is_numeric();
  }
  string_size(): number {
    const m = /\((\d+)\)/.exec(this.data_type);
    return m ? Number(m[1]) : 256;
  }
  toString(): string {
    return `<Column ${this.name} (${this.data_type})>`;
  }
}

export interface AdapterContextDeps {
  adapter: Adapter | undefined;
  adapterType: string;
  /** Whether SQL may run (false while parsing: introspection answers nothing). */
  execute: boolean;
  dispatch(name: string, namespace: string | undefined): unknown;
}

export class AdapterContext {
  constructor(private readonly deps: AdapterContextDeps) {}

  dispatch(...args: unknown[]): unknown {
    const { args: p, kwargs } = splitArgs(args);
    const name = String(kwargs.macro_name ?? p[0]);
    const ns = (kwargs.macro_namespace ?? p[1] ?? undefined) as string | undefined;
    return this.deps.dispatch(name, ns === null ? undefined : ns);
  }

  type(): string {
    return this.deps.adapterType;
  }

  quote(identifier: unknown): string {
    const s = String(identifier);
    return this.deps.adapter ? this.deps.adapter.quote(s) : `"${s.replace(/"/g, '""')}"`;
  }

  async get_relation(...args: unknown[]): Promise<JinjaRelation | null> {
    const { args: p, kwargs } = splitArgs(args);
    const database = (kwargs.database ?? p[0]) as string | undefined;
    const schema = String(kwargs.schema ?? p[1]);
    const identifier = String(kwargs.identifier ?? p[2]);
    const adapter = this.live();
    if (!adapter) return null;
    const rel = await adapter.getRelation(database ?? undefined, schema, identifier);
    return rel ? new JinjaRelation(rel) : null;
  }

  load_relation(relation: unknown): Promise<JinjaRelation | null> {
    const rel = this.relationArg(relation);
    return this.get_relation(rel.database, rel.schema, rel.identifier);
  }

  async get_columns_in_relation(relation: unknown): Promise<JinjaColumn[]> {
    const adapter = this.live();
    if (!adapter) return [];
    const target = this.relationArg(relation);
    let cols: ColumnInfo[];
    try {
      cols = await adapter.getColumns(target);
    } catch (error) {
      // dbt answers an empty list for a relation that does not exist; packages probe with it.
      const found = await adapter
        .getRelation(target.database, target.schema ?? '', target.identifier ?? '')
        .catch(() => undefined);
      if (found === undefined) return [];
      throw error;
    }
    return cols.map((c: ColumnInfo) => new JinjaColumn(c.name, c.dataType));
  }

  async get_missing_columns(from: unknown, to: unknown): Promise<JinjaColumn[]> {
    const [a, b] = await Promise.all([this.get_columns_in_relation(from), this.get_columns_in_relation(to)]);
    const have = new Set(b.map((c) => c.name.toLowerCase()));
    return a.filter((c) => !have.has(c.name.toLowerCase()));
  }

  async already_exists(schema: unknown, identifier: unknown): Promise<boolean> {
    const adapter = this.live();
    if (!adapter) return false;
    return (await adapter.getRelation(undefined, String(schema), String(identifier))) !== undefined;
  }

  async create_schema(relation: unknown): Promise<string> {
    const adapter = this.live();
    const rel = this.relationArg(relation);
    if (adapter && rel.schema) await adapter.execute(adapter.dialect.createSchema(rel.database, rel.schema));
    return '';
  }

  async drop_schema(relation: unknown): Promise<string> {
    const adapter = this.live();
    const rel = this.relationArg(relation);
    if (adapter && rel.schema) await adapter.execute(adapter.dialect.dropSchema(rel.database, rel.schema));
    return '';
  }

  async drop_relation(relation: unknown): Promise<string> {
    const adapter = this.live();
    if (adapter) await adapter.execute(adapter.dialect.dropRelation(this.relationArg(relation)));
    return '';
  }

  async truncate_relation(relation: unknown): Promise<string> {
    const adapter = this.live();
    if (adapter) await adapter.execute(adapter.dialect.truncate(this.relationArg(relation)));
    return '';
  }

  async rename_relation(from: unknown, to: unknown): Promise<string> {
    const adapter = this.live();
    const target = this.relationArg(to);
    if (adapter && target.identifier)
      await adapter.execute(adapter.dialect.renameRelation(this.relationArg(from), target.identifier));
    return '';
  }

  async list_relations_without_caching(schemaRelation: unknown): Promise<JinjaRelation[]> {
    const adapter = this.live();
    const rel = this.relationArg(schemaRelation);
    if (!adapter || !rel.schema) return [];
    return (await adapter.listRelations(rel.database, rel.schema)).map((r) => new JinjaRelation(r));
  }

  /** `adapter.execute(sql, auto_begin=False, fetch=False)` → (response, table). */
  async execute(...args: unknown[]): Promise<unknown[]> {
    const { args: p, kwargs } = splitArgs(args);
    const sql = String(kwargs.sql ?? p[0]);
    const adapter = this.live();
    if (!adapter) return [{ _message: 'OK' }, new AgateTable({ columns: [], rows: [] })];
    const r = await adapter.execute(sql);
    const fetch = Boolean(kwargs.fetch ?? p[2]);
    return [
      { _message: r.response.message, code: r.response.code, rows_affected: r.response.rowsAffected },
      new AgateTable(fetch ? r : { columns: [], rows: [] }),
    ];
  }

  expand_target_column_types(): string {
    return '';
  }

  private live(): Adapter | undefined {
    return this.deps.execute ? this.deps.adapter : undefined;
  }

  private relationArg(v: unknown) {
    const rel = asRelation(v);
    if (!rel)
      throw new CompilerError(
        'expected a relation (from ref(), source(), this or api.Relation.create)',
        'E_RELATION_ARG',
      );
    return rel;
  }
}
