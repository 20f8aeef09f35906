/** Admin routes: domains and their tokens. Listing domains is a read. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin } from './auth.js';
import { conflict, invalid, notFound } from './errors.js';
import type { RouteContext } from './server.js';
import { issueToken } from './tokens.js';

const domainBody = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _; starting with a letter'),
  owner: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
});

export function registerAdminRoutes(api: FastifyInstance, ctx: RouteContext): void {
  api.post('/domains', async (request, reply) => {
    requireAdmin(await ctx.principal(request));
    const parsed = domainBody.safeParse(request.body);
    if (!parsed.success)
      throw invalid(
        'invalid domain',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const domain = { ...parsed.data, created_at: new Date().toISOString() };
    if (!(await ctx.store.createDomain(domain))) throw conflict(`domain ${domain.name} exists already`);
    return reply.status(201).send(domain);
  });

  api.get('/domains', async (request) => {
    await ctx.requireReader(request);
    const [domains, latest] = await Promise.all([ctx.store.domains(), ctx.store.latestPublications()]);
    const projects = await ctx.store.projects();
    return domains.map((d) => ({
      name: d.name,
      owner: d.owner,
      description: d.description,
      project_count: projects.filter((p) => p.domain === d.name).length,
      product_count: latest
        .filter((s) => s.domain === d.name)
        .reduce((sum, s) => sum + new Set(s.publication.products.map((p) => p.name)).size, 0),
    }));
  });

  api.post<{ Params: { domain: string } }>('/domains/:domain/tokens', async (request, reply) => {
    requireAdmin(await ctx.principal(request));
    const domain = await ctx.store.domain(request.params.domain);
    if (!domain) throw notFound(`no domain ${request.params.domain}`);
    const issued = issueToken(domain.name);
    await ctx.store.addToken(issued.record);
    return reply.status(201).send({ id: issued.record.id, token: issued.token, domain: domain.name });
  });

  api.delete<{ Params: { id: string } }>('/tokens/:id', async (request) => {
    requireAdmin(await ctx.principal(request));
    if (!(await ctx.store.revokeToken(request.params.id, new Date().toISOString())))
      throw notFound(`no live token ${request.params.id}`);
    return { id: request.params.id, revoked: true };
  });
}
