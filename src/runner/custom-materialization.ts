/**
 * Runs a `{% materialization %}` macro from a project or package: the macro drives the build
 * through `statement()`, `adapter.*` and returns `{'relations': [...]}`.
 */
import type { Relation } from '../adapters/index.js';
import type { CompilableNode, MacroEntry } from '../compiler/index.js';
import type { ModelOutcome } from './execute-model.js';
import type { RunState } from './run-state.js';

export async function runCustomMaterialization(
  state: RunState,
  node: CompilableNode,
  entry: MacroEntry,
  relation: Relation,
  onCompiled: (sql: string) => void,
): Promise<ModelOutcome> {
  const existing = await state.adapter.getRelation(relation.database, relation.schema!, relation.identifier!);
  const incremental = existing?.type === 'table' && !state.flags.fullRefresh;
  const compiled = await state.compiler.compile(node, { extra: { __is_incremental: incremental } });
  onCompiled(compiled.sql);
  const globals = state.compiler.contextFor(node, {
    sql: compiled.sql,
    compiled_code: compiled.sql,
    __is_incremental: incremental,
  });
  const fn = state.compiler.session.bindMacro(entry, globals);
  await fn();
  return {
    compiledSql: compiled.sql,
    relation,
    kind: String(node.config.materialized),
    statements: [compiled.sql],
    message: 'OK',
  };
}
