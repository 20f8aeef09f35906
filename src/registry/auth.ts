/**
 * Who is calling: the admin (the token the server was started with), a domain (one of its live
 * tokens), or nobody. A token that is present but wrong, tampered with or revoked is a 401.
 */
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from './errors.js';
import type { RegistryStore } from './store/index.js';
import { parseToken, sameSecret, secretMatches } from './tokens.js';

export type Principal = { kind: 'admin' } | { kind: 'domain'; domain: string; tokenId: string };

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
  return match[1];
}

export async function identify(
  request: FastifyRequest,
  store: RegistryStore,
  adminToken: string,
): Promise<Principal | undefined> {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  if (sameSecret(token, adminToken)) return { kind: 'admin' };
  const parsed = parseToken(token);
  if (!parsed) throw unauthorized('invalid token');
  const record = await store.token(parsed.id);
  // The hash is compared even when the token is revoked, so timing says nothing about which.
  if (!record || !secretMatches(record, parsed.secret) || record.revoked_at !== null)
    throw unauthorized('invalid or revoked token');
  return { kind: 'domain', domain: record.domain, tokenId: record.id };
}

export function requireAdmin(principal: Principal | undefined): void {
  if (!principal) throw unauthorized('the admin token is required');
  if (principal.kind !== 'admin') throw forbidden('only the admin token may do this');
}
