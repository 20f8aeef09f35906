/** `show`: run a node's SQL or an inline query with a row limit and return the rows. */
import type { CompilableNode } from '../compiler/index.js';
import { compileInline } from './compile-command.js';
import { CommandError } from './errors.js';
import { connect, type Invocation } from './invocation.js';
import { type SelectionFlags, selectFor } from './selection.js';

export interface ShowResult {
  label: string;
  columns: string[];
  rows: unknown[][];
}

export async function showQuery(
  inv: Invocation,
  flags: SelectionFlags & { inline?: string; limit?: number },
): Promise<ShowResult> {
  const { adapter, compiler } = await connect(inv);
  try {
    let sql: string;
    let label: string;
    if (flags.inline !== undefined) {
      sql = await compileInline(inv, flags.inline, compiler);
      label = 'inline_query';
    } else {
      const ids = [...selectFor(inv, 'compile', flags).selected].filter(
        (id) => inv.project.nodes[id]?.resource_type !== 'test',
      );
      if (ids.length !== 1)
        throw new CommandError([
          {
            message: `show needs exactly one node or --inline; the selection matched ${ids.length}`,
            code: 'E_SHOW_SELECTION',
          },
        ]);
      const node = inv.project.nodes[ids[0]!] as unknown as CompilableNode;
      sql = (await compiler.compile(node)).sql;
      label = node.name;
    }
    const limit = flags.limit ?? 5;
    const body = sql.trim().replace(/;\s*$/, '');
    const r = await adapter.execute(
      limit < 0 ? body : `select * from (\n${body}\n) as dbt_show_subquery limit ${limit}`,
    );
    return { label, columns: r.columns.map((c) => c.name), rows: r.rows };
  } finally {
    await adapter.close();
  }
}

/** A plain text table like dbt show prints. */
export function formatTable(columns: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(columns), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join(
    '\n',
  );
}
