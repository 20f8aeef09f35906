/**
 * The registry's change report between two publications of a project. The classification (what
 * changed, and whether it breaks consumers) is the mesh's `diffPublications`; this module only
 * maps its changes onto the registry's API payload (`breaking` / `non_breaking` entries with a
 * `<project>.<name>[.v<version>]` label, a message and, for a type change, the two types).
 */
import { type DataProduct, diffPublications, type ProductChange, type Publication } from '../mesh/index.js';
import type { ChangeEntry, ChangeReport } from './store/index.js';

export function comparePublications(previous: Publication | undefined, next: Publication): ChangeReport {
  const report: ChangeReport = { breaking: [], non_breaking: [] };
  if (!previous) return report;
  // Whether a version was removed before its deprecation date is judged when `next` was published,
  // so a stored report and a later `diff` of the same two publications agree.
  const publishedAt = new Date(next.published_at);
  const when = Number.isNaN(publishedAt.getTime()) ? new Date() : publishedAt;
  const diff = diffPublications(previous, next, [], when);
  for (const change of diff.changes)
    (change.breaking ? report.breaking : report.non_breaking).push(toEntry(change, previous, next));
  report.non_breaking.push(...addedProducts(previous, next));
  return report;
}

function toEntry(change: ProductChange, previous: Publication, next: Publication): ChangeEntry {
  const product = productLabel(next.project, change.product, change.version);
  const entry: ChangeEntry = { kind: change.kind, product, message: `${product}: ${change.detail}` };
  if (change.column === undefined) return entry;
  entry.column = change.column;
  if (change.kind === 'column_type_changed') {
    entry.from = columnType(previous, change, change.column);
    entry.to = columnType(next, change, change.column);
  }
  return entry;
}

/**
 * Products new by name. The mesh's diff speaks only of changes to what consumers may already read
 * (a new version of a known product is its `version_added`), so a first-time product is the one
 * thing the registry adds, for its publication history.
 */
function addedProducts(previous: Publication, next: Publication): ChangeEntry[] {
  const known = new Set(previous.products.map((p) => p.name));
  return next.products
    .filter((p) => !known.has(p.name))
    .map((p) => {
      const product = productLabel(next.project, p.name, p.version);
      return { kind: 'model_added', product, message: `${product} was added` };
    });
}

function columnType(publication: Publication, change: ProductChange, column: string): string | null {
  const found = publication.products.find((p) => p.name === change.product && p.version === change.version);
  const lower = column.toLowerCase();
  return found?.contract.columns.find((c) => c.name.toLowerCase() === lower)?.data_type ?? null;
}

function productLabel(project: string, name: string, version: DataProduct['version']): string {
  return `${project}.${name}${version === null ? '' : `.v${version}`}`;
}
