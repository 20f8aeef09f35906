/**
 * Upstream data products as manifest nodes of the consuming project: model nodes of the
 * upstream's package whose relation is the producer's published relation, so `ref('orders',
 * 'fct_orders')` resolves like any ref but is never parsed again nor built.
 *
 * Which environment: the consumer's own target name when the producer published it, else
 * `prod`, else the only one published; anything else is an error naming what exists.
 */
import { type ConstraintType, type ManifestNode, type ModelNode, makeModelNode } from '../parser/index.js';
import type { MeshProblem } from './problems.js';
import type { DataProduct, Publication, PublishedRelation } from './publication-types.js';

export interface ExternalNodes {
  nodes: ManifestNode[];
  problems: MeshProblem[];
}

/** The relation a consumer in `targetName` reads, or a problem. */
export function pickRelation(
  project: string,
  product: DataProduct,
  targetName: string,
): { target: string; relation: PublishedRelation } | MeshProblem {
  const relations = product.relations;
  const names = Object.keys(relations);
  const chosen = relations[targetName]
    ? targetName
    : relations.prod
      ? 'prod'
      : names.length === 1
        ? names[0]!
        : undefined;
  if (chosen === undefined)
    return {
      code: 'E_NO_RELATION',
      message: `${project}.${product.name} is published for targets ${names.join(', ') || '(none)'}, not for '${targetName}' or 'prod': publish it from one of them`,
    };
  return { target: chosen, relation: relations[chosen]! };
}

export function externalNodesFrom(publications: readonly Publication[], targetName: string): ExternalNodes {
  const nodes: ManifestNode[] = [];
  const problems: MeshProblem[] = [];
  for (const pub of publications) {
    for (const product of pub.products) {
      const picked = pickRelation(pub.project, product, targetName);
      if ('code' in picked) {
        problems.push(picked);
        continue;
      }
      nodes.push(productNode(pub.project, product, picked.relation));
    }
    // Listed so that a ref to them fails with the access rule, not with "not found".
    for (const m of pub.restricted)
      nodes.push(
        makeModelNode({
          name: m.name,
          package_name: pub.project,
          original_file_path: `(published by ${pub.project})`,
          schema: '',
          version: m.version,
          group: m.group,
          config: { access: m.access as ModelNode['access'], group: m.group, materialized: 'table' },
        }),
      );
  }
  return { nodes, problems };
}

function productNode(project: string, product: DataProduct, relation: PublishedRelation): ModelNode {
  const node = makeModelNode({
    name: product.name,
    package_name: project,
    original_file_path: `(published by ${project})`,
    database: relation.database,
    schema: relation.schema,
    alias: relation.identifier,
    version: product.version,
    latest_version: product.latest_version,
    deprecation_date: product.deprecation_date,
    description: product.description,
    relation_name: relation.relation_name,
    group: product.group,
    primary_key: [...product.contract.primary_key],
    config: {
      access: 'public',
      group: product.group,
      materialized: product.materialized === 'view' ? 'view' : 'table',
      tags: [...product.tags],
    },
  });
  node.contract = { enforced: product.contract.enforced, alias_types: true, checksum: null };
  for (const c of product.contract.columns)
    node.columns[c.name] = {
      name: c.name,
      description: c.description,
      meta: {},
      data_type: c.data_type,
      constraints: c.constraints.map((k) => ({
        ...k,
        type: k.type as ConstraintType,
        warn_unenforced: true,
        warn_unsupported: true,
      })),
      quote: null,
      config: { meta: {}, tags: [] },
      tags: [],
      granularity: null,
      doc_blocks: [],
    };
  return node;
}
