/**
 * The coupling report of a mesh (`tessera mesh check`): how tightly domains depend on each other
 * and which products fall short of the platform team's expectations.
 */
import type { DataProduct, Publication } from './publication-types.js';

export interface ProjectCode {
  project: string;
  /** Each model of the project with its code and the cross-project refs it makes. */
  models: { unique_id: string; raw_code: string; refs: { package: string | null; name: string }[] }[];
}

export interface CouplingReport {
  /** Refs from one domain to another: `from` reads `to` this many times. */
  edges: { from: string; to: string; refs: number }[];
  /** `select *` over another domain's product: consumers coupled to every column. */
  selectStar: { consumer: string; project: string; product: string }[];
  consumersPerProduct: { product: string; consumers: number }[];
  unusedProducts: string[];
  /** Products missing an owner, a description, an enforced contract or tests on their primary key. */
  gaps: { product: string; missing: string[] }[];
}

const productId = (project: string, p: { name: string; version: string | number | null }) =>
  `${project}.${p.name}${p.version !== null ? `.v${p.version}` : ''}`;

/** `select *` (or `t.*`) directly over a ref to another project's model. */
function selectsStarFrom(code: string, project: string, name: string): boolean {
  const ref = `ref\\(\\s*['"]${project}['"]\\s*,\\s*['"]${name}['"][^)]*\\)`;
  return new RegExp(`select\\s+(?:\\w+\\.)?\\*\\s+from\\s+\\{\\{\\s*${ref}\\s*\\}\\}`, 'i').test(code);
}

export function couplingReport(
  publications: readonly Publication[],
  code: readonly ProjectCode[],
): CouplingReport {
  const counts = new Map<string, number>();
  const consumers = new Map<string, Set<string>>();
  for (const pub of publications) {
    for (const c of pub.consumes) {
      const k = `${pub.project}\u0000${c.project}`;
      counts.set(k, (counts.get(k) ?? 0) + c.consumers.length);
      const id = `${c.project}.${c.name}${c.version !== null ? `.v${c.version}` : ''}`;
      if (!consumers.has(id)) consumers.set(id, new Set());
      for (const m of c.consumers) consumers.get(id)!.add(m);
    }
  }
  const edges = [...counts].map(([k, refs]) => {
    const [from, to] = k.split('\u0000') as [string, string];
    return { from, to, refs };
  });
  const selectStar: CouplingReport['selectStar'] = [];
  for (const p of code)
    for (const m of p.models)
      for (const r of m.refs)
        if (r.package && r.package !== p.project && selectsStarFrom(m.raw_code, r.package, r.name))
          selectStar.push({ consumer: m.unique_id, project: r.package, product: r.name });

  const products = publications.flatMap((pub) => pub.products.map((p) => ({ project: pub.project, p })));
  const consumersPerProduct = products.map(({ project, p }) => {
    const byVersion = consumers.get(productId(project, p))?.size ?? 0;
    const unversioned = p.version !== null ? (consumers.get(`${project}.${p.name}`)?.size ?? 0) : 0;
    return { product: productId(project, p), consumers: byVersion + unversioned };
  });
  const unusedProducts = consumersPerProduct.filter((c) => c.consumers === 0).map((c) => c.product);
  const gaps = products
    .map(({ project, p }) => ({ product: productId(project, p), missing: missing(p) }))
    .filter((g) => g.missing.length > 0);
  return {
    edges: edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    selectStar,
    consumersPerProduct,
    unusedProducts,
    gaps,
  };
}

function missing(p: DataProduct): string[] {
  const out: string[] = [];
  if (!p.owner || (!p.owner.name && !p.owner.email)) out.push('owner');
  if (!p.description.trim()) out.push('description');
  if (!p.contract.enforced) out.push('contract');
  const keyColumns = p.contract.primary_key.length
    ? p.contract.primary_key
    : p.contract.columns
        .filter((c) => c.constraints.some((k) => k.type === 'primary_key'))
        .map((c) => c.name);
  const tested = (col: string, test: string) =>
    p.tests.some((t) => t.test_name === test && t.column_name === col);
  if (keyColumns.length === 0) out.push('primary key');
  else if (!keyColumns.every((c) => tested(c, 'unique') && tested(c, 'not_null')))
    out.push('primary-key tests (unique + not_null)');
  return out;
}

export function formatCouplingReport(r: CouplingReport): string {
  const lines = ['Refs between domains:'];
  for (const e of r.edges) lines.push(`  ${e.from} -> ${e.to}: ${e.refs} model${e.refs === 1 ? '' : 's'}`);
  lines.push('', 'Consumers per product:');
  for (const c of r.consumersPerProduct) lines.push(`  ${c.product}: ${c.consumers}`);
  lines.push('', `select * over another domain's product: ${r.selectStar.length ? '' : 'none'}`);
  for (const s of r.selectStar) lines.push(`  ${s.consumer} selects * from ${s.project}.${s.product}`);
  lines.push(
    '',
    `Public products nobody uses: ${r.unusedProducts.length ? r.unusedProducts.join(', ') : 'none'}`,
  );
  lines.push('', `Products with gaps: ${r.gaps.length ? '' : 'none'}`);
  for (const g of r.gaps) lines.push(`  ${g.product}: missing ${g.missing.join(', ')}`);
  return lines.join('\n');
}
