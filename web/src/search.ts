/**
 * Instant client-side search over the products list: every query word must match somewhere, and
 * where it matches sets the rank — product name over description over column names (tags, domain
 * and owner count like a description). Pure functions, so the ranking is easy to reason about.
 */
import type { ProductSummary } from './api.js';

export interface SearchHit {
  product: ProductSummary;
  score: number;
  /** Where the best match was, shown beside the result. */
  matchedIn: 'name' | 'description' | 'column';
  /** The column that matched, when a column did. */
  column?: string;
}

const NAME_EXACT = 100;
const NAME_PREFIX = 60;
const NAME_PART = 40;
const DESCRIPTION = 10;
const COLUMN = 4;

export function columnNames(product: { columns?: unknown[] }): string[] {
  return (product.columns ?? [])
    .map((c) => (typeof c === 'string' ? c : ((c as { name?: unknown })?.name ?? '')))
    .map(String)
    .filter(Boolean);
}

function wordScore(
  word: string,
  product: ProductSummary,
  columns: string[],
): Omit<SearchHit, 'product'> | null {
  const name = product.name.toLowerCase();
  if (name === word) return { score: NAME_EXACT, matchedIn: 'name' };
  if (name.startsWith(word)) return { score: NAME_PREFIX, matchedIn: 'name' };
  if (name.includes(word) || product.id.toLowerCase().includes(word))
    return { score: NAME_PART, matchedIn: 'name' };
  const text = [product.description, product.domain ?? '', product.group ?? '', ...(product.tags ?? [])]
    .join(' ')
    .toLowerCase();
  if (text.includes(word)) return { score: DESCRIPTION, matchedIn: 'description' };
  const column = columns.find((c) => c.toLowerCase().includes(word));
  if (column !== undefined) return { score: COLUMN, matchedIn: 'column', column };
  return null;
}

/** Ranked hits for a query; an empty query lists every product by name. */
export function rankProducts(products: ProductSummary[], query: string): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits: SearchHit[] = [];
  for (const product of products) {
    if (words.length === 0) {
      hits.push({ product, score: 0, matchedIn: 'name' });
      continue;
    }
    const columns = columnNames(product);
    let total = 0;
    let best: Omit<SearchHit, 'product'> | null = null;
    for (const word of words) {
      const found = wordScore(word, product, columns);
      if (!found) {
        best = null;
        break;
      }
      total += found.score;
      if (!best || found.score > best.score) best = found;
    }
    if (best) hits.push({ ...best, product, score: total });
  }
  return hits.sort((a, b) => b.score - a.score || a.product.id.localeCompare(b.product.id));
}
