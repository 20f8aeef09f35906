/**
 * The registry's read API (`/api/v1`), typed loosely: the app shows what is there and tolerates
 * fields a registry version does not send, so every optional field is checked before use.
 */

export interface Domain {
  name: string;
  owner: string;
  description: string;
  project_count: number;
  product_count: number;
}

export interface ProductSummary {
  id: string;
  project: string;
  domain: string | null;
  name: string;
  description: string;
  owner: unknown;
  group: string | null;
  latest_version: string | number | null;
  versions: unknown[];
  tags: string[];
  status: 'passing' | 'failing' | 'untested' | string;
  tests: { passed: number; failed: number };
  freshness: unknown;
  updated_at: string;
  score: number;
  /** Not in every registry version: column names let the client rank by them too. */
  columns?: unknown[];
}

export interface Constraint {
  type: string;
  name?: string | null;
  expression?: string | null;
  to?: string | null;
  to_columns?: string[];
}

export interface ContractColumn {
  name: string;
  data_type: string | null;
  description: string;
  constraints: Constraint[];
}

export interface ProductTest {
  unique_id?: string;
  test_name: string;
  column_name: string | null;
  status: string;
  failures: number | null;
}

export interface Relation {
  relation_name: string;
  database?: string | null;
  schema?: string;
  identifier?: string;
}

/** The summary's fields plus the latest publication's product; `tests` is the list of tests here. */
export interface ProductDetail extends Partial<Omit<ProductSummary, 'tests'>> {
  project: string;
  name: string;
  tests?: ProductTest[] | { passed: number; failed: number };
  access?: string;
  version?: string | number | null;
  deprecation_date?: string | null;
  contract?: { enforced?: boolean; columns?: ContractColumn[]; constraints?: Constraint[] };
  relations?: Record<string, Relation>;
  upstream?: unknown[];
  downstream?: unknown[];
  consumers?: { project: string; models: string[] }[];
  example_sql?: string;
  history?: unknown[];
  [key: string]: unknown;
}

export interface LineageGraph {
  nodes: { id: string; label: string; domain: string | null; kind: string }[];
  edges: { from: string; to: string }[];
}

/** A failed request, with the registry's `{error: {code, message}}` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/api/v1';

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(BASE + path, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

export const api = {
  domains: () => getJson<Domain[]>('/domains'),
  products: (q = '') => getJson<ProductSummary[]>(q ? `/products?q=${enc(q)}` : '/products'),
  product: (project: string, name: string) =>
    getJson<ProductDetail>(`/products/${enc(project)}/${enc(name)}`),
  odcsUrl: (project: string, name: string) => `${BASE}/products/${enc(project)}/${enc(name)}/odcs`,
  lineage: (level: 'project' | 'model', focus: string | null, depth: number | null) => {
    const params = new URLSearchParams({ level });
    if (focus) params.set('focus', focus);
    if (focus && depth !== null) params.set('depth', String(depth));
    return getJson<LineageGraph>(`/lineage?${params}`);
  },
};
