/**
 * What `run_query` and `load_result(...).table` return: the parts of Python's agate.Table that
 * dbt templates use — `rows` (indexable by position or column name), `columns` (by index or
 * name, each with `values()`), `column_names`, `column_types`, `print_table()`.
 */
import type { ExecuteResult } from '../adapters/index.js';

/** A row: indexable by position and by column name, iterable over its values. */
export class AgateRow {
  [key: string]: unknown;
  constructor(values: unknown[], names: readonly string[]) {
    values.forEach((v, i) => {
      this[String(i)] = v;
      const name = names[i];
      if (name !== undefined && !(name in this)) this[name] = v;
    });
    Object.defineProperty(this, 'length', { value: values.length, enumerable: false });
    Object.defineProperty(this, '_values', { value: values, enumerable: false });
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield* (this as unknown as { _values: unknown[] })._values;
  }
  values(): unknown[] {
    return (this as unknown as { _values: unknown[] })._values.slice();
  }
  keys(): string[] {
    return Object.keys(this).filter((k) => !/^\d+$/.test(k));
  }
}

export class AgateColumn {
  constructor(
    readonly name: string,
    readonly data_type: string,
    private readonly data: unknown[],
  ) {}
  values(): unknown[] {
    return this.data.slice();
  }
  values_without_nulls(): unknown[] {
    return this.data.filter((v) => v !== null && v !== undefined);
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield* this.data;
  }
}

/** agate's MappedSequence of columns: by position or name, with the dict methods packages call. */
export class AgateColumns {
  [key: string]: unknown;
  constructor(private readonly list: AgateColumn[]) {
    list.forEach((c, i) => {
      this[String(i)] = c;
      if (!(c.name in this)) this[c.name] = c;
    });
  }
  get length(): number {
    return this.list.length;
  }
  *[Symbol.iterator](): Iterator<AgateColumn> {
    yield* this.list;
  }
  keys(): string[] {
    return this.list.map((c) => c.name);
  }
  values(): AgateColumn[] {
    return this.list.slice();
  }
  items(): [string, AgateColumn][] {
    return this.list.map((c) => [c.name, c]);
  }
  get(key: unknown, fallback: unknown = null): unknown {
    return this.list.find((c) => c.name === key) ?? fallback;
  }
}

export class AgateTable {
  readonly rows: AgateRow[];
  readonly columns: AgateColumns;
  readonly column_names: string[];
  readonly column_types: string[];

  constructor(result: Pick<ExecuteResult, 'columns' | 'rows'>) {
    this.column_names = result.columns.map((c) => c.name);
    this.column_types = result.columns.map((c) => c.type);
    this.rows = result.rows.map((r) => new AgateRow(r, this.column_names));
    this.columns = new AgateColumns(
      result.columns.map(
        (c, i) =>
          new AgateColumn(
            c.name,
            c.type,
            result.rows.map((r) => r[i]),
          ),
      ),
    );
  }

  *[Symbol.iterator](): Iterator<AgateRow> {
    yield* this.rows;
  }

  get length(): number {
    return this.rows.length;
  }

  print_table(): string {
    const lines = [this.column_names.join(' | ')];
    for (const r of this.rows.slice(0, 20)) lines.push(r.values().map(String).join(' | '));
    process.stdout.write(`${lines.join('\n')}\n`);
    return '';
  }
}
