/**
 * `source freshness`: for each selected source table with a freshness rule, ask the warehouse
 * for its latest `loaded_at_field` (or run its `loaded_at_query`), compare the age with
 * `warn_after` / `error_after`, and write target/sources.json.
 */
import { join } from 'node:path';
import {
  buildSourcesArtifact,
  type FreshnessResult,
  type FreshnessTime,
  writeJsonAtomic,
} from '../artifacts/index.js';
import type { SourceDefinition } from '../parser/index.js';
import type { EventBus, NodeResult } from '../runner/index.js';
import { connect, type Invocation } from './invocation.js';
import { type SelectionFlags, selectFor } from './selection.js';

const SECONDS: Record<string, number> = { minute: 60, hour: 3600, day: 86400 };

function seconds(t: FreshnessTime | null | undefined): number | undefined {
  if (!t || t.count === null || t.count === undefined || !t.period) return undefined;
  return t.count * SECONDS[t.period]!;
}

/** DuckDB and PostgreSQL print timestamps without a zone; dbt reads them as UTC. */
function parseUtc(text: string): Date {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(iso) ? iso : `${iso}Z`);
}

export interface FreshnessOutcome {
  results: FreshnessResult[];
  exitCode: 0 | 1;
}

export async function sourceFreshness(
  inv: Invocation,
  flags: SelectionFlags,
  events: EventBus,
): Promise<FreshnessOutcome> {
  const started = performance.now();
  const selected = [...selectFor(inv, 'source', { ...flags, resourceTypes: ['source'] }).selected];
  const sources = selected
    .map((id) => inv.project.sources[id])
    .filter(
      (s): s is SourceDefinition =>
        s !== undefined &&
        (s.freshness?.warn_after?.count != null || s.freshness?.error_after?.count != null),
    );
  const { adapter, compiler } = await connect(inv);
  const results: FreshnessResult[] = [];
  events.emit({ type: 'run-started', total: sources.length, command: 'freshness', threads: inv.threads });
  try {
    for (const [i, source] of sources.entries()) {
      const info = {
        unique_id: source.unique_id,
        name: source.name,
        resource_type: 'source',
        description: `freshness of ${source.source_name}.${source.name}`,
      };
      events.emit({ type: 'node-started', index: i + 1, total: sources.length, node: info });
      const t0 = new Date();
      const criteria = {
        warn_after: source.freshness?.warn_after ?? null,
        error_after: source.freshness?.error_after ?? null,
        filter: source.freshness?.filter ?? null,
      };
      let result: FreshnessResult;
      try {
        const relation = compiler.sourceRelation(source as never).render();
        const sql = source.loaded_at_query
          ? source.loaded_at_query
          : `select cast(max(${source.loaded_at_field}) as timestamp) as max_loaded_at from ${relation}${criteria.filter ? ` where ${criteria.filter}` : ''}`;
        if (!source.loaded_at_query && !source.loaded_at_field)
          throw new Error(
            `source ${source.source_name}.${source.name} has a freshness rule but no loaded_at_field`,
          );
        const r = await adapter.execute(sql);
        const raw = r.rows[0]?.[0];
        const now = new Date();
        const loaded = raw === null || raw === undefined ? undefined : parseUtc(String(raw));
        const age = loaded ? (now.getTime() - loaded.getTime()) / 1000 : Number.POSITIVE_INFINITY;
        const err = seconds(criteria.error_after);
        const warn = seconds(criteria.warn_after);
        const status =
          err !== undefined && age > err ? 'error' : warn !== undefined && age > warn ? 'warn' : 'pass';
        result = {
          unique_id: source.unique_id,
          status,
          max_loaded_at: (loaded ?? new Date(0)).toISOString(),
          snapshotted_at: now.toISOString(),
          max_loaded_at_time_ago_in_s: Number.isFinite(age) ? age : 0,
          criteria,
          adapter_response: { _message: r.response.message },
          timing: [{ name: 'execute', started_at: t0.toISOString(), completed_at: new Date().toISOString() }],
          thread_id: 'Thread-1 (worker)',
          execution_time: (Date.now() - t0.getTime()) / 1000,
        };
      } catch (e) {
        result = {
          unique_id: source.unique_id,
          status: 'runtime error',
          error: e instanceof Error ? e.message : String(e),
        };
      }
      results.push(result);
      events.emit({
        type: 'node-finished',
        index: i + 1,
        total: sources.length,
        node: info,
        result: asNodeResult(result),
      });
    }
  } finally {
    await adapter.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  const artifact = buildSourcesArtifact({
    invocationId: inv.invocationId,
    invocationStartedAt: inv.startedAt,
    generatedAt: new Date(),
    results,
    elapsedTime: elapsed,
  });
  await writeJsonAtomic(join(inv.targetDir, 'sources.json'), artifact, { mask: (t) => inv.masker.mask(t) });
  events.emit({ type: 'run-finished', results: results.map(asNodeResult), elapsed, interrupted: false });
  return {
    results,
    exitCode: results.some((r) => r.status === 'error' || r.status === 'runtime error') ? 1 : 0,
  };
}

/** Printers speak NodeResult: pass/warn map directly, a stale source is an error. */
function asNodeResult(r: FreshnessResult): NodeResult {
  const age = r.max_loaded_at_time_ago_in_s;
  return {
    unique_id: r.unique_id,
    status: r.status === 'error' ? 'error' : r.status,
    timing: [],
    thread_id: r.thread_id ?? 'Thread-1 (worker)',
    execution_time: r.execution_time ?? 0,
    adapter_response: {},
    message:
      r.error ??
      (age !== undefined ? `last loaded ${Math.round(age)}s ago (${r.status.toUpperCase()})` : null),
    failures: null,
    compiled: false,
    compiled_code: null,
    relation_name: null,
    display: { kind: 'freshness', detail: r.status.toUpperCase() },
  };
}
