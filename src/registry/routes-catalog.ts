/** Read routes: products (search, detail, ODCS), lineage, projects' publications and diffs. */
import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { odcsContract } from '../mesh/index.js';
import { listProducts, type ProductFilter, productDetail } from './catalog.js';
import { comparePublications } from './diff.js';
import { invalid, notFound } from './errors.js';
import { focusGraph, modelGraph, projectGraph } from './lineage.js';
import type { RouteContext } from './server.js';

type ProductParams = { Params: { project: string; name: string } };

export function registerCatalogRoutes(api: FastifyInstance, ctx: RouteContext): void {
  api.get<{ Querystring: ProductFilter }>('/products', async (request) => {
    await ctx.requireReader(request);
    // A repeated parameter arrives as an array: the first one counts.
    const first = (v: unknown) => (Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v));
    const { q, domain, tag, owner } = request.query;
    const filter = { q: first(q), domain: first(domain), tag: first(tag), owner: first(owner) };
    return listProducts(await ctx.store.latestPublications(), filter);
  });

  api.get<ProductParams>('/products/:project/:name', async (request) => {
    await ctx.requireReader(request);
    const { project, name } = request.params;
    const [latest, history] = await Promise.all([ctx.store.latestPublications(), ctx.store.history(project)]);
    const detail = productDetail(latest, project, name, history);
    if (!detail) throw notFound(`no data product ${project}.${name}`);
    return detail;
  });

  api.get<ProductParams>('/products/:project/:name/odcs', async (request, reply) => {
    await ctx.requireReader(request);
    const { project, name } = request.params;
    const stored = (await ctx.store.latestPublications()).find((s) => s.project === project);
    const products = stored?.publication.products.filter((p) => p.name === name) ?? [];
    const product = products.find((p) => String(p.version) === String(p.latest_version)) ?? products[0];
    if (!stored || !product) throw notFound(`no data product ${project}.${name}`);
    return reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${project}.${name}.odcs.yaml"`)
      .send(stringify(odcsContract(stored.publication, product)));
  });

  api.get<{ Querystring: { level?: string; focus?: string; depth?: string } }>(
    '/lineage',
    async (request) => {
      await ctx.requireReader(request);
      const { level = 'model', focus, depth } = request.query;
      if (level !== 'model' && level !== 'project') throw invalid('level must be project or model');
      const depthValue = depth === undefined ? Number.POSITIVE_INFINITY : Number(depth);
      if (!(Number.isInteger(depthValue) || depthValue === Number.POSITIVE_INFINITY) || depthValue < 0)
        throw invalid('depth must be a whole number ≥ 0');
      const latest = await ctx.store.latestPublications();
      const graph = level === 'project' ? projectGraph(latest) : modelGraph(latest);
      if (focus === undefined || focus === '') return graph;
      const focused = focusGraph(graph, focus, depthValue);
      if (!focused) throw notFound(`no ${level} ${focus} in the lineage`);
      return focused;
    },
  );

  api.get('/projects', async (request) => {
    await ctx.requireReader(request);
    return ctx.store.projects();
  });

  api.get<{ Params: { project: string } }>('/projects/:project/publications', async (request) => {
    await ctx.requireReader(request);
    if (!(await ctx.store.project(request.params.project)))
      throw notFound(`no project ${request.params.project}`);
    return ctx.store.history(request.params.project);
  });

  api.get<{ Params: { project: string }; Querystring: { from?: string; to?: string } }>(
    '/projects/:project/diff',
    async (request) => {
      await ctx.requireReader(request);
      const { project } = request.params;
      const record = await ctx.store.project(project);
      if (!record) throw notFound(`no project ${project}`);
      const toId = request.query.to === undefined ? record.latest_publication_id : idOf(request.query.to);
      const to = toId === null ? undefined : await ctx.store.publication(toId);
      if (!to || to.project !== project)
        throw notFound(`no publication ${request.query.to ?? ''} of ${project}`);
      const fromId = request.query.from === undefined ? to.previous_id : idOf(request.query.from);
      const from = fromId === null ? undefined : await ctx.store.publication(fromId);
      if (fromId !== null && (!from || from.project !== project))
        throw notFound(`no publication ${request.query.from} of ${project}`);
      return {
        project,
        from: from?.id ?? null,
        to: to.id,
        ...comparePublications(from?.publication, to.publication),
      };
    },
  );

  api.get<{ Params: { id: string } }>('/publications/:id', async (request) => {
    await ctx.requireReader(request);
    const stored = await ctx.store.publication(idOf(request.params.id));
    if (!stored) throw notFound(`no publication ${request.params.id}`);
    return stored;
  });
}

function idOf(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw invalid(`publication id must be a positive whole number, not ${text}`);
  return id;
}
