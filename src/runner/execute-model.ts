/**
 * Builds one model with the built-in materializations (view, table, incremental), or with a
 * project/package `{% materialization %}` when one is defined for its name.
 */
import type { AdapterResponse, Relation } from '../adapters/index.js';
import { type CompilableNode, CompilerError } from '../compiler/index.js';
import { compareContract, contractError } from './contract-check.js';
import { runCustomMaterialization } from './custom-materialization.js';
import { runHooks } from './hooks.js';
import { incrementalStatements } from './incremental.js';
import type { RunState } from './run-state.js';

export interface ModelOutcome {
  compiledSql: string;
  relation: Relation;
  kind: string;
  statements: string[];
  rowsAffected?: number;
  message: string;
  /**
   * The response of the statement that built the model, when the adapter's says more than `OK`
   * (has a `code`: PostgreSQL's `SELECT 10`, `CREATE VIEW`, `INSERT 0 5`), as dbt reports it.
   */
  response?: AdapterResponse;
}

const BUILT_IN = new Set(['view', 'table', 'incremental', 'ephemeral']);

export async function executeModel(
  state: RunState,
  node: CompilableNode,
  onCompiled: (sql: string) => void,
): Promise<ModelOutcome> {
  const materialized = String(node.config.materialized ?? 'view');
  const relation = state.compiler.relationFor(node);
  const { adapter, compiler } = state;
  const adapterTypes = compiler.session.adapterTypes;
  const custom = compiler.session.registry.materialization(materialized, adapterTypes);
  const overridesBuiltIn = custom && custom.packageName !== 'dbt';
  if (!BUILT_IN.has(materialized) || overridesBuiltIn) {
    if (!custom)
      throw new CompilerError(
        `No materialization '${materialized}' was found for adapter ${adapterTypes[0]}! (searched types 'default' and '${adapterTypes[0]}')`,
        'E_NO_MATERIALIZATION',
        node.original_file_path,
      );
    await state.ensureSchema(relation.database, relation.schema!);
    return runCustomMaterialization(state, node, custom, relation, onCompiled);
  }

  await state.ensureSchema(relation.database, relation.schema!);
  // Only an incremental model needs to know what is there now (views and tables are replaced whole).
  const existing =
    materialized === 'incremental'
      ? await adapter.getRelation(relation.database, relation.schema!, relation.identifier!)
      : undefined;
  const incremental =
    materialized === 'incremental' &&
    existing?.type === 'table' &&
    !(state.flags.fullRefresh || node.config.full_refresh === true);
  // No extra globals when not incremental: a plain template then takes the compiler's static path.
  const compiled = await compiler.compile(node, incremental ? { extra: { __is_incremental: true } } : {});
  onCompiled(compiled.sql);
  const contract = contractOf(node);
  if (contract) {
    const mismatches = compareContract(
      await adapter.describeQuery(compiled.sql),
      contract.columns,
      adapter.dialect,
    );
    if (mismatches.length) throw contractError(mismatches, node.original_file_path);
  }
  const statements: string[] = [];
  statements.push(...(await runHooks(state, node, 'pre-hook')));

  let rowsAffected: number | undefined;
  let kind: string;
  let response: AdapterResponse | undefined;
  const onResponse = (r: AdapterResponse) => {
    response = r;
  };
  if (materialized === 'view') {
    statements.push(
      ...(await adapter.replaceRelation(relation, { type: 'view', sql: compiled.sql, onResponse })),
    );
    kind = 'view';
  } else if (materialized === 'table' || !incremental) {
    statements.push(
      ...(await adapter.replaceRelation(relation, {
        type: 'table',
        sql: compiled.sql,
        contract,
        onResponse,
      })),
    );
    kind = materialized === 'incremental' ? 'incremental' : 'table';
  } else {
    const r = await incrementalStatements(state, node, relation, compiled.sql);
    statements.push(...r.statements);
    rowsAffected = r.rowsAffected;
    response = r.response;
    kind = 'incremental';
  }
  await applyGrants(state, node, relation, statements);
  statements.push(...(await latestVersionPointer(state, node, relation)));
  statements.push(...(await runHooks(state, node, 'post-hook')));
  const built = (response as AdapterResponse | undefined)?.code === undefined ? undefined : response;
  const message =
    built?.message ?? (kind === 'view' ? 'OK' : rowsAffected !== undefined ? `INSERT ${rowsAffected}` : 'OK');
  return { compiledSql: compiled.sql, relation, kind, statements, rowsAffected, message, response: built };
}

function contractOf(node: CompilableNode) {
  const contract = node.config.contract as { enforced?: boolean } | undefined;
  if (!contract?.enforced) return undefined;
  const columns = Object.values(
    (node.columns ?? {}) as Record<
      string,
      {
        name: string;
        data_type?: string | null;
        constraints?: { type: string; expression?: string | null; name?: string | null }[];
        quote?: boolean | null;
      }
    >,
  );
  return {
    columns: columns.map((c) => ({
      name: c.name,
      dataType: c.data_type ?? '',
      constraints: (c.constraints ?? []).map((k) => ({
        type: k.type as 'not_null',
        ...(k.expression ? { expression: k.expression } : {}),
        ...(k.name ? { name: k.name } : {}),
      })),
      quote: c.quote ?? undefined,
    })),
  };
}

async function applyGrants(
  state: RunState,
  node: CompilableNode,
  relation: Relation,
  statements: string[],
): Promise<void> {
  const grants = (node.config.grants ?? {}) as Record<string, string | string[]>;
  for (const [privilege, grantees] of Object.entries(grants)) {
    const list = Array.isArray(grantees) ? grantees : [grantees];
    for (const sql of state.adapter.dialect.grant(relation, privilege, list)) {
      await state.adapter.execute(sql);
      statements.push(sql);
    }
  }
}

/**
 * `latest_version_pointer: {enabled: true}` on a versioned model: after its latest version is
 * built, a view named after the model itself points at it, so unversioned readers follow along.
 */
async function latestVersionPointer(
  state: RunState,
  node: CompilableNode,
  relation: Relation,
): Promise<string[]> {
  const pointer = node.config.latest_version_pointer as { enabled?: boolean } | undefined;
  const version = node.version;
  if (
    !pointer?.enabled ||
    version === null ||
    version === undefined ||
    String(version) !== String(node.latest_version)
  )
    return [];
  const view = relation.withIdentifier(node.name, 'view');
  return state.adapter.replaceRelation(view, { type: 'view', sql: `select * from ${relation.render()}` });
}
