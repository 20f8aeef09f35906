/**
 * A small client of the registry API for the CLI (publish, create domains and tokens). Errors
 * come back as `RegistryClientError` with the server's code and message.
 */
import type { Publication } from '../mesh/index.js';
import type { ChangeEntry } from './store/index.js';

export class RegistryClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PublishResponse {
  id: number;
  project: string;
  domain: string;
  published_at: string;
  breaking: ChangeEntry[];
  non_breaking: ChangeEntry[];
}

export class RegistryClient {
  private readonly base: string;

  constructor(
    registryUrl: string,
    private readonly token?: string,
  ) {
    this.base = `${registryUrl.replace(/\/+$/, '')}/api/v1`;
  }

  publish(publication: Publication, domain?: string): Promise<PublishResponse> {
    const query = domain === undefined ? '' : `?domain=${encodeURIComponent(domain)}`;
    return this.request('POST', `/publications${query}`, publication);
  }

  createDomain(domain: { name: string; owner: string; description: string }): Promise<unknown> {
    return this.request('POST', '/domains', domain);
  }

  createToken(domain: string): Promise<{ id: string; token: string; domain: string }> {
    return this.request('POST', `/domains/${encodeURIComponent(domain)}/tokens`);
  }

  revokeToken(id: string): Promise<unknown> {
    return this.request('DELETE', `/tokens/${encodeURIComponent(id)}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new RegistryClientError(
        0,
        'unreachable',
        `cannot reach the registry at ${this.base}: ${String(error)}`,
      );
    }
    const text = await response.text();
    const json = text === '' ? undefined : safeJson(text);
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      const details = Array.isArray(error?.details)
        ? `: ${(error.details as { path?: string; message?: string }[])
            .slice(0, 5)
            .map((d) => `${d.path ?? ''} ${d.message ?? ''}`.trim())
            .join('; ')}`
        : '';
      throw new RegistryClientError(
        response.status,
        error?.code ?? 'http_error',
        `${response.status} ${error?.message ?? response.statusText}${details}`,
      );
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
