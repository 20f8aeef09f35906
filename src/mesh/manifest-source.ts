/**
 * Upstream metadata from a dbt `manifest.json`, for a project built by dbt-core (or by another
 * Tessera): its public models become a publication in memory, with the test statuses of the
 * `run_results.json` beside it when there is one. Nothing is written.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readManifest, readRunResults } from '../artifacts/index.js';
import type { ManifestNode } from '../parser/index.js';
import type { MeshProblem } from './problems.js';
import { buildPublication, type GroupInfo, type NodeOutcome } from './publication.js';
import type { Publication } from './publication-types.js';
import type { ManifestProject } from './workspace.js';

export async function publicationFromManifest(
  entry: ManifestProject,
): Promise<{ ok: true; publication: Publication } | { ok: false; problem: MeshProblem }> {
  const read = await readManifest(entry.manifest);
  if (!read.ok)
    return {
      ok: false,
      problem: {
        code: 'E_BAD_MANIFEST',
        message: `cannot read ${entry.manifest}: ${read.error.message}`,
        file: entry.manifest,
      },
    };
  const manifest = read.value;
  const nodes: Record<string, ManifestNode> = {};
  for (const [id, node] of Object.entries(manifest.nodes)) nodes[id] = withDefaults(node);
  const groups: GroupInfo[] = Object.values(manifest.groups ?? {})
    .filter((g) => g.package_name === entry.name)
    .map((g) => ({ name: g.name, owner: { ...(g.owner as GroupInfo['owner']) } }));
  const results = await runResultsBeside(entry.manifest);
  const metadata = manifest.metadata as {
    adapter_type?: string;
    invocation_id?: string;
    generated_at?: string;
  };
  const publication = buildPublication({
    project: entry.name,
    targetName: entry.target,
    adapterType: metadata.adapter_type ?? 'unknown',
    nodes,
    groups,
    results,
    upstreamProjects: new Set(),
    invocationId: metadata.invocation_id ?? '',
    toolVersion: 'dbt manifest',
    publishedAt: metadata.generated_at ? new Date(metadata.generated_at) : undefined,
  });
  return { ok: true, publication };
}

async function runResultsBeside(manifestFile: string): Promise<NodeOutcome[]> {
  const file = join(dirname(manifestFile), 'run_results.json');
  if (!existsSync(file)) return [];
  const read = await readRunResults(file);
  return read.ok ? (read.value.results as NodeOutcome[]) : [];
}

/** Older manifests (v10, v11) lack some model fields the publication reads. */
function withDefaults(node: ManifestNode): ManifestNode {
  if (node.resource_type !== 'model') return node;
  const m = node as ManifestNode & Record<string, unknown>;
  return {
    ...m,
    constraints: m.constraints ?? [],
    primary_key: m.primary_key ?? [],
    latest_version: m.latest_version ?? null,
    deprecation_date: m.deprecation_date ?? null,
    version: m.version ?? null,
    contract: m.contract ?? { enforced: false, alias_types: true, checksum: null },
    columns: Object.fromEntries(
      Object.entries(m.columns ?? {}).map(([k, c]) => [k, { ...c, constraints: c.constraints ?? [] }]),
    ),
  } as ManifestNode;
}
