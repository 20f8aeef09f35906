/**
 * The SQL of a snapshot (type-2 slowly changing dimension), as dbt builds it: the first run
 * copies the query with validity columns; later runs stage inserts, updates and (optionally)
 * deletes against the current rows, then close changed rows and insert new versions.
 */

export interface SnapshotSpec {
  /** The snapshot's compiled query. */
  sql: string;
  /** Output columns of the query, in order. */
  columns: string[];
  uniqueKey: string[];
  strategy: 'timestamp' | 'check';
  updatedAt?: string;
  /** For `check`: columns compared to detect a change (`all` = every column). */
  checkCols?: string[];
  /** `invalidate` closes the current row of keys gone from the source. */
  hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  names: { scdId: string; updatedAt: string; validFrom: string; validTo: string; isDeleted: string };
  /** `dbt_valid_to_current`: the value current rows carry instead of null. */
  validToCurrent?: string;
  now: string;
  quote: (identifier: string) => string;
}

const asText = (expr: string) => `coalesce(cast(${expr} as varchar), '')`;

function keyExpr(spec: SnapshotSpec, alias?: string): string {
  const col = (c: string) => (alias ? `${alias}.${spec.quote(c)}` : spec.quote(c));
  if (spec.uniqueKey.length === 1) return col(spec.uniqueKey[0]!);
  return spec.uniqueKey.map((k) => asText(col(k))).join(` || '|' || `);
}

/** What the strategy calls "updated at" for a source row. */
function updatedAtExpr(spec: SnapshotSpec): string {
  return spec.strategy === 'timestamp' ? spec.quote(spec.updatedAt!) : spec.now;
}

function scdIdExpr(spec: SnapshotSpec): string {
  const parts = [...spec.uniqueKey.map((k) => spec.quote(k)), updatedAtExpr(spec)];
  return `md5(${parts.map(asText).join(` || '|' || `)})`;
}

function validToNull(spec: SnapshotSpec): string {
  const u = updatedAtExpr(spec);
  return spec.validToCurrent ? `coalesce(nullif(${u}, ${u}), ${spec.validToCurrent})` : `nullif(${u}, ${u})`;
}

function isCurrent(spec: SnapshotSpec, alias: string): string {
  const v = `${alias}.${spec.quote(spec.names.validTo)}`;
  return spec.validToCurrent ? `(${v} is null or ${v} = ${spec.validToCurrent})` : `${v} is null`;
}

/** `select` of the first build: the query plus the validity columns. */
export function snapshotInitialSelect(spec: SnapshotSpec): string {
  const n = spec.names;
  const u = updatedAtExpr(spec);
  return `select *,
    ${scdIdExpr(spec)} as ${spec.quote(n.scdId)},
    ${u} as ${spec.quote(n.updatedAt)},
    ${u} as ${spec.quote(n.validFrom)},
    ${validToNull(spec)} as ${spec.quote(n.validTo)}
from (
${spec.sql}
) as snapshot_query`;
}

/** The staging query: one row per change, with `dbt_change_type` insert / update / delete. */
export function snapshotStagingSelect(spec: SnapshotSpec, target: string): string {
  const n = spec.names;
  const q = spec.quote;
  const u = updatedAtExpr(spec);
  const changed =
    spec.strategy === 'timestamp'
      ? `snapshotted_data.${q(n.validFrom)} < source_data.${q(spec.updatedAt!)}`
      : (spec.checkCols ?? spec.columns)
          .map((c) => `snapshotted_data.${q(c)} is distinct from source_data.${q(c)}`)
          .join(' or ');
  const cols = spec.columns.map((c) => `source_data.${q(c)}`).join(', ');
  const parts = [
    `select 'insert' as dbt_change_type, ${cols},
      ${scdIdExprFor(spec, 'source_data')} as ${q(n.scdId)},
      ${prefixed(u, spec, 'source_data')} as ${q(n.updatedAt)},
      ${prefixed(u, spec, 'source_data')} as ${q(n.validFrom)},
      ${validToNullFor(spec)} as ${q(n.validTo)}
    from snapshot_query as source_data
    left join snapshotted_data on snapshotted_data.dbt_unique_key = ${keyExpr(spec, 'source_data')}
    where snapshotted_data.dbt_unique_key is null or (${changed})`,
    `select 'update' as dbt_change_type, ${cols},
      snapshotted_data.${q(n.scdId)} as ${q(n.scdId)},
      ${prefixed(u, spec, 'source_data')} as ${q(n.updatedAt)},
      ${prefixed(u, spec, 'source_data')} as ${q(n.validFrom)},
      ${prefixed(u, spec, 'source_data')} as ${q(n.validTo)}
    from snapshot_query as source_data
    join snapshotted_data on snapshotted_data.dbt_unique_key = ${keyExpr(spec, 'source_data')}
    where ${changed}`,
  ];
  if (spec.hardDeletes !== 'ignore') {
    const snapCols = spec.columns.map((c) => `snapshotted_data.${q(c)}`).join(', ');
    parts.push(`select 'delete' as dbt_change_type, ${snapCols},
      snapshotted_data.${q(n.scdId)} as ${q(n.scdId)},
      ${spec.now} as ${q(n.updatedAt)},
      ${spec.now} as ${q(n.validFrom)},
      ${spec.now} as ${q(n.validTo)}
    from snapshotted_data
    left join snapshot_query as source_data on snapshotted_data.dbt_unique_key = ${keyExpr(spec, 'source_data')}
    where ${keyExpr(spec, 'source_data')} is null`);
  }
  return `with snapshot_query as (
${spec.sql}
),
snapshotted_data as (
    select *, ${keyExpr(spec, 'current_rows')} as dbt_unique_key
    from ${target} as current_rows
    where ${isCurrent(spec, 'current_rows')}
)
${parts.join('\nunion all\n')}`;
}

/** Close the current rows that changed or disappeared, then insert the new versions. */
export function snapshotMergeStatements(spec: SnapshotSpec, target: string, staging: string): string[] {
  const n = spec.names;
  const q = spec.quote;
  const all = [...spec.columns, n.scdId, n.updatedAt, n.validFrom, n.validTo].map(q).join(', ');
  return [
    `update ${target} as snapshotted
set ${q(n.validTo)} = staging.${q(n.validTo)}
from ${staging} as staging
where staging.${q(n.scdId)} = snapshotted.${q(n.scdId)}
  and staging.dbt_change_type in ('update', 'delete')
  and ${isCurrent(spec, 'snapshotted')}`,
    `insert into ${target} (${all})
select ${all} from ${staging} where dbt_change_type = 'insert'`,
  ];
}

function prefixed(expr: string, spec: SnapshotSpec, alias: string): string {
  return spec.strategy === 'timestamp' ? `${alias}.${spec.quote(spec.updatedAt!)}` : expr;
}

function scdIdExprFor(spec: SnapshotSpec, alias: string): string {
  const parts = [
    ...spec.uniqueKey.map((k) => `${alias}.${spec.quote(k)}`),
    prefixed(updatedAtExpr(spec), spec, alias),
  ];
  return `md5(${parts.map(asText).join(` || '|' || `)})`;
}

function validToNullFor(spec: SnapshotSpec): string {
  const u = prefixed(updatedAtExpr(spec), spec, 'source_data');
  return spec.validToCurrent ? `coalesce(nullif(${u}, ${u}), ${spec.validToCurrent})` : `nullif(${u}, ${u})`;
}
