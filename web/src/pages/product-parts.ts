/** Pieces of the product page that read loosely-shaped registry values (lineage, versions, history). */
import { h, productHref, timeEl } from '../dom.js';

/** A lineage neighbour: `project.name`, a `model.project.name` unique_id, or an object with those. */
export interface NodeRef {
  label: string;
  project: string | null;
  name: string | null;
  domain: string | null;
  /** Products of the registry get a link; other models are plain text. */
  linkable: boolean;
}

export function readNodeRef(value: unknown): NodeRef {
  if (typeof value === 'string') return fromId(value, null);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const id = String(v.id ?? v.unique_id ?? '');
    const base = fromId(id, typeof v.domain === 'string' ? v.domain : null);
    const project = typeof v.project === 'string' ? v.project : base.project;
    const name = typeof v.name === 'string' ? v.name : base.name;
    const label = typeof v.label === 'string' ? v.label : project && name ? `${project}.${name}` : id;
    const isProduct =
      v.kind === undefined || v.kind === 'product' || v.is_product === true || v.access === 'public';
    return { label, project, name, domain: base.domain, linkable: Boolean(project && name && isProduct) };
  }
  return { label: String(value), project: null, name: null, domain: null, linkable: false };
}

function fromId(id: string, domain: string | null): NodeRef {
  const parts = id.split('.');
  if (parts.length >= 3 && ['model', 'seed', 'snapshot', 'source'].includes(parts[0]!)) {
    return {
      label: id,
      project: parts[1]!,
      name: parts.slice(2).join('.'),
      domain,
      linkable: parts[0] === 'model',
    };
  }
  if (parts.length === 2) return { label: id, project: parts[0]!, name: parts[1]!, domain, linkable: true };
  return { label: id, project: null, name: null, domain, linkable: false };
}

export function nodeList(items: unknown[] | undefined, empty: string): HTMLElement {
  const refs = (items ?? []).map(readNodeRef);
  if (refs.length === 0) return h('p', { class: 'muted' }, empty);
  return h(
    'ul',
    { class: 'plain' },
    refs.map((r) =>
      h(
        'li',
        null,
        r.linkable && r.project && r.name
          ? h('a', { href: productHref(r.project, r.name) }, r.label)
          : r.label,
        r.domain ? h('span', { class: 'muted' }, ` (${r.domain})`) : null,
      ),
    ),
  );
}

export interface VersionRow {
  version: string;
  deprecation: string | null;
  current: boolean;
}

export function readVersions(
  versions: unknown[] | undefined,
  current: string | number | null | undefined,
  ownDeprecation: string | null | undefined,
): VersionRow[] {
  const rows: VersionRow[] = (versions ?? []).map((v) => {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const raw = o.version ?? o.v ?? null;
      const version = raw === null ? 'unversioned' : String(raw);
      const deprecation = (o.deprecation_date ?? null) as string | null;
      const isCurrent =
        o.is_latest === true || o.latest === true || o.current === true || version === String(current);
      return { version, deprecation, current: isCurrent };
    }
    return { version: String(v), deprecation: null, current: String(v) === String(current) };
  });
  if (rows.length === 0) {
    rows.push({
      version: current === null || current === undefined ? 'unversioned' : String(current),
      deprecation: ownDeprecation ?? null,
      current: true,
    });
  }
  return rows;
}

export function versionsTable(rows: VersionRow[]): HTMLElement {
  return h(
    'table',
    { class: 'table', id: 'versions' },
    h('caption', { class: 'visually-hidden' }, 'Versions'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Version'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Deprecation date'),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          h('td', null, h('code', null, r.version)),
          h('td', null, r.current ? h('span', { class: 'badge badge-passing' }, 'current') : 'other'),
          h('td', null, r.deprecation ? h('span', { class: 'badge badge-stale' }, r.deprecation) : '—'),
        ),
      ),
    ),
  );
}

function changeText(change: unknown): string {
  if (typeof change === 'string') return change;
  if (change && typeof change === 'object') {
    const c = change as Record<string, unknown>;
    if (typeof c.message === 'string') return c.message;
    if (typeof c.description === 'string') return c.description;
    return [
      c.kind ?? c.type,
      c.model ?? c.product,
      c.column,
      c.from && `from ${c.from}`,
      c.to && `to ${c.to}`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  return String(change);
}

export function historyList(history: unknown[] | undefined): HTMLElement {
  const entries = (history ?? []).map((e) =>
    e && typeof e === 'object' ? (e as Record<string, unknown>) : { id: e },
  );
  if (entries.length === 0) return h('p', { class: 'muted' }, 'No publication history.');
  return h(
    'ol',
    { class: 'history' },
    entries.map((e) => {
      const breaking = Array.isArray(e.breaking) ? e.breaking : [];
      const nonBreaking = Array.isArray(e.non_breaking) ? e.non_breaking : [];
      const isBreaking = breaking.length > 0 || e.is_breaking === true || e.breaking === true;
      return h(
        'li',
        { class: isBreaking ? 'breaking' : null },
        h('strong', null, `Publication ${String(e.id ?? '')}`),
        ' ',
        timeEl(typeof e.published_at === 'string' ? e.published_at : null),
        isBreaking ? [' ', h('span', { class: 'badge badge-failing' }, 'Breaking change')] : null,
        breaking.length || nonBreaking.length
          ? h(
              'ul',
              null,
              breaking.map((c) => h('li', { class: 'change-breaking' }, 'Breaking: ', changeText(c))),
              nonBreaking.map((c) => h('li', null, 'Non-breaking: ', changeText(c))),
            )
          : null,
      );
    }),
  );
}
