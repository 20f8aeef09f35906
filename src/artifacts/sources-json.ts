/** target/sources.json, schema v3: the outcome of `source freshness` for each selected source. */
import { type BaseArtifactMetadata, type BaseMetadataInit, buildBaseMetadata } from './metadata.js';

export const SOURCES_SCHEMA_URL = 'https://schemas.getdbt.com/dbt/sources/v3.json';

export interface FreshnessTime {
  count: number | null;
  period: 'minute' | 'hour' | 'day' | null;
}

export interface FreshnessResult {
  unique_id: string;
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  criteria?: { warn_after: FreshnessTime | null; error_after: FreshnessTime | null; filter: string | null };
  adapter_response?: Record<string, unknown>;
  timing?: { name: string; started_at: string; completed_at: string }[];
  thread_id?: string;
  execution_time?: number;
  /** Only for runtime errors. */
  error?: string;
}

export interface SourcesArtifact {
  metadata: BaseArtifactMetadata;
  results: Record<string, unknown>[];
  elapsed_time: number;
}

export function buildSourcesArtifact(
  input: BaseMetadataInit & { results: readonly FreshnessResult[]; elapsedTime: number },
): SourcesArtifact {
  return {
    metadata: buildBaseMetadata(SOURCES_SCHEMA_URL, input),
    // A runtime error has only its three fields; the schema allows nothing else there.
    results: input.results.map((r) =>
      r.status === 'runtime error'
        ? { unique_id: r.unique_id, error: r.error ?? null, status: r.status }
        : { ...r },
    ),
    elapsed_time: input.elapsedTime,
  };
}
