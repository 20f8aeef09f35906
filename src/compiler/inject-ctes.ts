/**
 * Inlines ephemeral models as CTEs: after a leading `with` when the query has one, else as a new
 * `with` clause in front — the same placement dbt uses.
 */

/** Skips whitespace and SQL comments from `i`. */
function skipTrivia(sql: string, i: number): number {
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

export function injectCtes(sql: string, ctes: string[]): string {
  if (ctes.length === 0) return sql;
  const joined = ctes.join(', ');
  const start = skipTrivia(sql, 0);
  const m = /^with\b(\s+recursive\b)?/i.exec(sql.slice(start));
  if (m) {
    const at = start + m[0].length;
    return `${sql.slice(0, at)} ${joined}, ${sql.slice(at).replace(/^\s+/, '')}`;
  }
  return `with ${joined}\n${sql}`;
}
