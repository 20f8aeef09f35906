/**
 * `tessera docs serve` / `docs generate --static`: the marketplace for ONE project, built from its
 * own artifacts like dbt's docs site. The project's publication (what `tessera publish` would
 * record, with test statuses from target/run_results.json and column types from
 * target/catalog.json) goes into an in-memory registry, which serves the API and the web UI.
 * The static page inlines the built web assets and the API answers the UI asks for.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { readRunResults } from '../artifacts/index.js';
import type { NodeOutcome, Publication } from '../mesh/index.js';
import type { RegistryStore } from '../registry/index.js';
import { CommandError } from './errors.js';
import type { Invocation } from './invocation.js';
import { candidatePublication, declaredExpectations } from './publish-command.js';

/** The built marketplace (`vite build web`), beside src/ and dist/ alike. */
export const BUNDLED_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface DocsSite {
  app: FastifyInstance;
  store: RegistryStore;
  publication: Publication;
  close(): Promise<void>;
}

/** The project's publication from its artifacts, stored in a fresh in-memory registry. */
export async function projectDocsSite(
  inv: Invocation,
  options: { webRoot?: string } = {},
): Promise<DocsSite> {
  const publication = await docsPublication(inv);
  // Loaded on demand: the registry brings Fastify and its store.
  const { comparePublications, createRegistryServer, openStore } = await import('../registry/index.js');
  const store = await openStore('duckdb::memory:');
  const owner = publication.products.find((p) => p.owner?.name)?.owner?.name ?? '';
  await store.createDomain({
    name: publication.project,
    owner,
    description: `The ${publication.project} project`,
    created_at: new Date().toISOString(),
  });
  await store.publish({
    domain: publication.project,
    publication,
    receivedAt: new Date().toISOString(),
    compare: comparePublications,
  });
  const webRoot = options.webRoot ?? (existsSync(BUNDLED_WEB_ROOT) ? BUNDLED_WEB_ROOT : undefined);
  const app = await createRegistryServer({
    store,
    // Nobody writes to this registry: an unguessable admin token that is never shown.
    adminToken: randomBytes(24).toString('hex'),
    readAccess: 'open',
    webRoot,
  });
  return {
    app,
    store,
    publication,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** What `tessera publish` would record now, with the artifacts of the last run. */
async function docsPublication(inv: Invocation): Promise<Publication> {
  const runResults = await readRunResults(join(inv.targetDir, 'run_results.json'));
  const results = runResults.ok ? (runResults.value.results as NodeOutcome[]) : [];
  const publication = candidatePublication(inv, results, undefined, await declaredExpectations(inv));
  return withCatalogTypes(publication, join(inv.targetDir, 'catalog.json'));
}

/** Fills column types the contract leaves out from catalog.json (what the warehouse reported). */
async function withCatalogTypes(publication: Publication, file: string): Promise<Publication> {
  if (!existsSync(file)) return publication;
  let nodes: Record<string, { columns?: Record<string, { name: string; type: string }> }>;
  try {
    nodes = JSON.parse(await readFile(file, 'utf8')).nodes ?? {};
  } catch {
    return publication;
  }
  for (const product of publication.products) {
    const columns = nodes[product.unique_id]?.columns ?? {};
    for (const c of product.contract.columns) {
      const found = Object.values(columns).find((k) => k.name.toLowerCase() === c.name.toLowerCase());
      if (c.data_type === null && found) c.data_type = found.type;
    }
    for (const k of Object.values(columns))
      if (!product.contract.columns.some((c) => c.name.toLowerCase() === k.name.toLowerCase()))
        product.contract.columns.push({ name: k.name, data_type: k.type, description: '', constraints: [] });
  }
  return publication;
}

/**
 * One self-contained HTML page: the web build's chunks as data: modules behind an import map
 * (their relative imports rewritten to bare names the map resolves), the CSS inline, and a
 * `fetch` stand-in answering the UI's API calls from answers recorded now.
 */
export async function staticDocsHtml(site: DocsSite, webRoot = BUNDLED_WEB_ROOT): Promise<string> {
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile))
    throw new CommandError([
      {
        message: `no built web marketplace in ${webRoot}: run npm run build (vite build web) first`,
        code: 'E_DOCS_WEB',
      },
    ]);
  const html = await readFile(indexFile, 'utf8');
  const assets = join(webRoot, 'assets');
  const files = await readdir(assets);
  const chunks = files.filter((f) => f.endsWith('.js'));
  const bare = (file: string) => `@tessera/${file}`;
  const imports: Record<string, string> = {};
  for (const file of chunks) {
    let code = await readFile(join(assets, file), 'utf8');
    for (const other of chunks) code = code.replaceAll(`"./${other}"`, `"${bare(other)}"`);
    // Vite preloads a chunk's dependencies by URL; inline there is nothing to preload.
    code = code.replace(/__vite__mapDeps\(\[[\d,\s]*\]\)/g, '[]');
    imports[bare(file)] = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  }
  const css = await Promise.all(
    files.filter((f) => f.endsWith('.css')).map((f) => readFile(join(assets, f), 'utf8')),
  );
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"[^>]*><\/script>/.exec(html)?.[1];
  if (!entry) throw new CommandError([{ message: `${indexFile} has no entry script`, code: 'E_DOCS_WEB' }]);
  const answers = await recordAnswers(site);
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const head = [
    `<style>\n${css.join('\n')}\n</style>`,
    `<script>window.__TESSERA_API__ = ${json(answers)};\n${FETCH_STAND_IN}</script>`,
    `<script type="importmap">${json({ imports })}</script>`,
    `<script type="module">import ${JSON.stringify(bare(entry))};</script>`,
  ].join('\n    ');
  return html
    .replace(/\s*<script type="module"[^>]*><\/script>/, '')
    .replace(/\s*<link rel="stylesheet"[^>]*>/g, '')
    .replace('</head>', `    ${head}\n  </head>`);
}

/** The API answers the UI can ask for about this one project. */
async function recordAnswers(site: DocsSite): Promise<Record<string, unknown>> {
  const paths = ['/domains', '/products', '/lineage?level=project', '/lineage?level=model'];
  for (const p of site.publication.products)
    paths.push(`/products/${encodeURIComponent(site.publication.project)}/${encodeURIComponent(p.name)}`);
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const response = await site.app.inject({ url: `/api/v1${path}` });
    if (response.statusCode === 200) out[path] = response.json();
  }
  return out;
}

/**
 * Answers `/api/v1/...` from the recorded answers: a search filters the product list by name,
 * description, tags and columns; a focused lineage falls back to the whole graph.
 */
const FETCH_STAND_IN = `(() => {
  const answers = window.__TESSERA_API__;
  const realFetch = window.fetch.bind(window);
  const reply = (body, status = 200) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, 'http://docs.local');
    if (!url.pathname.startsWith('/api/v1/')) return realFetch(input, init);
    const path = url.pathname.slice('/api/v1'.length);
    const key = path + url.search;
    if (key in answers) return reply(answers[key]);
    if (path === '/products' && url.searchParams.has('q')) {
      const q = url.searchParams.get('q').toLowerCase();
      return reply((answers['/products'] || []).filter((p) => JSON.stringify([p.name, p.description, p.tags, p.columns]).toLowerCase().includes(q)));
    }
    if (path === '/lineage') return reply(answers['/lineage?level=' + (url.searchParams.get('level') || 'model')] || { nodes: [], edges: [] });
    return reply({ error: { code: 'not_found', message: 'not in this static page: ' + key } }, 404);
  };
})();`;
