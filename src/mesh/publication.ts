/**
 * Building a project's publication from its parsed nodes and the results of the build that
 * just passed: every public model becomes a data product with its contract, owner, tests and
 * relation; non-public models are listed by name and access only; cross-project refs are
 * recorded as what the project consumes.
 */
import type { ManifestNode, ModelNode } from '../parser/index.js';
import {
  type ConsumedProduct,
  type DataProduct,
  type Owner,
  PUBLICATION_FORMAT,
  type Publication,
  type PublishedConstraint,
  type PublishedTest,
  type RestrictedModel,
} from './publication-types.js';

/** What the runner reported for one node (a structural subset of a run result). */
export interface NodeOutcome {
  unique_id: string;
  status: string;
  failures?: number | null;
}

export interface GroupInfo {
  name: string;
  owner: Owner;
  description?: string;
}

export interface BuildPublicationInput {
  project: string;
  targetName: string;
  adapterType: string;
  nodes: Record<string, ManifestNode>;
  groups: readonly GroupInfo[];
  results: readonly NodeOutcome[];
  /** Names of the upstream projects whose models were injected as external nodes. */
  upstreamProjects: ReadonlySet<string>;
  /** The last publication: its relations for other targets are kept. */
  previous?: Publication;
  invocationId: string;
  toolVersion: string;
  publishedAt?: Date;
  /** Where the warehouse of this target is, without secrets (see `PublishedRelation.connection`). */
  connection?: Record<string, string | number>;
}

const FAILED = new Set(['error', 'fail', 'runtime error', 'skipped']);

/**
 * Why the results may not be published, or undefined when they may: a failed or skipped node,
 * or a public model the build did not build.
 */
export function publishBlocker(
  project: string,
  nodes: Record<string, ManifestNode>,
  results: readonly NodeOutcome[],
): string | undefined {
  const failed = results.filter((r) => FAILED.has(r.status));
  if (failed.length)
    return `the build of '${project}' did not pass (${failed.length} failed or skipped: ${failed
      .slice(0, 3)
      .map((r) => `${r.unique_id} ${r.status}`)
      .join(', ')}${failed.length > 3 ? ', …' : ''}); the last publication stays`;
  const built = new Set(results.filter((r) => r.status === 'success').map((r) => r.unique_id));
  const missing = publicModels(project, nodes).filter((m) => !built.has(m.unique_id));
  if (missing.length)
    return `public model ${missing.map((m) => m.unique_id).join(', ')} was not built by the last build: build the whole project before publishing`;
  return undefined;
}

export function buildPublication(input: BuildPublicationInput): Publication {
  const outcome = new Map(input.results.map((r) => [r.unique_id, r]));
  const groups = new Map(input.groups.map((g) => [g.name, g]));
  const previous = new Map((input.previous?.products ?? []).map((p) => [p.unique_id, p]));
  const nodes = Object.values(input.nodes);
  const products = publicModels(input.project, input.nodes).map((m): DataProduct => {
    const group = groupOf(m);
    const relation = {
      database: m.database,
      schema: m.schema,
      identifier: m.alias,
      relation_name: m.relation_name ?? `${m.schema}.${m.alias}`,
      ...(input.connection ? { connection: { ...input.connection } } : {}),
    };
    return {
      unique_id: m.unique_id,
      name: m.name,
      version: m.version,
      latest_version: m.latest_version,
      deprecation_date: m.deprecation_date,
      access: 'public',
      group: group ?? null,
      owner: ownerOf(m, group ? groups.get(group) : undefined),
      description: m.description,
      materialized: String(m.config.materialized ?? 'view'),
      relations: { ...previous.get(m.unique_id)?.relations, [input.targetName]: relation },
      contract: {
        enforced: m.contract.enforced,
        columns: Object.values(m.columns).map((c) => ({
          name: c.name,
          data_type: c.data_type,
          description: c.description,
          constraints: c.constraints.map(constraintOf),
        })),
        constraints: m.constraints.map((c) => ({ ...constraintOf(c), columns: [...c.columns] })),
        primary_key: [...m.primary_key],
      },
      tests: testsOf(m.unique_id, input.project, nodes, outcome),
      freshness: freshnessOf(m),
      tags: [...m.tags],
      meta: { ...m.meta },
    };
  });
  const restricted: RestrictedModel[] = nodes
    .filter((n): n is ModelNode => n.resource_type === 'model' && n.package_name === input.project)
    .filter((m) => accessOf(m) !== 'public')
    .map((m) => ({ name: m.name, version: m.version, access: accessOf(m), group: groupOf(m) ?? null }));
  return {
    format: PUBLICATION_FORMAT,
    project: input.project,
    target_name: input.targetName,
    adapter_type: input.adapterType,
    published_at: (input.publishedAt ?? new Date()).toISOString(),
    invocation_id: input.invocationId,
    tessera_version: input.toolVersion,
    products,
    restricted,
    consumes: consumedProducts(input, nodes),
  };
}

function publicModels(project: string, nodes: Record<string, ManifestNode>): ModelNode[] {
  return Object.values(nodes)
    .filter((n): n is ModelNode => n.resource_type === 'model' && n.package_name === project)
    .filter((m) => accessOf(m) === 'public' && m.config.materialized !== 'ephemeral');
}

function accessOf(m: ModelNode): string {
  return String(m.config.access ?? m.access ?? 'protected');
}

function groupOf(m: ModelNode): string | undefined {
  const g = m.config.group ?? m.group;
  return typeof g === 'string' && g !== '' ? g : undefined;
}

/** The group's owner; a model's `meta.owner` when it has no group. */
function ownerOf(m: ModelNode, group: GroupInfo | undefined): Owner | null {
  if (group) return { ...group.owner };
  const metaOwner = m.meta.owner ?? (m.config.meta as Record<string, unknown> | undefined)?.owner;
  if (typeof metaOwner === 'string')
    return metaOwner.includes('@') ? { email: metaOwner } : { name: metaOwner };
  return null;
}

function constraintOf(c: {
  type: string;
  name: string | null;
  expression: string | null;
  to: string | null;
  to_columns: string[];
}): PublishedConstraint {
  return { type: c.type, name: c.name, expression: c.expression, to: c.to, to_columns: [...c.to_columns] };
}

function freshnessOf(m: ModelNode): unknown {
  const config = m.config as Record<string, unknown>;
  const meta = m.meta as Record<string, unknown>;
  return config.freshness ?? meta.freshness ?? null;
}

/** Tests of the project that read the model (generic tests attached to it, singular ones reading it). */
function testsOf(
  modelId: string,
  project: string,
  nodes: ManifestNode[],
  outcome: Map<string, NodeOutcome>,
): PublishedTest[] {
  const out: PublishedTest[] = [];
  for (const n of nodes) {
    if (n.resource_type !== 'test' || n.package_name !== project) continue;
    const attached = 'attached_node' in n ? n.attached_node : null;
    if (attached !== modelId && !(attached === null && n.depends_on.nodes.includes(modelId))) continue;
    const meta = 'test_metadata' in n ? n.test_metadata : undefined;
    const r = outcome.get(n.unique_id);
    out.push({
      unique_id: n.unique_id,
      test_name: meta?.name ?? n.name,
      column_name: 'column_name' in n ? n.column_name : null,
      kwargs: Object.fromEntries(
        Object.entries(meta?.kwargs ?? {}).filter(([k]) => k !== 'model' && k !== 'column_name'),
      ),
      status: r?.status ?? 'not run',
      failures: r?.failures ?? null,
    });
  }
  return out.sort((a, b) => a.unique_id.localeCompare(b.unique_id));
}

function consumedProducts(input: BuildPublicationInput, nodes: ManifestNode[]): ConsumedProduct[] {
  const byKey = new Map<string, ConsumedProduct>();
  for (const n of nodes) {
    if (n.package_name !== input.project || !('depends_on' in n)) continue;
    for (const id of (n.depends_on as { nodes?: string[] }).nodes ?? []) {
      const target = input.nodes[id];
      if (target?.resource_type !== 'model' || !input.upstreamProjects.has(target.package_name)) continue;
      const key = `${target.package_name}.${target.name}.${target.version ?? ''}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { project: target.package_name, name: target.name, version: target.version, consumers: [] };
        byKey.set(key, entry);
      }
      entry.consumers.push(n.unique_id);
    }
  }
  return [...byKey.values()].sort((a, b) => `${a.project}.${a.name}`.localeCompare(`${b.project}.${b.name}`));
}
