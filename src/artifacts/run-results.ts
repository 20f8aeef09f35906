// target/run_results.json, schema v6: one entry per executed (or skipped) node of an invocation.
import {
  type BaseArtifactMetadata,
  type BaseMetadataInit,
  buildBaseMetadata,
  formatTimestamp,
  SCHEMA_URLS,
} from './metadata.js';

/** Models, seeds, snapshots, hooks, exposures. */
export type RunStatus = 'success' | 'error' | 'skipped' | 'partial success' | 'no-op' | 'reused';
/** Data tests and unit tests. */
export type TestStatus = 'pass' | 'error' | 'fail' | 'warn' | 'skipped';
/** Source freshness. */
export type FreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';
export type ResultStatus = RunStatus | TestStatus | FreshnessStatus;

export interface TimingInfo {
  name: string;
  started_at: string | null;
  completed_at: string | null;
}

/** `[batch start, batch end]` of a microbatch model. */
export type BatchRange = [string, string];

export interface BatchResults {
  successful: BatchRange[];
  failed: BatchRange[];
}

/** One entry of `results`, exactly as written. */
export interface RunResultOutput {
  status: ResultStatus;
  timing: TimingInfo[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  unique_id: string;
  compiled: boolean | null;
  compiled_code: string | null;
  relation_name: string | null;
  batch_results: BatchResults | null;
}

export interface RunResultsArtifact {
  metadata: BaseArtifactMetadata;
  results: RunResultOutput[];
  elapsed_time: number;
  args: Record<string, unknown>;
}

/** Timing as the runner records it: Date objects are formatted the way dbt writes them. */
export interface TimingInput {
  name: string;
  started_at: string | Date | null;
  completed_at: string | Date | null;
}

/**
 * A runner result: `unique_id` and `status` are required; other fields default to what dbt writes
 * for a node that did not get that far. Fields not in the schema (e.g. printer hints) are dropped.
 */
export type RunResultInput = Partial<Omit<RunResultOutput, 'timing'>> &
  Pick<RunResultOutput, 'unique_id' | 'status'> & { timing?: TimingInput[] };

export interface BuildRunResultsInput extends BaseMetadataInit {
  results: readonly RunResultInput[];
  /** Seconds the whole invocation took. */
  elapsedTime: number;
  /** The invocation's flags, written as `args` (dbt writes its CLI arguments here). */
  args?: Record<string, unknown>;
}

/** dbt's name for the threads of its worker pool. */
export const DEFAULT_THREAD_ID = 'Thread-1 (worker)';

function formatTime(value: string | Date | null): string | null {
  return value instanceof Date ? formatTimestamp(value) : value;
}

export function toRunResultOutput(input: RunResultInput): RunResultOutput {
  return {
    status: input.status,
    timing: (input.timing ?? []).map((t) => ({
      name: t.name,
      started_at: formatTime(t.started_at),
      completed_at: formatTime(t.completed_at),
    })),
    thread_id: input.thread_id ?? DEFAULT_THREAD_ID,
    execution_time: input.execution_time ?? 0,
    adapter_response: input.adapter_response ?? {},
    message: input.message ?? null,
    failures: input.failures ?? null,
    unique_id: input.unique_id,
    compiled: input.compiled ?? null,
    compiled_code: input.compiled_code ?? null,
    relation_name: input.relation_name ?? null,
    batch_results: input.batch_results ?? null,
  };
}

export function buildRunResults(input: BuildRunResultsInput): RunResultsArtifact {
  return {
    metadata: buildBaseMetadata(SCHEMA_URLS.runResults, input),
    results: input.results.map(toRunResultOutput),
    elapsed_time: input.elapsedTime,
    args: { ...input.args },
  };
}
