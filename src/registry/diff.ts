/**
 * What changed for consumers between two publications of a project. Removing a product, making
 * it non-public, removing a contract column or changing its type breaks consumers; adding a
 * product or a column does not.
 */
import type { DataProduct, Publication } from '../mesh/index.js';
import type { ChangeEntry, ChangeReport } from './store/index.js';

export function comparePublications(previous: Publication | undefined, next: Publication): ChangeReport {
  const report: ChangeReport = { breaking: [], non_breaking: [] };
  if (!previous) return report;
  const before = new Map(previous.products.map((p) => [productKey(p), p]));
  const after = new Map(next.products.map((p) => [productKey(p), p]));
  const restricted = new Set(next.restricted.map((r) => `${r.name}@${r.version ?? ''}`));
  for (const [key, old] of before) {
    const id = productLabel(next.project, old);
    const now = after.get(key);
    if (!now) {
      const hidden = restricted.has(key);
      report.breaking.push({
        kind: hidden ? 'model_not_public' : 'model_removed',
        product: id,
        message: hidden ? `${id} is no longer public` : `${id} was removed`,
      });
      continue;
    }
    compareColumns(id, old, now, report);
  }
  for (const [key, now] of after)
    if (!before.has(key)) {
      const id = productLabel(next.project, now);
      report.non_breaking.push({ kind: 'model_added', product: id, message: `${id} was added` });
    }
  return report;
}

function compareColumns(id: string, old: DataProduct, now: DataProduct, report: ChangeReport): void {
  const newColumns = new Map(now.contract.columns.map((c) => [c.name.toLowerCase(), c]));
  const oldColumns = new Set(old.contract.columns.map((c) => c.name.toLowerCase()));
  for (const column of old.contract.columns) {
    const match = newColumns.get(column.name.toLowerCase());
    if (!match) {
      report.breaking.push(
        entry('column_removed', id, column.name, `column ${column.name} of ${id} was removed`),
      );
    } else if (normalType(match.data_type) !== normalType(column.data_type)) {
      report.breaking.push({
        ...entry(
          'column_type_changed',
          id,
          column.name,
          `column ${column.name} of ${id} changed type from ${column.data_type ?? 'unknown'} to ${match.data_type ?? 'unknown'}`,
        ),
        from: column.data_type,
        to: match.data_type,
      });
    }
  }
  for (const column of now.contract.columns)
    if (!oldColumns.has(column.name.toLowerCase()))
      report.non_breaking.push(
        entry('column_added', id, column.name, `column ${column.name} was added to ${id}`),
      );
}

function entry(kind: ChangeEntry['kind'], product: string, column: string, message: string): ChangeEntry {
  return { kind, product, column, message };
}

function normalType(type: string | null): string {
  return (type ?? '').toLowerCase().replace(/\s+/g, '');
}

function productKey(p: DataProduct): string {
  return `${p.name}@${p.version ?? ''}`;
}

function productLabel(project: string, p: DataProduct): string {
  return `${project}.${p.name}${p.version === null ? '' : `.v${p.version}`}`;
}
