/**
 * `POST /publications`: a domain token publishes its own domain's projects (the first publish
 * registers the project to the domain); the admin publishes for any domain named by `?domain=`.
 * The body is validated before anything is stored, and the publish is one transaction.
 */
import type { FastifyInstance } from 'fastify';
import { comparePublications } from './diff.js';
import { forbidden, invalid, notFound, unauthorized } from './errors.js';
import { parsePublication } from './publication-schema.js';
import type { RouteContext } from './server.js';

export function registerPublishRoutes(api: FastifyInstance, ctx: RouteContext): void {
  api.post<{ Querystring: { domain?: string } }>('/publications', async (request, reply) => {
    const principal = await ctx.principal(request);
    if (!principal) throw unauthorized('publishing needs a domain token');
    const asked = request.query.domain;
    let domain: string;
    if (principal.kind === 'admin') {
      if (!asked) throw invalid('the admin token publishes for the domain given by ?domain=');
      domain = asked;
    } else {
      if (asked !== undefined && asked !== principal.domain)
        throw forbidden(`this token publishes for domain ${principal.domain}, not ${asked}`);
      domain = principal.domain;
    }
    if (!(await ctx.store.domain(domain))) throw notFound(`no domain ${domain}`);
    const parsed = parsePublication(request.body);
    if (!parsed.ok) throw invalid('the publication is not valid', parsed.problems);
    const outcome = await ctx.store.publish({
      domain,
      publication: parsed.publication,
      receivedAt: new Date().toISOString(),
      compare: comparePublications,
    });
    if (!outcome.ok)
      throw forbidden(
        `project ${parsed.publication.project} belongs to domain ${outcome.ownerDomain}, not ${domain}`,
      );
    const { stored } = outcome;
    return reply.status(201).send({
      id: stored.id,
      project: stored.project,
      domain: stored.domain,
      published_at: stored.published_at,
      breaking: stored.breaking,
      non_breaking: stored.non_breaking,
    });
  });
}
