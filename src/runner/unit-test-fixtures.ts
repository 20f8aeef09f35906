/**
 * Turning unit-test rows (dict, csv or sql) into SQL, with every value cast to the column's real
 * type so the model sees what production would give it. Columns a fixture leaves out are null.
 */
import type { SqlDialect } from '../adapters/index.js';

export interface FixtureColumn {
  name: string;
  type: string;
}

export interface FixtureInput {
  rows?: string | Record<string, unknown>[] | null;
  format?: 'dict' | 'csv' | 'sql';
  fixture?: string | null;
}

/** Reads a `csv` fixture: a header line, then rows; every value stays text until cast. */
export function parseCsvRows(text: string): Record<string, unknown>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out.map((v) => v.trim());
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((l) => {
    const values = split(l);
    return Object.fromEntries(
      header.map((h, i) => [h, values[i] === '' || values[i]?.toLowerCase() === 'null' ? null : values[i]]),
    );
  });
}

function literal(dialect: SqlDialect, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return dialect.literal(String(v));
}

/** `select cast(… as type) as col, …` for each row (union all); an empty fixture selects nothing. */
export function rowsToSql(
  dialect: SqlDialect,
  rows: readonly Record<string, unknown>[],
  columns: readonly FixtureColumn[],
): string {
  const quote = (c: string) => dialect.quote(c);
  const typed = (row: Record<string, unknown> | undefined) =>
    columns
      .map((c) => {
        const key = row ? Object.keys(row).find((k) => k.toLowerCase() === c.name.toLowerCase()) : undefined;
        const value = key === undefined ? null : row![key];
        return `${dialect.castSql(literal(dialect, value), c.type)} as ${quote(c.name)}`;
      })
      .join(', ');
  if (rows.length === 0) return `select ${typed(undefined)} where false`;
  return rows.map((r) => `select ${typed(r)}`).join('\nunion all\n');
}

/** The rows of a fixture as dicts, whatever format it was written in (sql fixtures have none). */
export function fixtureRows(
  input: FixtureInput,
  readFixture: (name: string) => string,
): Record<string, unknown>[] | { sql: string } {
  const format = input.format ?? 'dict';
  const raw = input.fixture ? readFixture(input.fixture) : input.rows;
  if (format === 'sql') return { sql: String(raw ?? '') };
  if (format === 'csv') return typeof raw === 'string' ? parseCsvRows(raw) : [];
  return Array.isArray(raw) ? raw : [];
}
