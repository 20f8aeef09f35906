/**
 * A data product's contract as an Open Data Contract Standard (ODCS) v3.1 document: the schema
 * with logical and physical types, required/unique/primary-key flags from the constraints, the
 * product's tests as quality rules, its servers (one per published environment), its owner as
 * the team, and freshness as a latency SLA. (v3.1 rather than v3.0.2: the v3.0.2 JSON schema
 * types a DuckDB server's `schema` as an integer.)
 */
import type {
  DataProduct,
  Publication,
  PublishedConstraint,
  PublishedRelation,
  PublishedTest,
} from './publication-types.js';

export const ODCS_API_VERSION = 'v3.1.0';

type Doc = Record<string, unknown>;

export function odcsContract(publication: Publication, product: DataProduct, today = new Date()): Doc {
  const columnTests = new Map<string, PublishedTest[]>();
  const modelTests: PublishedTest[] = [];
  for (const t of product.tests) {
    if (t.column_name === null) modelTests.push(t);
    else columnTests.set(t.column_name, [...(columnTests.get(t.column_name) ?? []), t]);
  }
  const pk = new Set(product.contract.primary_key);
  const modelConstraints = product.contract.constraints;
  const columnHas = (name: string, own: PublishedConstraint[], type: string) =>
    own.some((c) => c.type === type) ||
    modelConstraints.some((c) => c.type === type && c.columns?.length === 1 && c.columns[0] === name);
  const properties = product.contract.columns.map((c) => {
    const primary = pk.has(c.name) || columnHas(c.name, c.constraints, 'primary_key');
    const tests = columnTests.get(c.name) ?? [];
    return compact({
      name: c.name,
      logicalType: logicalType(c.data_type),
      physicalType: c.data_type ?? undefined,
      description: c.description || undefined,
      required:
        primary ||
        columnHas(c.name, c.constraints, 'not_null') ||
        tests.some((t) => t.test_name === 'not_null'),
      unique:
        primary || columnHas(c.name, c.constraints, 'unique') || tests.some((t) => t.test_name === 'unique'),
      primaryKey: primary || undefined,
      primaryKeyPosition: primary ? [...pk].indexOf(c.name) + 1 || 1 : undefined,
      quality: nonEmpty(tests.map(qualityRule)),
    });
  });
  const deprecated = product.deprecation_date !== null && new Date(product.deprecation_date) <= today;
  const version = product.version === null ? '1.0.0' : `${product.version}.0.0`;
  const physicalName = Object.values(product.relations)[0]?.identifier ?? product.name;
  return compact({
    apiVersion: ODCS_API_VERSION,
    kind: 'DataContract',
    id: `urn:tessera:${publication.project}:${product.name}${product.version === null ? '' : `:v${product.version}`}`,
    name: product.name,
    version,
    status: deprecated ? 'deprecated' : 'active',
    domain: publication.project,
    dataProduct: product.name,
    description: compact({
      purpose: product.description || undefined,
      usage: `{{ ref('${publication.project}', '${product.name}'${product.version === null ? '' : `, v=${product.version}`}) }}`,
    }),
    schema: [
      compact({
        name: product.name,
        logicalType: 'object',
        physicalType: product.materialized === 'view' ? 'view' : 'table',
        physicalName,
        description: product.description || undefined,
        properties,
        quality: nonEmpty(modelTests.map(qualityRule)),
      }),
    ],
    servers: Object.entries(product.relations).map(([target, r]) =>
      server(publication.adapter_type, target, r),
    ),
    team: product.owner
      ? compact({
          name: product.group ?? product.owner.name,
          members: [
            compact({
              username: firstEmail(product.owner.email) ?? product.owner.name,
              name: product.owner.name,
              role: 'owner',
            }),
          ],
        })
      : undefined,
    tags: nonEmpty(product.tags),
    slaProperties: nonEmpty(latency(product.freshness)),
    customProperties: [
      { property: 'tesseraUniqueId', value: product.unique_id },
      ...(product.group ? [{ property: 'group', value: product.group }] : []),
      ...(product.deprecation_date ? [{ property: 'deprecationDate', value: product.deprecation_date }] : []),
      ...(product.latest_version !== null
        ? [{ property: 'latestVersion', value: String(product.latest_version) }]
        : []),
    ],
    contractCreatedTs: publication.published_at,
  });
}

/** ODCS v3 logical types from a warehouse type name. */
export function logicalType(dataType: string | null): string | undefined {
  if (!dataType) return undefined;
  const t = dataType.toLowerCase().trim();
  if (/\[\d*\]$|^(list|array)\b/.test(t)) return 'array';
  if (/^(tiny|small|big|hug|u)?int(eger)?\d*\b|^(u?tinyint|u?smallint|u?bigint|hugeint|uhugeint)/.test(t))
    return 'integer';
  if (/^(decimal|numeric|double|float|real)/.test(t)) return 'number';
  if (/^(bool)/.test(t)) return 'boolean';
  if (/^(date|timestamp|time)/.test(t)) return 'date';
  if (/^(struct|map|json)/.test(t)) return 'object';
  return 'string';
}

/** An ODCS server per adapter: DuckDB names its file, PostgreSQL its host; others are `custom`. */
function server(adapterType: string, target: string, r: PublishedRelation): Doc {
  const c = r.connection ?? {};
  if (adapterType === 'duckdb')
    return { server: target, type: 'duckdb', database: String(c.path ?? r.database ?? ''), schema: r.schema };
  if (adapterType === 'postgres' && c.host !== undefined)
    return compact({
      server: target,
      type: 'postgres',
      host: String(c.host),
      port: Number(c.port ?? 5432),
      database: String(c.dbname ?? r.database ?? ''),
      schema: r.schema,
    });
  return compact({
    server: target,
    type: 'custom',
    description: `${adapterType}: ${r.relation_name}`,
    customProperties: [{ property: 'relationName', value: r.relation_name }],
  });
}

function qualityRule(t: PublishedTest): Doc {
  const kw = t.kwargs;
  const name = t.unique_id;
  switch (t.test_name) {
    case 'not_null':
      return { name, type: 'library', metric: 'nullValues', mustBe: 0 };
    case 'unique':
      return { name, type: 'library', metric: 'duplicateValues', mustBe: 0 };
    case 'accepted_values':
      return {
        name,
        type: 'library',
        metric: 'invalidValues',
        arguments: { validValues: kw.values ?? [] },
        mustBe: 0,
      };
    default:
      return {
        type: 'custom',
        engine: 'tessera',
        implementation: `${t.test_name}${Object.keys(kw).length ? ` ${JSON.stringify(kw)}` : ''}`,
        name,
      };
  }
}

const PERIOD_UNITS: Record<string, string> = { minute: 'm', hour: 'h', day: 'd' };

/** `{warn_after|error_after: {count, period}}` as an ODCS latency SLA. */
function latency(freshness: unknown): Doc[] {
  if (!freshness || typeof freshness !== 'object') return [];
  const f = freshness as Record<string, { count?: number; period?: string } | undefined>;
  const limit = f.error_after ?? f.warn_after;
  if (!limit || typeof limit.count !== 'number' || !limit.period) return [];
  return [{ property: 'latency', value: limit.count, unit: PERIOD_UNITS[limit.period] ?? limit.period }];
}

function firstEmail(email: string | string[] | undefined): string | undefined {
  return Array.isArray(email) ? email[0] : email;
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

/** Drops undefined fields and false flags, so the YAML shows only what is said. */
function compact(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined && v !== false));
}
