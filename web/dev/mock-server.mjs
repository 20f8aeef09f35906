#!/usr/bin/env node
// Dev-only: a stand-in for the registry's read API over a mesh's publications folder, for working
// on the UI before (or without) a real registry. Not used by tests.
// Usage: node web/dev/mock-server.mjs [publications-dir] [port]   (then open http://127.0.0.1:<port>/)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pubDir = process.argv[2] || join(here, '../../examples/jaffle_mesh/target/publications');
const port = Number(process.argv[3] || 8484);
const webRoot = join(here, '../dist');

const pubs = readdirSync(pubDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(pubDir, f), 'utf8')));
const products = pubs.flatMap((pub) => pub.products.map((p) => ({ pub, p })));

function summary({ pub, p }) {
  const passed = p.tests.filter((t) => t.status === 'pass').length;
  const failed = p.tests.length - passed;
  return {
    id: `${pub.project}.${p.name}`,
    project: pub.project,
    domain: pub.project,
    name: p.name,
    description: p.description,
    owner: p.owner,
    group: p.group,
    latest_version: p.latest_version,
    versions: [],
    tags: p.tags,
    status: p.tests.length === 0 ? 'untested' : failed ? 'failing' : 'passing',
    tests: { passed, failed },
    freshness: p.freshness,
    updated_at: pub.published_at,
    score: p.tests.length ? Math.round((100 * passed) / p.tests.length) : 50,
  };
}

function modelGraph() {
  const nodes = new Map();
  const edges = [];
  const add = (project, name, kind) => {
    const id = `${project}.${name}`;
    if (!nodes.has(id) || kind === 'product')
      nodes.set(id, { id, label: name, domain: project, kind, project });
    return id;
  };
  for (const { pub, p } of products) add(pub.project, p.name, 'product');
  for (const pub of pubs)
    for (const c of pub.consumes) {
      const from = add(c.project, c.name, 'product');
      for (const u of c.consumers) edges.push({ from, to: add(pub.project, u.split('.').pop(), 'model') });
    }
  return { nodes: [...nodes.values()], edges };
}

function detail(entry) {
  const id = `${entry.pub.project}.${entry.p.name}`;
  const g = modelGraph();
  const node = (nid) => g.nodes.find((n) => n.id === nid);
  const rel = Object.values(entry.p.relations)[0];
  return {
    ...summary(entry),
    ...entry.p,
    ...{ tests: entry.p.tests, domain: entry.pub.project, updated_at: entry.pub.published_at },
    score: summary(entry).score,
    status: summary(entry).status,
    versions: [{ version: entry.p.version, deprecation_date: entry.p.deprecation_date, is_latest: true }],
    upstream: g.edges.filter((e) => e.to === id).map((e) => ({ ...node(e.from), name: node(e.from).label })),
    downstream: g.edges.filter((e) => e.from === id).map((e) => ({ ...node(e.to), name: node(e.to).label })),
    consumers: pubs.flatMap((pub) =>
      pub.consumes
        .filter((c) => `${c.project}.${c.name}` === id)
        .map((c) => ({ project: pub.project, models: c.consumers.map((u) => u.split('.').pop()) })),
    ),
    example_sql: rel ? `select * from ${rel.relation_name} limit 10` : null,
    history: [{ id: 1, published_at: entry.pub.published_at, breaking: [], non_breaking: [] }],
  };
}

function api(url) {
  const path = url.pathname.replace(/^\/api\/v1/, '');
  if (path === '/domains')
    return pubs.map((pub) => ({
      name: pub.project,
      owner: `${pub.project} team`,
      description: '',
      project_count: 1,
      product_count: pub.products.length,
    }));
  if (path === '/products') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    return products
      .filter(
        ({ p }) =>
          !q ||
          [p.name, p.description, ...p.contract.columns.map((c) => c.name)]
            .join(' ')
            .toLowerCase()
            .includes(q),
      )
      .map(summary);
  }
  const m = /^\/products\/([^/]+)\/([^/]+)(\/odcs)?$/.exec(path);
  if (m) {
    const entry = products.find(({ pub, p }) => pub.project === m[1] && p.name === m[2]);
    if (!entry) return undefined;
    return m[3] ? `# ODCS for ${m[1]}.${m[2]} (mock)\n` : detail(entry);
  }
  if (path === '/lineage') {
    if (url.searchParams.get('level') === 'project') {
      const edges = pubs.flatMap((pub) => pub.consumes.map((c) => ({ from: c.project, to: pub.project })));
      const nodes = pubs.map((pub) => ({
        id: pub.project,
        label: pub.project,
        domain: pub.project,
        kind: 'project',
      }));
      return { nodes, edges };
    }
    return modelGraph();
  }
  return undefined;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname.startsWith('/api/')) {
    const body = api(url);
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': typeof body === 'string' ? 'text/yaml' : 'application/json',
    });
    res.end(
      body === undefined
        ? JSON.stringify({ error: { code: 'not_found', message: 'not found' } })
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
    );
    return;
  }
  let file = join(webRoot, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
  } catch {
    file = join(webRoot, 'index.html');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}).listen(port, '127.0.0.1', () => console.log(`mock registry on http://127.0.0.1:${port}/`));
