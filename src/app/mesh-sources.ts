/**
 * Where a mesh reads published data products from: the publications folder of mesh.yml, or a
 * registry (`--registry URL`, `registry:` in mesh.yml or TESSERA_REGISTRY_URL). Reading a registry
 * uses its open read API (`/projects`, `/projects/:p/publications`, `/publications/:id`) with the
 * token of TESSERA_REGISTRY_TOKEN when set (a registry may make reading token-only).
 */
import {
  type MeshWorkspace,
  type Publication,
  type ReadPublicationResult,
  readAllPublications,
  readPublication,
} from '../mesh/index.js';

/** Env vars a mesh reads its registry from when no flag or mesh.yml key names one. */
export const REGISTRY_URL_ENV = 'TESSERA_REGISTRY_URL';
export const REGISTRY_TOKEN_ENV = 'TESSERA_REGISTRY_TOKEN';
/** With the admin token: the domain a project not yet registered is published for. */
export const REGISTRY_DOMAIN_ENV = 'TESSERA_REGISTRY_DOMAIN';

export interface PublicationSource {
  /** For messages: the folder or the registry URL. */
  where: string;
  /** The newest publication of a project. */
  read(project: string): Promise<ReadPublicationResult>;
  /** The newest publication of every project it knows. */
  all(): Promise<Publication[]>;
  /** Sends a publication just written to the folder on (registries only). */
  publish?(publication: Publication): Promise<void>;
}

export function folderSource(dir: string): PublicationSource {
  return {
    where: dir,
    read: (project) => readPublication(dir, project),
    all: () => readAllPublications(dir),
  };
}

export function registrySource(url: string, token = process.env[REGISTRY_TOKEN_ENV]): PublicationSource {
  const base = `${url.replace(/\/+$/, '')}/api/v1`;
  const get = async <T>(path: string): Promise<{ status: number; body?: T; error?: string }> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch (err) {
      return { status: 0, error: `cannot reach the registry at ${url}: ${(err as Error).message}` };
    }
    const body = (await response.json().catch(() => undefined)) as T | undefined;
    if (response.ok) return { status: response.status, body };
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
    return { status: response.status, error: `${response.status} ${message ?? response.statusText}` };
  };
  const byId = async (id: number): Promise<Publication | string> => {
    const r = await get<{ publication: Publication }>(`/publications/${id}`);
    return r.body?.publication ?? r.error ?? 'empty answer';
  };
  return {
    where: url,
    async read(project) {
      const history = await get<{ id: number }[]>(`/projects/${encodeURIComponent(project)}/publications`);
      const newest = history.body?.length ? Math.max(...history.body.map((h) => h.id)) : undefined;
      if (newest === undefined) {
        const missing = history.status === 404 || (history.status === 200 && newest === undefined);
        return {
          ok: false,
          missing,
          problem: missing
            ? {
                code: 'E_NO_PUBLICATION',
                message: `project '${project}' has not been published to the registry at ${url} yet: publish it first (tessera publish --registry ${url})`,
              }
            : { code: 'E_REGISTRY', message: `cannot read ${project} from the registry: ${history.error}` },
        };
      }
      const publication = await byId(newest);
      return typeof publication === 'string'
        ? {
            ok: false,
            missing: false,
            problem: {
              code: 'E_REGISTRY',
              message: `cannot read ${project} from the registry: ${publication}`,
            },
          }
        : { ok: true, publication };
    },
    async all() {
      const projects = await get<{ latest_publication_id: number | null }[]>('/projects');
      const out: Publication[] = [];
      for (const p of projects.body ?? [])
        if (p.latest_publication_id !== null) {
          const publication = await byId(p.latest_publication_id);
          if (typeof publication !== 'string') out.push(publication);
        }
      return out;
    },
    async publish(publication) {
      // The admin token must name the domain: the one the project is registered to, else the env's.
      const projects = await get<{ name: string; domain: string }[]>('/projects');
      const domain =
        projects.body?.find((p) => p.name === publication.project)?.domain ??
        process.env[REGISTRY_DOMAIN_ENV];
      // Loaded on demand: the registry module brings the HTTP server with it.
      const { RegistryClient } = await import('../registry/index.js');
      await new RegistryClient(url, token).publish(publication, domain);
    },
  };
}

/** The source a mesh command reads from: an explicit registry, mesh.yml's, the env's, or the folder. */
export function publicationSource(ws: MeshWorkspace, registry?: string): PublicationSource {
  const url = registry ?? ws.registry ?? process.env[REGISTRY_URL_ENV];
  return url ? registrySource(url) : folderSource(ws.publicationsDir);
}
