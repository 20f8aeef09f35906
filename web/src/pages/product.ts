/** The product page: everything a consumer needs to trust and query one data product. */
import { api, type ContractColumn, type ProductDetail, type ProductTest } from '../api.js';
import { h, mount, ownerText, timeEl } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { freshnessBadge, readFreshness, scoreBadge, statusBadge } from '../status.js';
import { historyList, nodeList, readVersions, versionsTable } from './product-parts.js';

export async function renderProduct(main: HTMLElement, project: string, name: string): Promise<void> {
  const p = await api.product(project, name);
  document.title = `${p.name} · ${p.project} · Tessera marketplace`;
  const description = h('div', { class: 'markdown' });
  description.innerHTML = p.description
    ? renderMarkdown(p.description)
    : '<p class="muted">No description.</p>';
  const tests = Array.isArray(p.tests) ? p.tests : [];
  const columns = p.contract?.columns ?? [];

  mount(
    main,
    h(
      'article',
      { class: 'product', 'aria-labelledby': 'product-title' },
      h(
        'header',
        { class: 'product-header' },
        h(
          'p',
          { class: 'muted' },
          h('a', { href: '#/' }, 'Products'),
          ` / ${p.project}${p.domain ? ` (${p.domain})` : ''}`,
        ),
        h('h1', { id: 'product-title' }, p.name),
        h(
          'p',
          { class: 'meta' },
          statusBadge(p.status),
          ' ',
          freshnessBadge(p.freshness, p.updated_at),
          ' Quality ',
          scoreBadge(p.score),
        ),
        h(
          'dl',
          { class: 'facts' },
          fact('Owner', ownerText(p.owner)),
          fact('Group', p.group ?? '—'),
          fact('Access', p.access ?? 'public'),
          fact('Domain', p.domain ?? '—'),
          fact('Updated', timeEl(p.updated_at)),
          fact('Tags', (p.tags ?? []).join(', ') || '—'),
        ),
        h(
          'p',
          null,
          h(
            'a',
            {
              class: 'button',
              href: api.odcsUrl(p.project, p.name),
              download: `${p.project}.${p.name}.odcs.yaml`,
            },
            'Download ODCS contract',
          ),
        ),
      ),
      section('description', 'Description', description),
      section(
        'versions-title',
        'Versions',
        versionsTable(readVersions(p.versions, p.latest_version ?? p.version, p.deprecation_date)),
      ),
      section('contract', 'Contract', contractTable(columns, p.contract?.enforced)),
      section('relations', 'Where to query it', relationsTable(p)),
      section('example', 'Example SQL', h('pre', null, h('code', null, p.example_sql ?? '—'))),
      section('quality', 'Tests and freshness', qualityBlock(p, tests)),
      section(
        'lineage',
        'Lineage',
        h(
          'div',
          { class: 'columns' },
          h('div', null, h('h3', null, 'Upstream'), nodeList(p.upstream, 'No upstream models.')),
          h('div', null, h('h3', null, 'Downstream'), nodeList(p.downstream, 'No downstream models.')),
        ),
        h(
          'p',
          null,
          h(
            'a',
            { href: `#/lineage?focus=${encodeURIComponent(`${p.project}.${p.name}`)}` },
            'Explore in the lineage graph',
          ),
        ),
      ),
      section('consumers', 'Consumers', consumersList(p)),
      section('history', 'Publication history', historyList(p.history)),
    ),
  );
}

function fact(term: string, value: Node | string): Node[] {
  return [h('dt', null, term), h('dd', null, value)];
}

function section(id: string, title: string, ...body: (Node | Node[])[]): HTMLElement {
  return h('section', { 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), body);
}

function contractTable(columns: ContractColumn[], enforced: boolean | undefined): HTMLElement {
  if (columns.length === 0) return h('p', { class: 'muted' }, 'No contract columns.');
  return h(
    'div',
    { class: 'table-wrap' },
    h('p', { class: 'small' }, enforced ? 'Contract enforced at build time.' : 'Contract not enforced.'),
    h(
      'table',
      { class: 'table', id: 'contract-table' },
      h('caption', { class: 'visually-hidden' }, 'Contract columns'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Column', 'Type', 'Constraints', 'Description'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        null,
        columns.map((c) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('code', null, c.name)),
            h('td', null, h('code', null, c.data_type ?? '—')),
            h(
              'td',
              null,
              (c.constraints ?? []).map((k) => [h('span', { class: 'tag' }, k.type.replace(/_/g, ' ')), ' ']),
            ),
            h('td', null, c.description || '—'),
          ),
        ),
      ),
    ),
  );
}

function relationsTable(p: ProductDetail): HTMLElement {
  const entries = Object.entries(p.relations ?? {});
  if (entries.length === 0) return h('p', { class: 'muted' }, 'Not built in any environment yet.');
  return h(
    'table',
    { class: 'table' },
    h(
      'thead',
      null,
      h('tr', null, h('th', { scope: 'col' }, 'Environment'), h('th', { scope: 'col' }, 'Relation')),
    ),
    h(
      'tbody',
      null,
      entries.map(([env, r]) =>
        h('tr', null, h('th', { scope: 'row' }, env), h('td', null, h('code', null, r.relation_name))),
      ),
    ),
  );
}

function qualityBlock(p: ProductDetail, tests: ProductTest[]): Node[] {
  const fresh = readFreshness(p.freshness, p.updated_at);
  const passed = tests.filter((t) => t.status === 'pass').length;
  return [
    h('p', null, `${passed} of ${tests.length} tests passed in the latest build. Freshness: ${fresh.text}.`),
    tests.length === 0
      ? h('p', { class: 'muted' }, 'No tests.')
      : h(
          'table',
          { class: 'table', id: 'tests-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Test', 'Column', 'Status', 'Failures'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            null,
            tests.map((t) =>
              h(
                'tr',
                null,
                h('td', null, t.test_name),
                h('td', null, t.column_name ?? '—'),
                h(
                  'td',
                  null,
                  h(
                    'span',
                    {
                      class: `badge badge-${t.status === 'pass' ? 'passing' : t.status === 'fail' || t.status === 'error' ? 'failing' : 'untested'}`,
                    },
                    t.status,
                  ),
                ),
                h('td', null, t.failures === null || t.failures === undefined ? '—' : String(t.failures)),
              ),
            ),
          ),
        ),
  ];
}

function consumersList(p: ProductDetail): HTMLElement {
  const consumers = p.consumers ?? [];
  if (consumers.length === 0) return h('p', { class: 'muted' }, 'No known consumers.');
  return h(
    'ul',
    { class: 'plain', id: 'consumers' },
    consumers.map((c) => h('li', null, h('strong', null, c.project), ': ', (c.models ?? []).join(', '))),
  );
}
