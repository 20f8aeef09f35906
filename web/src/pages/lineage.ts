/**
 * The lineage explorer: the registry's lineage graph drawn with cytoscape (loaded only here, as
 * its own chunk), coloured by domain. Clicking a node (or its button in the list, for keyboard
 * users) focuses it: the graph is reloaded around it to the chosen upstream/downstream depth.
 * State lives in the hash (`#/lineage?level=model&focus=orders.fct_orders&depth=2`).
 */
import type { Core } from 'cytoscape';
import { api, type LineageGraph } from '../api.js';
import { announce, h, mount, productHref } from '../dom.js';
import { readNodeRef } from './product-parts.js';

export interface LineageState {
  level: 'project' | 'model';
  focus: string | null;
  depth: number;
}

const MAX_INITIAL_ZOOM = 1.25;
const PALETTE = ['#1f6feb', '#b3261e', '#1a7f37', '#8250df', '#bf5700', '#0a7b83', '#a3306e', '#57606a'];

export function readLineageState(params: URLSearchParams): LineageState {
  const depth = Number(params.get('depth') ?? '2');
  return {
    level: params.get('level') === 'project' ? 'project' : 'model',
    focus: params.get('focus'),
    depth: Number.isInteger(depth) && depth > 0 ? depth : 2,
  };
}

function lineageHref(state: LineageState): string {
  const params = new URLSearchParams({ level: state.level, depth: String(state.depth) });
  if (state.focus) params.set('focus', state.focus);
  return `#/lineage?${params}`;
}

/** Colours by the sorted list of every domain, so a domain keeps its colour in any focused view. */
export function domainColours(domains: string[], graph: LineageGraph): Map<string, string> {
  const all = [...new Set([...domains, ...graph.nodes.map((n) => n.domain ?? 'unknown')])].sort();
  return new Map(all.map((d, i) => [d, PALETTE[i % PALETTE.length]!]));
}

export async function renderLineage(main: HTMLElement, state: LineageState): Promise<void> {
  const [graph, domains, cytoscape] = await Promise.all([
    api.lineage(state.level, state.focus, state.depth),
    api.domains().catch(() => []),
    import('cytoscape').then((m) => m.default),
  ]);
  // The previous render's graph (if any) lets go of its canvas and listeners.
  const previous = (window as unknown as { tesseraLineage?: Core }).tesseraLineage;
  if (previous && !previous.destroyed()) previous.destroy();
  const present = new Set(graph.nodes.map((n) => n.domain ?? 'unknown'));
  const colours = domainColours(
    domains.map((d) => d.name),
    graph,
  );
  const canvas = h('div', {
    id: 'lineage-graph',
    class: 'graph',
    role: 'img',
    'aria-label': graphLabel(graph, state),
  });
  const go = (next: Partial<LineageState>) => {
    location.hash = lineageHref({ ...state, ...next });
  };

  const depthSelect = h(
    'select',
    { id: 'depth', onchange: (e: Event) => go({ depth: Number((e.target as HTMLSelectElement).value) }) },
    [1, 2, 3, 4, 5, 10].map((d) => h('option', { value: d, selected: d === state.depth }, String(d))),
  );
  const focused = graph.nodes.find((n) => n.id === state.focus);

  mount(
    main,
    h('h1', null, 'Lineage'),
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Graph controls' },
      h(
        'button',
        {
          type: 'button',
          id: 'level-toggle',
          'aria-pressed': state.level === 'project' ? 'true' : 'false',
          onclick: () => go({ level: state.level === 'project' ? 'model' : 'project', focus: null }),
        },
        state.level === 'project' ? 'Show models' : 'Show projects',
      ),
      h('label', { for: 'depth' }, 'Upstream/downstream depth '),
      depthSelect,
      state.focus
        ? h('button', { type: 'button', onclick: () => go({ focus: null }) }, 'Show the whole graph')
        : null,
      h('button', { type: 'button', id: 'fit', onclick: () => cy.fit(undefined, 30) }, 'Fit to screen'),
    ),
    h(
      'p',
      { id: 'lineage-status', 'aria-live': 'polite' },
      focused
        ? [
            'Focused on ',
            h('strong', null, focused.label),
            ` (${focused.domain ?? 'no domain'})`,
            focusLink(focused),
          ]
        : 'Click a node to focus it.',
    ),
    h(
      'ul',
      { class: 'legend', 'aria-label': 'Domains' },
      [...colours]
        .filter(([d]) => present.has(d))
        .map(([d, c]) => h('li', null, h('span', { class: 'swatch', style: `background:${c}` }), d)),
    ),
    canvas,
    h(
      'details',
      { class: 'node-list' },
      h('summary', null, `All ${graph.nodes.length} nodes (keyboard access)`),
      h(
        'ul',
        { class: 'plain' },
        graph.nodes.map((n) =>
          h(
            'li',
            null,
            h('button', { type: 'button', class: 'link', onclick: () => go({ focus: n.id }) }, n.id),
            ` ${n.domain ?? ''}`,
          ),
        ),
      ),
    ),
  );

  const cy: Core = cytoscape({
    container: canvas,
    elements: [
      ...graph.nodes.map((n) => ({
        data: { id: n.id, label: n.label, colour: colours.get(n.domain ?? 'unknown')!, kind: n.kind },
        classes: n.id === state.focus ? 'focused' : '',
      })),
      ...graph.edges
        .filter((e) => graph.nodes.some((n) => n.id === e.from) && graph.nodes.some((n) => n.id === e.to))
        .map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(label)',
          color: '#1b1f24',
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          width: 22,
          height: 22,
        },
      },
      {
        selector: 'node.focused',
        style: { 'border-width': 4, 'border-color': '#111', width: 32, height: 32 },
      },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#8c959f',
          'target-arrow-color': '#8c959f',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
        },
      },
    ],
    layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 30 },
  });
  cy.on('tap', 'node', (event) => go({ focus: event.target.id() }));
  // A small neighbourhood would be fitted at a huge zoom: cap it so labels stay readable.
  if (cy.zoom() > MAX_INITIAL_ZOOM) {
    cy.zoom(MAX_INITIAL_ZOOM);
    cy.center();
  }
  // A hook for the browser tests (and curious users): the graph instance behind the canvas.
  (window as unknown as { tesseraLineage?: Core }).tesseraLineage = cy;
  canvas.dataset.focus = state.focus ?? '';
  canvas.dataset.level = state.level;
  canvas.dataset.ready = 'true';
  announce(`Lineage graph with ${graph.nodes.length} nodes and ${graph.edges.length} edges.`);
}

function focusLink(node: LineageGraph['nodes'][number]): Node | null {
  if (node.kind !== 'product') return null;
  const ref = readNodeRef(node.id);
  return ref.linkable && ref.project && ref.name
    ? h('span', null, ' · ', h('a', { href: productHref(ref.project, ref.name) }, 'open product page'))
    : null;
}

function graphLabel(graph: LineageGraph, state: LineageState): string {
  const focus = state.focus ? `, focused on ${state.focus}` : '';
  return `${state.level === 'project' ? 'Project' : 'Model'} lineage graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges${focus}. The node list below gives the same nodes as buttons.`;
}
