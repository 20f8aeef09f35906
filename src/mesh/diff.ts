/**
 * Breaking-change detection between a project's last publication and what it would publish now:
 * each change to a data product is classified, and every downstream consumer of a product that
 * changes in a breaking way without a new version is named, with the fix.
 */
import { type ExpectationResult, formatExpectationResults, isBroken } from './expectations.js';
import type { DataProduct, Publication, PublishedColumn } from './publication-types.js';

export type ChangeKind =
  | 'model_removed'
  | 'made_non_public'
  | 'column_removed'
  | 'column_type_changed'
  | 'constraint_removed'
  | 'version_removed_early'
  | 'column_added'
  | 'constraint_added'
  | 'version_added';

const BREAKING = new Set<ChangeKind>([
  'model_removed',
  'made_non_public',
  'column_removed',
  'column_type_changed',
  'constraint_removed',
  'version_removed_early',
]);

export interface ProductChange {
  product: string;
  version: string | number | null;
  kind: ChangeKind;
  breaking: boolean;
  column?: string;
  detail: string;
}

export interface Consumer {
  project: string;
  /** unique_ids of the consumer's nodes that read the product. */
  models: string[];
}

export interface BreakingProduct {
  product: string;
  version: string | number | null;
  changes: ProductChange[];
  consumers: Consumer[];
  /** What the producer should do instead. */
  fix: string;
}

export interface PublicationDiff {
  project: string;
  changes: ProductChange[];
  /** Breaking changes made without a new version: these fail the check. */
  unversioned: BreakingProduct[];
  /** Consumers' expectations run against the producer's current build (`mesh diff`). */
  expectations?: ExpectationResult[];
  ok: boolean;
}

/** Adds expectation results to a diff: a broken one fails it. */
export function withExpectations(diff: PublicationDiff, results: ExpectationResult[]): PublicationDiff {
  return { ...diff, expectations: results, ok: diff.ok && !results.some(isBroken) };
}

const key = (p: { name: string; version: string | number | null }) => `${p.name}@${p.version ?? ''}`;
const normalType = (t: string | null) => (t ?? '').toLowerCase().replace(/\s+/g, '');
const constraintKey = (c: { type: string; expression?: string | null; columns?: string[] }) =>
  `${c.type}:${c.expression ?? ''}:${(c.columns ?? []).join(',')}`;

function columnChanges(
  name: string,
  version: string | number | null,
  before: PublishedColumn[],
  after: PublishedColumn[],
): ProductChange[] {
  const out: ProductChange[] = [];
  const now = new Map(after.map((c) => [c.name.toLowerCase(), c]));
  const then = new Map(before.map((c) => [c.name.toLowerCase(), c]));
  const change = (kind: ChangeKind, column: string, detail: string) =>
    out.push({ product: name, version, kind, breaking: BREAKING.has(kind), column, detail });
  for (const old of before) {
    const cur = now.get(old.name.toLowerCase());
    if (!cur) {
      change(
        'column_removed',
        old.name,
        `column ${old.name} (${old.data_type ?? 'untyped'}) was removed or renamed`,
      );
      continue;
    }
    if (normalType(old.data_type) !== normalType(cur.data_type))
      change(
        'column_type_changed',
        old.name,
        `column ${old.name} changed type from ${old.data_type} to ${cur.data_type}`,
      );
    const curConstraints = new Set(cur.constraints.map(constraintKey));
    for (const c of old.constraints)
      if (!curConstraints.has(constraintKey(c)))
        change('constraint_removed', old.name, `constraint ${c.type} on ${old.name} was removed`);
    const oldConstraints = new Set(old.constraints.map(constraintKey));
    for (const c of cur.constraints)
      if (!oldConstraints.has(constraintKey(c)))
        change('constraint_added', old.name, `constraint ${c.type} on ${old.name} was added`);
  }
  for (const cur of after)
    if (!then.has(cur.name.toLowerCase()))
      change('column_added', cur.name, `column ${cur.name} (${cur.data_type ?? 'untyped'}) was added`);
  return out;
}

/**
 * Compares `before` (the last publication) with `after` (what the project would publish now).
 * `others` are the other projects' publications, whose `consumes` name the downstream consumers.
 */
export function diffPublications(
  before: Publication,
  after: Publication,
  others: readonly Publication[],
  today = new Date(),
): PublicationDiff {
  const changes: ProductChange[] = [];
  const now = new Map(after.products.map((p) => [key(p), p]));
  const restricted = new Set(after.restricted.map((r) => key(r)));
  const byName = (products: readonly DataProduct[], name: string) => products.filter((p) => p.name === name);
  for (const old of before.products) {
    const cur = now.get(key(old));
    if (!cur) {
      if (restricted.has(key(old)))
        changes.push({
          product: old.name,
          version: old.version,
          kind: 'made_non_public',
          breaking: true,
          detail: `${old.name}${old.version !== null ? ` v${old.version}` : ''} is no longer public`,
        });
      else if (old.version !== null && byName(after.products, old.name).length > 0) {
        const early = old.deprecation_date === null || new Date(old.deprecation_date) > today;
        changes.push({
          product: old.name,
          version: old.version,
          kind: early ? 'version_removed_early' : 'model_removed',
          breaking: true,
          detail: early
            ? `version ${old.version} of ${old.name} was removed before its deprecation date (${old.deprecation_date ?? 'none set'})`
            : `version ${old.version} of ${old.name} was removed after its deprecation date ${old.deprecation_date}`,
        });
      } else
        changes.push({
          product: old.name,
          version: old.version,
          kind: 'model_removed',
          breaking: true,
          detail: `${old.name} was removed`,
        });
      continue;
    }
    changes.push(...columnChanges(old.name, old.version, old.contract.columns, cur.contract.columns));
  }
  const then = new Set(before.products.map(key));
  for (const cur of after.products)
    if (!then.has(key(cur)) && cur.version !== null && byName(before.products, cur.name).length > 0)
      changes.push({
        product: cur.name,
        version: cur.version,
        kind: 'version_added',
        breaking: false,
        detail: `version ${cur.version} of ${cur.name} was added`,
      });

  // Breaking changes that stay on an existing version (no new version to move consumers to).
  const unversioned: BreakingProduct[] = [];
  const grouped = new Map<string, ProductChange[]>();
  for (const c of changes.filter((x) => x.breaking))
    grouped.set(`${c.product}@${c.version ?? ''}`, [
      ...(grouped.get(`${c.product}@${c.version ?? ''}`) ?? []),
      c,
    ]);
  for (const [, list] of grouped) {
    const { product, version } = list[0]!;
    if (list.every((c) => c.kind === 'model_removed' && c.detail.includes('after its deprecation date')))
      continue;
    const consumers = consumersOf(before.project, product, version, others);
    const versions = byName(after.products, product)
      .map((p) => p.version)
      .filter((v): v is string | number => v !== null);
    const next = versions.length ? Math.max(...versions.map(Number).filter(Number.isFinite)) + 1 : 2;
    const fix =
      version === null
        ? `keep ${product} as version 1 and add version 2 with the change (versions: [{v: 1}, {v: 2}], latest_version: 2); deprecate version 1 on a date consumers can meet`
        : `add version ${next} with the change; keep version ${version} and set its deprecation_date`;
    unversioned.push({ product, version, changes: list, consumers, fix });
  }
  return { project: before.project, changes, unversioned, ok: unversioned.length === 0 };
}

/** Every project whose publication says it reads `project.product` (any version when `version` is null). */
export function consumersOf(
  project: string,
  product: string,
  version: string | number | null,
  others: readonly Publication[],
): Consumer[] {
  const out: Consumer[] = [];
  for (const pub of others) {
    if (pub.project === project) continue;
    const models = pub.consumes
      .filter(
        (c) =>
          c.project === project &&
          c.name === product &&
          (version === null || c.version === null || String(c.version) === String(version)),
      )
      .flatMap((c) => c.consumers);
    if (models.length) out.push({ project: pub.project, models: [...new Set(models)].sort() });
  }
  return out.sort((a, b) => a.project.localeCompare(b.project));
}

/** The diff as text for a terminal, or as Markdown for a pull-request comment. */
export function formatDiff(diff: PublicationDiff, style: 'text' | 'markdown' = 'text'): string {
  const md = style === 'markdown';
  const lines: string[] = [];
  const label = (c: ProductChange) => `${c.product}${c.version !== null ? ` v${c.version}` : ''}`;
  lines.push(
    md ? `### Data product changes in \`${diff.project}\`` : `Data product changes in ${diff.project}:`,
  );
  if (diff.changes.length === 0)
    lines.push(md ? '\nNo changes to published data products.' : '  no changes to published data products');
  else {
    if (md) lines.push('', '| product | change | breaking |', '|---|---|---|');
    for (const c of diff.changes)
      lines.push(
        md
          ? `| ${label(c)} | ${c.detail} | ${c.breaking ? '**yes**' : 'no'} |`
          : `  ${c.breaking ? 'BREAKING' : 'ok      '} ${label(c)}: ${c.detail}`,
      );
  }
  for (const b of diff.unversioned) {
    const name = `${b.product}${b.version !== null ? ` v${b.version}` : ''}`;
    lines.push(
      '',
      md
        ? `**Breaking change to \`${name}\` without a new version.**`
        : `Breaking change to ${name} without a new version.`,
    );
    if (b.consumers.length === 0) lines.push(md ? '- No known consumers.' : '  No known consumers.');
    else {
      lines.push(md ? 'Downstream consumers:' : '  Downstream consumers:');
      for (const c of b.consumers)
        lines.push(
          md
            ? `- \`${c.project}\`: ${c.models.map((m) => `\`${m}\``).join(', ')}`
            : `    ${c.project}: ${c.models.join(', ')}`,
        );
    }
    lines.push(md ? `Fix: ${b.fix}.` : `  Fix: ${b.fix}.`);
  }
  const expectationLines = formatExpectationResults(diff.expectations ?? [], style);
  if (expectationLines.length) lines.push('', ...expectationLines);
  const brokenExpectations = (diff.expectations ?? []).filter(isBroken).length;
  lines.push(
    '',
    diff.ok
      ? md
        ? '✅ No unversioned breaking changes.'
        : 'OK: no unversioned breaking changes.'
      : diff.unversioned.length === 0
        ? `${md ? '❌' : 'FAIL:'} ${brokenExpectations} consumer expectation${brokenExpectations === 1 ? '' : 's'} would break.`
        : md
          ? '❌ Unversioned breaking changes: merging would break consumers.'
          : 'FAIL: unversioned breaking changes would break consumers.',
  );
  return lines.join('\n');
}
