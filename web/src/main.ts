/**
 * The marketplace's entry: hash routing (`#/`, `#/products/<project>/<name>`, `#/lineage`), the
 * `/` shortcut to the search box, and one error view for failed requests.
 */
import { ApiError } from './api.js';
import { h, mount } from './dom.js';
import { renderHome } from './pages/home.js';

const main = document.getElementById('main')!;
let renderCount = 0;

async function route(): Promise<void> {
  const ticket = ++renderCount;
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  markNav(parts[0] === 'lineage' ? 'lineage' : 'home');
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts[0] === 'products' && parts.length === 3) {
      // Its own chunk with the Markdown renderer: the home page does not need either.
      const { renderProduct } = await import('./pages/product.js');
      await renderProduct(main, parts[1]!, parts[2]!);
    } else if (parts[0] === 'lineage') {
      document.title = 'Lineage · Tessera marketplace';
      const { readLineageState, renderLineage } = await import('./pages/lineage.js');
      await renderLineage(main, readLineageState(params));
    } else {
      document.title = 'Tessera marketplace';
      await renderHome(main, params.get('q') ?? '');
    }
  } catch (err) {
    if (ticket === renderCount) showError(err);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function showError(err: unknown): void {
  const notFound = err instanceof ApiError && err.status === 404;
  mount(
    main,
    h('h1', null, notFound ? 'Not found' : 'Something went wrong'),
    h('p', { role: 'alert' }, err instanceof Error ? err.message : String(err)),
    h('p', null, h('a', { href: '#/' }, 'Back to the products')),
  );
}

function markNav(current: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset.nav === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
  event.preventDefault();
  const search = document.getElementById('search');
  if (search) search.focus();
  else location.hash = '#/';
});

// Only real navigations re-render: the search box rewrites the hash with replaceState, which
// fires no hashchange.
window.addEventListener('hashchange', () => {
  void route().then(() => {
    if (!location.hash.startsWith('#/lineage')) main.focus({ preventScroll: false });
  });
});
void route();
