/**
 * Home: the search box (instant client-side ranking as you type, with the registry's own search
 * merged in for matches the list cannot see, such as column names), domains, recently changed
 * products and the products that need attention.
 */
import { api, type Domain, type ProductSummary } from '../api.js';
import { announce, h, mount, ownerText, productHref, timeEl } from '../dom.js';
import { rankProducts, type SearchHit } from '../search.js';
import { freshnessBadge, needsAttention, scoreBadge, statusBadge } from '../status.js';

const SERVER_SEARCH_DELAY_MS = 120;

export async function renderHome(main: HTMLElement, initialQuery: string): Promise<void> {
  const [products, domains] = await Promise.all([api.products(), api.domains()]);
  const input = h('input', {
    id: 'search',
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    placeholder: 'Search products, descriptions, columns…',
    'aria-controls': 'results',
    'aria-describedby': 'search-hint',
  });
  input.value = initialQuery;
  const results = h('ol', { id: 'results', class: 'results', 'aria-label': 'Search results' });
  const count = h('p', { class: 'muted', id: 'result-count' });

  let serverHits: ProductSummary[] = [];
  let serverQuery = '';
  let timer: number | undefined;

  const show = () => {
    const q = input.value.trim();
    const hits = rankProducts(products, q);
    if (q && serverQuery === q) {
      const seen = new Set(hits.map((x) => x.product.id));
      for (const p of serverHits) {
        if (!seen.has(p.id)) hits.push({ product: p, score: 0, matchedIn: 'column' });
      }
    }
    mount(results, hits.map(resultItem));
    const text = q
      ? `${plural(hits.length, 'product')} match${hits.length === 1 ? 'es' : ''} “${q}”`
      : plural(hits.length, 'product');
    count.textContent = text;
    announce(text);
  };

  const askServer = () => {
    const q = input.value.trim();
    window.clearTimeout(timer);
    if (!q) return;
    timer = window.setTimeout(async () => {
      try {
        const found = await api.products(q);
        if (input.value.trim() !== q) return;
        serverHits = found;
        serverQuery = q;
        show();
      } catch {
        // The client-side ranking already shows what it can.
      }
    }, SERVER_SEARCH_DELAY_MS);
  };

  input.addEventListener('input', () => {
    show();
    askServer();
    history.replaceState(
      null,
      '',
      input.value.trim() ? `#/?q=${encodeURIComponent(input.value.trim())}` : '#/',
    );
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector<HTMLAnchorElement>('a')?.focus();
    }
  });
  results.addEventListener('keydown', (event) => moveInResults(event, results, input));

  mount(
    main,
    h(
      'section',
      { class: 'search', 'aria-labelledby': 'search-title' },
      h('h1', { id: 'search-title' }, 'Find a data product'),
      h('label', { for: 'search', class: 'visually-hidden' }, 'Search data products'),
      input,
      h(
        'p',
        { id: 'search-hint', class: 'muted small' },
        'Press / to search, ↓ and ↑ to move through results.',
      ),
      count,
      results,
    ),
    h(
      'div',
      { class: 'columns' },
      domainsSection(domains),
      h('div', null, attentionSection(products), recentSection(products)),
    ),
  );
  show();
  askServer();
}

function resultItem(hit: SearchHit): HTMLElement {
  const p = hit.product;
  const where =
    hit.matchedIn === 'column'
      ? hit.column
        ? `column ${hit.column}`
        : 'a column'
      : hit.matchedIn === 'description'
        ? 'description'
        : null;
  return h(
    'li',
    { class: 'result' },
    h('a', { href: productHref(p.project, p.name), class: 'result-link' }, h('strong', null, p.name)),
    h(
      'span',
      { class: 'muted' },
      ` ${p.project}${p.domain && p.domain !== p.project ? ` · domain ${p.domain}` : ''}`,
    ),
    where ? h('span', { class: 'match' }, ` matches ${where}`) : null,
    h('p', { class: 'description' }, firstLine(p.description)),
    h(
      'p',
      { class: 'meta' },
      statusBadge(p.status),
      ' ',
      freshnessBadge(p.freshness, p.updated_at),
      ' ',
      scoreBadge(p.score),
    ),
  );
}

function moveInResults(event: KeyboardEvent, results: HTMLElement, input: HTMLInputElement): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...results.querySelectorAll<HTMLAnchorElement>('a.result-link')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  event.preventDefault();
  const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
  if (next < 0) input.focus();
  else links[Math.min(next, links.length - 1)]?.focus();
}

function firstLine(text: string): string {
  const line = (text ?? '').split('\n').find((l) => l.trim()) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function domainsSection(domains: Domain[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'domains-title' },
    h('h2', { id: 'domains-title' }, 'Domains'),
    domains.length === 0
      ? h('p', { class: 'muted' }, 'No domains yet.')
      : h(
          'ul',
          { class: 'cards' },
          domains.map((d) =>
            h(
              'li',
              { class: 'card' },
              h('h3', null, h('a', { href: `#/?q=${encodeURIComponent(d.name)}` }, d.name)),
              h('p', { class: 'muted' }, `Owner: ${ownerText(d.owner)}`),
              d.description ? h('p', null, d.description) : null,
              h(
                'p',
                { class: 'small' },
                `${plural(d.product_count, 'product')} · ${plural(d.project_count, 'project')}`,
              ),
            ),
          ),
        ),
  );
}

function productList(products: ProductSummary[], empty: string, extra: (p: ProductSummary) => Node): Node {
  if (products.length === 0) return h('p', { class: 'muted' }, empty);
  return h(
    'ul',
    { class: 'plain' },
    products.map((p) => h('li', null, h('a', { href: productHref(p.project, p.name) }, p.id), ' ', extra(p))),
  );
}

function attentionSection(products: ProductSummary[]): HTMLElement {
  const failing = products.filter(needsAttention);
  return h(
    'section',
    { 'aria-labelledby': 'attention-title' },
    h('h2', { id: 'attention-title' }, 'Failing tests or stale'),
    productList(failing, 'Every product passes its tests and is fresh.', (p) =>
      h('span', null, statusBadge(p.status), ' ', freshnessBadge(p.freshness, p.updated_at)),
    ),
  );
}

function recentSection(products: ProductSummary[]): HTMLElement {
  const recent = [...products]
    .sort((a, b) => (b.updated_at ?? '').localeCompare(a.updated_at ?? ''))
    .slice(0, 8);
  return h(
    'section',
    { 'aria-labelledby': 'recent-title' },
    h('h2', { id: 'recent-title' }, 'Recently changed'),
    productList(recent, 'Nothing published yet.', (p) =>
      h('span', { class: 'muted' }, 'updated ', timeEl(p.updated_at)),
    ),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
