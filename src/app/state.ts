/**
 * `--state DIR`: the artifacts of an earlier run (its manifest, run_results and sources.json)
 * answer the `state:`, `result:` and `source_status:` selectors — CI builds only what changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  GraphNode,
  ResultLookup,
  SourceStatusLookup,
  StateComparator,
  StateSelector,
} from '../graph/index.js';
import { CommandError } from './errors.js';

interface PreviousNode {
  checksum?: { checksum?: string };
  config?: Record<string, unknown>;
  database?: string | null;
  schema?: string;
  alias?: string;
  identifier?: string;
  contract?: { checksum?: string | null };
  description?: string;
  columns?: Record<string, { description?: string }>;
  depends_on?: { macros?: string[] };
}

export interface StateLookups {
  state?: StateComparator;
  results?: ResultLookup;
  sourceStatus?: SourceStatusLookup;
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new CommandError([
      { message: `cannot read ${file}: ${(err as Error).message}`, code: 'E_STATE', file },
    ]);
  }
}

/** Configs compared for `state:modified.configs`, as dbt leaves out the ones that do not change output. */
const IGNORED_CONFIG_KEYS = new Set(['tags', 'meta', 'docs', 'persist_docs', 'post-hook', 'pre-hook']);

function comparableConfig(config: Record<string, unknown> | undefined): string {
  const entries = Object.entries(config ?? {})
    .filter(([k]) => !IGNORED_CONFIG_KEYS.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export function loadState(dir: string, currentTargetDir: string): StateLookups {
  const manifest = readJson(join(dir, 'manifest.json'));
  if (!manifest)
    throw new CommandError([
      {
        message: `--state ${dir}: no manifest.json there`,
        code: 'E_STATE',
        file: join(dir, 'manifest.json'),
      },
    ]);
  const previous = {
    ...(manifest.nodes as Record<string, PreviousNode>),
    ...(manifest.sources as Record<string, PreviousNode>),
  };
  const state: StateComparator = (node: GraphNode, selector: StateSelector) => {
    const old = previous[node.unique_id];
    const now = node as unknown as PreviousNode;
    if (selector === 'new') return old === undefined;
    if (selector === 'old') return old !== undefined;
    // dbt counts a new node as modified in every sense.
    if (old === undefined) return selector.startsWith('modified');
    const body = old.checksum?.checksum !== now.checksum?.checksum;
    const configs = comparableConfig(old.config) !== comparableConfig(now.config);
    const relation =
      old.database !== now.database ||
      old.schema !== now.schema ||
      (old.alias ?? old.identifier) !== (now.alias ?? now.identifier);
    const contract = (old.contract?.checksum ?? null) !== (now.contract?.checksum ?? null);
    const descriptions = old.description !== now.description;
    const macros =
      JSON.stringify(old.depends_on?.macros ?? []) !== JSON.stringify(now.depends_on?.macros ?? []);
    switch (selector) {
      case 'modified':
        return body || configs || relation || contract || descriptions || macros;
      case 'unmodified':
        return !(body || configs || relation || contract || descriptions || macros);
      case 'modified.body':
        return body;
      case 'modified.configs':
        return configs;
      case 'modified.relation':
        return relation;
      case 'modified.contract':
        return contract;
      case 'modified.persisted_descriptions':
        return descriptions;
      case 'modified.macros':
        return macros;
      default:
        return false;
    }
  };
  const runResults = readJson(join(dir, 'run_results.json'));
  const statusById = new Map(
    ((runResults?.results as { unique_id: string; status: string }[] | undefined) ?? []).map((r) => [
      r.unique_id,
      r.status,
    ]),
  );
  const results: ResultLookup = (id) => statusById.get(id);
  const loadedAt = (file: string) =>
    new Map(
      ((readJson(file)?.results as { unique_id: string; max_loaded_at?: string }[] | undefined) ?? [])
        .filter((r) => r.max_loaded_at)
        .map((r) => [r.unique_id, Date.parse(r.max_loaded_at!)]),
    );
  const before = loadedAt(join(dir, 'sources.json'));
  const after = loadedAt(join(currentTargetDir, 'sources.json'));
  const sourceStatus: SourceStatusLookup = (id, selector) => {
    if (selector !== 'fresher') return false;
    const now = after.get(id);
    const then = before.get(id);
    return now !== undefined && (then === undefined || now > then);
  };
  return { state, results, sourceStatus };
}
