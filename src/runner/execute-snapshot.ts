/**
 * Runs a snapshot: the first run creates the history table from the query; later runs stage the
 * changes in a temporary table and apply them in one transaction (close old rows, add new ones).
 */
import { type CompilableNode, CompilerError } from '../compiler/index.js';
import type { RunState } from './run-state.js';
import {
  type SnapshotSpec,
  snapshotInitialSelect,
  snapshotMergeStatements,
  snapshotMetaColumns,
  snapshotStagingSelect,
} from './snapshot-sql.js';

export interface SnapshotOutcome {
  compiledSql: string;
  statements: string[];
  message: string;
}

export async function executeSnapshot(
  state: RunState,
  node: CompilableNode,
  onCompiled: (sql: string) => void,
): Promise<SnapshotOutcome> {
  const { adapter, compiler } = state;
  const relation = compiler.relationFor(node, 'table');
  await state.ensureSchema(relation.database, relation.schema!);
  const compiled = await compiler.compile(node);
  onCompiled(compiled.sql);
  const described = await adapter.describeQuery(compiled.sql);
  const columns = described.map((c) => c.name);
  const spec = snapshotSpec(
    node,
    compiled.sql,
    columns,
    adapter.dialect.castSql(adapter.dialect.currentTimestamp(), 'timestamp'),
    (id) => adapter.quote(id),
  );
  const statements: string[] = [];
  const run = async (sql: string) => {
    statements.push(sql);
    return adapter.execute(sql);
  };
  const existing = await adapter.getRelation(relation.database, relation.schema!, relation.identifier!);
  if (!existing) {
    for (const sql of adapter.dialect.createTableAs(relation, snapshotInitialSelect(spec))) await run(sql);
    return { compiledSql: compiled.sql, statements, message: 'OK' };
  }
  // As dbt: configured meta columns must already exist; new query columns are added.
  const have = new Set((await adapter.getColumns(existing)).map((c) => c.name.toLowerCase()));
  const missingMeta = snapshotMetaColumns(spec).filter((c) => !have.has(c.toLowerCase()));
  if (missingMeta.length)
    throw new CompilerError(
      `snapshot ${node.name}: the snapshot table ${relation.render()} lacks the configured columns ${missingMeta.join(', ')} (changed hard_deletes or snapshot_meta_column_names? rebuild it, or add them)`,
      'E_SNAPSHOT_COLUMNS',
      node.original_file_path,
    );
  const added = described.filter((c) => !have.has(c.name.toLowerCase()));
  // dbt counts every row as changed when a checked column is new to the table.
  if (spec.checkCols?.some((c) => !have.has(c.toLowerCase()))) spec.everyRowChanged = true;
  if (added.length)
    for (const sql of adapter.dialect.addColumns(
      relation,
      added.map((c) => ({ name: c.name, dataType: c.type })),
    ))
      await run(sql);
  const staging = relation.withIdentifier(`${relation.identifier}__dbt_tmp`, 'table');
  await run(adapter.dialect.dropRelation(staging));
  for (const sql of adapter.dialect.createTableAs(staging, snapshotStagingSelect(spec, relation.render())))
    await run(sql);
  try {
    let inserted = 0;
    await adapter.transaction(async (conn) => {
      for (const sql of snapshotMergeStatements(spec, relation.render(), staging.render())) {
        statements.push(sql);
        const r = await conn.execute(sql);
        if (/^insert/i.test(sql)) inserted = r.rowsAffected ?? inserted;
      }
    });
    return { compiledSql: compiled.sql, statements, message: `INSERT ${inserted}` };
  } finally {
    await adapter.execute(adapter.dialect.dropRelation(staging));
  }
}

function snapshotSpec(
  node: CompilableNode,
  sql: string,
  columns: string[],
  now: string,
  quote: (id: string) => string,
): SnapshotSpec {
  const c = node.config;
  const where = node.original_file_path;
  const uniqueKey =
    c.unique_key === undefined || c.unique_key === null
      ? []
      : (Array.isArray(c.unique_key) ? c.unique_key : [c.unique_key]).map(String);
  if (uniqueKey.length === 0)
    throw new CompilerError(`snapshot ${node.name} needs a unique_key config`, 'E_SNAPSHOT_CONFIG', where);
  const strategy = String(c.strategy ?? '');
  if (strategy !== 'timestamp' && strategy !== 'check')
    throw new CompilerError(
      `snapshot ${node.name}: strategy must be 'timestamp' or 'check', got '${strategy}'`,
      'E_SNAPSHOT_CONFIG',
      where,
    );
  if (strategy === 'timestamp' && !c.updated_at)
    throw new CompilerError(
      `snapshot ${node.name}: the timestamp strategy needs updated_at`,
      'E_SNAPSHOT_CONFIG',
      where,
    );
  let checkCols: string[] | undefined;
  if (strategy === 'check') {
    if (c.check_cols === 'all') checkCols = columns;
    else if (Array.isArray(c.check_cols)) checkCols = c.check_cols.map(String);
    else
      throw new CompilerError(
        `snapshot ${node.name}: the check strategy needs check_cols (a list or 'all')`,
        'E_SNAPSHOT_CONFIG',
        where,
      );
  }
  const hardDeletes = String(
    c.hard_deletes ?? (c.invalidate_hard_deletes === true ? 'invalidate' : 'ignore'),
  ) as SnapshotSpec['hardDeletes'];
  if (!['ignore', 'invalidate', 'new_record'].includes(hardDeletes))
    throw new CompilerError(
      `snapshot ${node.name}: hard_deletes must be 'ignore', 'invalidate' or 'new_record', got '${hardDeletes}'`,
      'E_SNAPSHOT_CONFIG',
      where,
    );
  const meta = (c.snapshot_meta_column_names ?? {}) as Record<string, string | null>;
  return {
    sql,
    columns,
    uniqueKey,
    strategy,
    updatedAt: c.updated_at ? String(c.updated_at) : undefined,
    checkCols,
    hardDeletes,
    names: {
      scdId: meta.dbt_scd_id ?? 'dbt_scd_id',
      updatedAt: meta.dbt_updated_at ?? 'dbt_updated_at',
      validFrom: meta.dbt_valid_from ?? 'dbt_valid_from',
      validTo: meta.dbt_valid_to ?? 'dbt_valid_to',
      isDeleted: meta.dbt_is_deleted ?? 'dbt_is_deleted',
    },
    validToCurrent: c.dbt_valid_to_current ? String(c.dbt_valid_to_current) : undefined,
    now,
    quote,
  };
}
