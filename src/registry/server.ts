/**
 * The registry's HTTP server: the JSON API under /api/v1 and, when given, the web marketplace's
 * static assets at / (unknown paths fall back to index.html for the single-page app).
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { identify, type Principal } from './auth.js';
import { ApiError, notFound, unauthorized } from './errors.js';
import openapiDocument from './openapi.json' with { type: 'json' };
import { registerAdminRoutes } from './routes-admin.js';
import { registerCatalogRoutes } from './routes-catalog.js';
import { registerPublishRoutes } from './routes-publish.js';
import type { RegistryStore } from './store/index.js';

export interface RegistryServerOptions {
  store: RegistryStore;
  /** Creates domains and tokens; may publish for any domain. */
  adminToken: string;
  /** `token`: every read needs a valid token too. */
  readAccess: 'open' | 'token';
  /** Folder of the built web marketplace, served at `/`. */
  webRoot?: string;
  /** Largest accepted request body (a publication), in bytes. Default 5 MiB. */
  maxBodyBytes?: number;
}

/** What route modules get: the store and who is calling. */
export interface RouteContext {
  store: RegistryStore;
  principal(request: FastifyRequest): Promise<Principal | undefined>;
  /** Throws 401 when reading needs a token and none valid was given. */
  requireReader(request: FastifyRequest): Promise<void>;
}

export const API_PREFIX = '/api/v1';

export async function createRegistryServer(options: RegistryServerOptions): Promise<FastifyInstance> {
  if (options.adminToken.length < 16) throw new Error('the admin token must be at least 16 characters long');
  const app = Fastify({ bodyLimit: options.maxBodyBytes ?? 5 * 1024 * 1024, logger: false });
  const context: RouteContext = {
    store: options.store,
    principal: (request) => identify(request, options.store, options.adminToken),
    async requireReader(request) {
      const principal = await identify(request, options.store, options.adminToken);
      if (options.readAccess === 'token' && !principal)
        throw unauthorized('reading this registry needs a token');
    },
  };
  app.setErrorHandler((error: unknown, request, reply) => sendError(reply, asApiError(error, request)));
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (options.webRoot && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendError(reply, notFound(`no route ${request.method} ${request.url.split('?')[0]}`));
  });
  await app.register(
    async (api) => {
      api.get('/health', async () => ({ status: 'ok', store: options.store.kind }));
      api.get('/openapi.json', async () => openapiDocument);
      registerAdminRoutes(api, context);
      registerPublishRoutes(api, context);
      registerCatalogRoutes(api, context);
    },
    { prefix: API_PREFIX },
  );
  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot, prefix: '/' });
  return app;
}

function sendError(reply: FastifyReply, error: ApiError) {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details !== undefined) body.details = error.details;
  return reply.status(error.status).type('application/json').send({ error: body });
}

/** Fastify's own errors (body too large, bad JSON, …) get our codes; anything else is a 500. */
function asApiError(error: unknown, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string };
  const message = e.message ?? 'error';
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError(413, 'payload_too_large', message);
  if (
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    e instanceof SyntaxError
  )
    return new ApiError(422, 'invalid_payload', `the body is not valid JSON: ${message}`);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new ApiError(415, 'unsupported_media_type', message);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new ApiError(e.statusCode, 'bad_request', message);
  request.log.error(error);
  return new ApiError(500, 'internal', 'internal error');
}
