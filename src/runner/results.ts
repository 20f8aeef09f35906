/** The outcome of running one node, shaped after dbt's run_results entries. */

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'runtime error';

export interface NodeTiming {
  name: 'compile' | 'execute';
  started_at: string;
  completed_at: string;
}

export interface NodeResult {
  unique_id: string;
  status: NodeStatus;
  timing: NodeTiming[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  compiled: boolean;
  compiled_code: string | null;
  relation_name: string | null;
  /** Not written to run_results: what printers need. */
  display?: { kind: string; relation?: string; detail?: string; label?: string };
}

export function isFailure(status: NodeStatus): boolean {
  return status === 'error' || status === 'fail' || status === 'runtime error';
}

/** dbt's summary counters: PASS (success/pass), WARN, ERROR (error/fail), SKIP. */
export function summarize(results: readonly NodeResult[]): {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  total: number;
} {
  const s = { pass: 0, warn: 0, error: 0, skip: 0, total: results.length };
  for (const r of results) {
    if (r.status === 'success' || r.status === 'pass') s.pass++;
    else if (r.status === 'warn') s.warn++;
    else if (r.status === 'skipped') s.skip++;
    else s.error++;
  }
  return s;
}
