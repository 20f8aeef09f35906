/**
 * Runs a data test: compile its query, wrap it in dbt's failure count with `fail_calc`,
 * `warn_if`, `error_if` and `limit`, then map the counts to pass / warn / fail by `severity`.
 */
import type { CompilableNode } from '../compiler/index.js';
import type { NodeStatus } from './results.js';
import type { RunState } from './run-state.js';
import { genericTestKwargs } from './test-context.js';

export interface TestOutcome {
  compiledSql: string;
  status: NodeStatus;
  failures: number;
  message: string | null;
}

export function wrapTestSql(sql: string, config: Record<string, unknown>): string {
  const failCalc = String(config.fail_calc ?? 'count(*)');
  const warnIf = String(config.warn_if ?? '!= 0');
  const errorIf = String(config.error_if ?? '!= 0');
  const limit =
    config.limit === undefined || config.limit === null ? '' : `\n    limit ${Number(config.limit)}`;
  return `select\n      ${failCalc} as failures,\n      ${failCalc} ${warnIf} as should_warn,\n      ${failCalc} ${errorIf} as should_error\n    from (\n      ${sql}${limit}\n    ) dbt_internal_test`;
}

export async function executeTest(
  state: RunState,
  node: CompilableNode,
  onCompiled: (sql: string) => void,
): Promise<TestOutcome> {
  const compiled = await state.compiler.compile(node, { prepare: genericTestKwargs(node) });
  onCompiled(compiled.sql);
  const storeFailures =
    node.config.store_failures === true ||
    (state.flags.storeFailures && node.config.store_failures !== false);
  if (storeFailures) await storeFailingRows(state, node, compiled.sql);
  const config = effectiveTestConfig(node, compiled.captured.configs);
  const result = await state.adapter.execute(wrapTestSql(compiled.sql, config));
  const row = result.rows[0] ?? [0, false, false];
  const failures = Number(row[0] ?? 0);
  const shouldWarn = truthy(row[1]);
  const shouldError = truthy(row[2]);
  const severity = String(config.severity ?? 'ERROR').toUpperCase();
  let status: NodeStatus = 'pass';
  if (severity === 'ERROR' && shouldError) status = 'fail';
  else if (shouldWarn) status = 'warn';
  else if (severity === 'WARN' && shouldError) status = 'warn';
  const message =
    status === 'pass'
      ? null
      : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status === 'fail' ? 'fail' : 'warn'} if ${String(config[status === 'fail' ? 'error_if' : 'warn_if'] ?? '!= 0')}`;
  return { compiledSql: compiled.sql, status, failures, message };
}

/**
 * A generic test macro may call config() itself (dbt_utils sets `fail_calc` that way): those
 * values sit between the defaults and what the project wrote in YAML, which still wins.
 */
function effectiveTestConfig(
  node: CompilableNode,
  fromMacro: Record<string, unknown>[],
): Record<string, unknown> {
  const written = (node.unrendered_config ?? {}) as Record<string, unknown>;
  return Object.assign({}, node.config, ...fromMacro, written);
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || (typeof v === 'bigint' && v !== 0n);
}

async function storeFailingRows(state: RunState, node: CompilableNode, sql: string): Promise<void> {
  const as = String(node.config.store_failures_as ?? 'table');
  if (as === 'ephemeral') return;
  const relation = state.compiler.relationFor(node);
  await state.ensureSchema(relation.database, relation.schema!);
  await state.adapter.replaceRelation(relation, { type: as === 'view' ? 'view' : 'table', sql });
}
