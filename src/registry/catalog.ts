/**
 * The catalog views of the latest publications: product summaries (with search ranking and
 * filters), a product's detail, and its quality score. Pure functions over stored publications.
 */
import type { DataProduct, PublishedTest } from '../mesh/index.js';
import { productLineage } from './lineage.js';
import type { PublicationSummary, StoredPublication } from './store/index.js';

export interface TestSummary {
  passed: number;
  failed: number;
}

export interface ProductSummary {
  id: string;
  project: string;
  domain: string;
  name: string;
  description: string;
  owner: DataProduct['owner'];
  group: string | null;
  latest_version: string | number | null;
  versions: (string | number)[];
  tags: string[];
  status: 'passing' | 'failing' | 'untested';
  tests: TestSummary;
  freshness: unknown;
  updated_at: string;
  /** Quality score 0–100 (see `qualityScore`). */
  score: number;
  /** Search relevance, only when a query was given (results are sorted by it). */
  relevance?: number;
}

export interface ProductFilter {
  q?: string;
  domain?: string;
  tag?: string;
  owner?: string;
}

/** A product name's entries in one publication: every version, and the one that is current. */
interface ProductGroup {
  stored: StoredPublication;
  current: DataProduct;
  all: DataProduct[];
}

function productGroups(latest: readonly StoredPublication[]): ProductGroup[] {
  const out: ProductGroup[] = [];
  for (const stored of latest) {
    const byName = new Map<string, DataProduct[]>();
    for (const p of stored.publication.products) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    for (const all of byName.values()) out.push({ stored, current: currentVersion(all), all });
  }
  return out;
}

function currentVersion(all: DataProduct[]): DataProduct {
  const first = all[0]!;
  return all.find((p) => p.version !== null && String(p.version) === String(p.latest_version)) ?? first;
}

export function testSummary(tests: readonly PublishedTest[]): TestSummary {
  return {
    passed: tests.filter((t) => t.status === 'pass' || t.status === 'warn').length,
    failed: tests.filter((t) => t.status === 'fail' || t.status === 'error').length,
  };
}

function statusOf(summary: TestSummary): ProductSummary['status'] {
  if (summary.failed > 0) return 'failing';
  return summary.passed > 0 ? 'passing' : 'untested';
}

/**
 * 0–100: half from the test pass ratio (no tests: nothing), a quarter for an enforced contract,
 * 15 for a description and 10 for column descriptions in proportion.
 */
export function qualityScore(product: DataProduct): number {
  const tests = testSummary(product.tests);
  const total = tests.passed + tests.failed;
  const testPart = total === 0 ? 0 : (50 * tests.passed) / total;
  const contractPart = product.contract.enforced ? 25 : 0;
  const docsPart = product.description.trim() === '' ? 0 : 15;
  const columns = product.contract.columns;
  const columnPart =
    columns.length === 0 ? 0 : (10 * columns.filter((c) => c.description.trim()).length) / columns.length;
  return Math.round(testPart + contractPart + docsPart + columnPart);
}

function summaryOf(group: ProductGroup): ProductSummary {
  const { stored, current } = group;
  const tests = testSummary(current.tests);
  return {
    id: `${stored.project}.${current.name}`,
    project: stored.project,
    domain: stored.domain,
    name: current.name,
    description: current.description,
    owner: current.owner,
    group: current.group,
    latest_version: current.latest_version,
    versions: group.all.map((p) => p.version).filter((v): v is string | number => v !== null),
    tags: current.tags,
    status: statusOf(tests),
    tests,
    freshness: current.freshness,
    updated_at: stored.published_at,
    score: qualityScore(current),
  };
}

/** Name matches rank over description matches, which rank over column-name matches. */
function relevance(group: ProductGroup, terms: string[]): number {
  let total = 0;
  const p = group.current;
  const name = p.name.toLowerCase();
  const description = p.description.toLowerCase();
  const columns = p.contract.columns.map((c) => c.name.toLowerCase());
  const extra = [...p.tags, p.group ?? '', group.stored.project, group.stored.domain].map((s) =>
    s.toLowerCase(),
  );
  for (const term of terms) {
    let best = 0;
    if (name === term) best = 100;
    else if (name.startsWith(term)) best = 80;
    else if (name.includes(term)) best = 60;
    else if (description.includes(term)) best = 30;
    else if (columns.some((c) => c === term)) best = 15;
    else if (columns.some((c) => c.includes(term))) best = 10;
    else if (extra.some((s) => s.includes(term))) best = 5;
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

function ownerMatches(product: DataProduct, owner: string): boolean {
  const wanted = owner.toLowerCase();
  const emails = product.owner?.email;
  const values = [product.owner?.name, product.group, ...(Array.isArray(emails) ? emails : [emails])];
  return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(wanted));
}

export function listProducts(
  latest: readonly StoredPublication[],
  filter: ProductFilter = {},
): ProductSummary[] {
  const terms = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const out: ProductSummary[] = [];
  for (const group of productGroups(latest)) {
    if (filter.domain && group.stored.domain !== filter.domain) continue;
    if (filter.tag && !group.current.tags.includes(filter.tag)) continue;
    if (filter.owner && !ownerMatches(group.current, filter.owner)) continue;
    if (terms.length === 0) {
      out.push(summaryOf(group));
      continue;
    }
    const score = relevance(group, terms);
    if (score > 0) out.push({ ...summaryOf(group), relevance: score });
  }
  return out.sort((a, b) => (b.relevance ?? 0) - (a.relevance ?? 0) || a.id.localeCompare(b.id));
}

/** The product's whole page, or undefined when no latest publication has it. */
export function productDetail(
  latest: readonly StoredPublication[],
  project: string,
  name: string,
  history: readonly PublicationSummary[],
): Record<string, unknown> | undefined {
  const group = productGroups(latest).find((g) => g.stored.project === project && g.current.name === name);
  if (!group) return undefined;
  const { stored, current } = group;
  const relation =
    current.relations[stored.target_name]?.relation_name ??
    Object.values(current.relations)[0]?.relation_name;
  const lineage = productLineage(latest, project, name);
  return {
    ...summaryOf(group),
    publication_id: stored.id,
    target_name: stored.target_name,
    unique_id: current.unique_id,
    version: current.version,
    access: current.access,
    materialized: current.materialized,
    meta: current.meta,
    contract: current.contract,
    columns: current.contract.columns,
    relations: current.relations,
    versions: group.all.map((p) => ({
      version: p.version,
      deprecation_date: p.deprecation_date,
      is_latest: p === current,
      relations: p.relations,
    })),
    tests: current.tests,
    test_summary: testSummary(current.tests),
    quality: qualityParts(current),
    upstream: lineage.upstream,
    downstream: lineage.downstream,
    consumers: lineage.consumers,
    example_sql: relation ? `select * from ${relation} limit 10` : null,
    history: history.map((h) => ({
      id: h.id,
      published_at: h.published_at,
      received_at: h.received_at,
      has_breaking: h.breaking.length > 0,
      breaking: h.breaking,
      non_breaking: h.non_breaking,
    })),
  };
}

function qualityParts(product: DataProduct) {
  const tests = testSummary(product.tests);
  return {
    score: qualityScore(product),
    test_pass_ratio: tests.passed + tests.failed === 0 ? null : tests.passed / (tests.passed + tests.failed),
    contract_enforced: product.contract.enforced,
    has_description: product.description.trim() !== '',
    documented_columns: product.contract.columns.filter((c) => c.description.trim()).length,
    columns: product.contract.columns.length,
  };
}
