/**
 * The zod schema a received publication must satisfy before anything is stored: the shape of
 * `src/mesh/publication-types.ts`, with names fit for ids and URLs. Unknown extra fields are kept
 * (a newer producer may add some); a wrong type or a missing field is a 422.
 */
import { z } from 'zod';
import { PUBLICATION_FORMAT, type Publication } from '../mesh/index.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = z.string().regex(NAME, 'must be a letter or _ followed by letters, digits or _').max(200);
const version = z.union([z.string().max(100), z.number()]).nullable();

const constraint = z.looseObject({
  type: z.string(),
  name: z.string().nullable(),
  expression: z.string().nullable(),
  to: z.string().nullable(),
  to_columns: z.array(z.string()),
  columns: z.array(z.string()).optional(),
});

const relation = z.looseObject({
  database: z.string().nullable(),
  schema: z.string(),
  identifier: z.string(),
  relation_name: z.string(),
  connection: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const product = z.looseObject({
  unique_id: z.string().min(1),
  name,
  version,
  latest_version: version,
  deprecation_date: z.string().nullable(),
  access: z.literal('public'),
  group: z.string().nullable(),
  owner: z
    .looseObject({
      name: z.string().optional(),
      email: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .nullable(),
  description: z.string(),
  materialized: z.string(),
  relations: z.record(z.string(), relation),
  contract: z.looseObject({
    enforced: z.boolean(),
    columns: z.array(
      z.looseObject({
        name: z.string().min(1),
        data_type: z.string().nullable(),
        description: z.string(),
        constraints: z.array(constraint),
      }),
    ),
    constraints: z.array(constraint),
    primary_key: z.array(z.string()),
  }),
  tests: z.array(
    z.looseObject({
      unique_id: z.string(),
      test_name: z.string(),
      column_name: z.string().nullable(),
      kwargs: z.record(z.string(), z.unknown()),
      status: z.string(),
      failures: z.number().nullable(),
    }),
  ),
  freshness: z.unknown(),
  tags: z.array(z.string()),
  meta: z.record(z.string(), z.unknown()),
});

export const publicationSchema = z.looseObject({
  format: z.literal(PUBLICATION_FORMAT),
  project: name,
  target_name: z.string().min(1),
  adapter_type: z.string(),
  published_at: z.iso.datetime({ offset: true }),
  invocation_id: z.string(),
  tessera_version: z.string(),
  products: z.array(product),
  restricted: z.array(
    z.looseObject({ name: z.string(), version, access: z.string(), group: z.string().nullable() }),
  ),
  consumes: z.array(z.looseObject({ project: name, name, version, consumers: z.array(z.string()) })),
  expectations: z
    .array(
      z.looseObject({
        project: name,
        product: name,
        version,
        column_name: z.string().nullable(),
        test_name: z.string().min(1).max(200),
        kwargs: z.record(z.string(), z.unknown()),
        config: z.record(z.string(), z.unknown()),
        file: z.string(),
        line: z.number(),
      }),
    )
    .optional(),
});

export interface ValidationProblem {
  path: string;
  message: string;
}

export type ParsedPublication =
  | { ok: true; publication: Publication }
  | { ok: false; problems: ValidationProblem[] };

export function parsePublication(body: unknown): ParsedPublication {
  const result = publicationSchema.safeParse(body);
  if (result.success) {
    const publication = result.data as unknown as Publication;
    const duplicate = duplicateProduct(publication);
    if (duplicate) return { ok: false, problems: [{ path: 'products', message: duplicate }] };
    return { ok: true, publication };
  }
  return {
    ok: false,
    problems: result.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

function duplicateProduct(publication: Publication): string | undefined {
  const seen = new Set<string>();
  for (const p of publication.products) {
    const key = `${p.name}@${p.version ?? ''}`;
    if (seen.has(key)) return `product ${p.name}${p.version === null ? '' : ` v${p.version}`} appears twice`;
    seen.add(key);
  }
  return undefined;
}
