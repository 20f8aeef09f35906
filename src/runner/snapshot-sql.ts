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
  /**
   * `invalidate` closes the current row of keys gone from the source; `new_record` also adds a
   * row marking the deletion (`dbt_is_deleted = 'True'`, a column only this mode has).
   */
  hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  names: { scdId: string; updatedAt: string; validFrom: string; validTo: string; isDeleted: string };
  /** For `check`: a checked column is new to the table, so every current row counts as changed. */
  everyRowChanged?: boolean;
  /** `dbt_valid_to_current`: the value current rows carry instead of null. */
  validToCurrent?: string;
  now: string;
  quote: (identifier: string) => string;
}

const asText = (expr: string) => `coalesce(cast(${expr} as varchar), '')`;
const hash = (parts: string[]) => `md5(${parts.map(asText).join(` || '|' || `)})`;

function keyExpr(spec: SnapshotSpec, alias: string): string {
  const col = (c: string) => `${alias}.${spec.quote(c)}`;
  if (spec.uniqueKey.length === 1) return col(spec.uniqueKey[0]!);
  return spec.uniqueKey.map((k) => asText(col(k))).join(` || '|' || `);
}

/** What the strategy calls "updated at" for a source row: its column, or the snapshot time. */
function updatedAtExpr(spec: SnapshotSpec, alias?: string): string {
  if (spec.strategy !== 'timestamp') return spec.now;
  const col = spec.quote(spec.updatedAt!);
  return alias ? `${alias}.${col}` : col;
}

function scdIdExpr(spec: SnapshotSpec, alias?: string): string {
  const key = spec.uniqueKey.map((k) => (alias ? `${alias}.${spec.quote(k)}` : spec.quote(k)));
  return hash([...key, updatedAtExpr(spec, alias)]);
}

/** Null (typed like the updated-at value), or `dbt_valid_to_current` when configured. */
function openValidTo(spec: SnapshotSpec, alias?: string): string {
  const u = updatedAtExpr(spec, alias);
  return spec.validToCurrent ? `coalesce(nullif(${u}, ${u}), ${spec.validToCurrent})` : `nullif(${u}, ${u})`;
}

function isCurrent(spec: SnapshotSpec, alias: string): string {
  const v = `${alias}.${spec.quote(spec.names.validTo)}`;
  return spec.validToCurrent ? `(${v} is null or ${v} = ${spec.validToCurrent})` : `${v} is null`;
}

const tracksDeletions = (spec: SnapshotSpec) => spec.hardDeletes === 'new_record';

/** The meta columns of the snapshot table, in dbt's order. */
export function snapshotMetaColumns(spec: SnapshotSpec): string[] {
  const n = spec.names;
  return [n.scdId, n.updatedAt, n.validFrom, n.validTo, ...(tracksDeletions(spec) ? [n.isDeleted] : [])];
}

/** `select` of the first build: the query plus the validity columns. */
export function snapshotInitialSelect(spec: SnapshotSpec): string {
  const n = spec.names;
  const q = spec.quote;
  const u = updatedAtExpr(spec);
  const deleted = tracksDeletions(spec) ? `,\n    'False' as ${q(n.isDeleted)}` : '';
  return `select *,
    ${scdIdExpr(spec)} as ${q(n.scdId)},
    ${u} as ${q(n.updatedAt)},
    ${u} as ${q(n.validFrom)},
    ${openValidTo(spec)} as ${q(n.validTo)}${deleted}
from (
${spec.sql}
) as snapshot_query`;
}

/** The staging query: one row per change, with `dbt_change_type` insert / update / delete. */
export function snapshotStagingSelect(spec: SnapshotSpec, target: string): string {
  const n = spec.names;
  const q = spec.quote;
  const u = updatedAtExpr(spec, 'source_data');
  const track = tracksDeletions(spec);
  const wasDeleted = `snapshotted_data.${q(n.isDeleted)} = 'True'`;
  const rowChanged =
    spec.strategy === 'timestamp'
      ? `snapshotted_data.${q(n.validFrom)} < ${u}`
      : spec.everyRowChanged
        ? 'true'
        : (spec.checkCols ?? spec.columns)
            .map((c) => `snapshotted_data.${q(c)} is distinct from source_data.${q(c)}`)
            .join(' or ');
  // A key that comes back after a deletion record starts a new version whatever its data.
  const changed = track ? `(${rowChanged}) or ${wasDeleted}` : rowChanged;
  const sourceCols = spec.columns.map((c) => `source_data.${q(c)}`).join(', ');
  const snapCols = spec.columns.map((c) => `snapshotted_data.${q(c)}`).join(', ');
  const isDeleted = (value: string) => (track ? `,\n      ${value} as ${q(n.isDeleted)}` : '');
  const gone = `from snapshotted_data
    left join source_data on source_data.dbt_unique_key = snapshotted_data.dbt_unique_key
    where source_data.dbt_unique_key is null`;
  const parts = [
    `select 'insert' as dbt_change_type, ${sourceCols},
      ${scdIdExpr(spec, 'source_data')} as ${q(n.scdId)},
      ${u} as ${q(n.updatedAt)},
      ${u} as ${q(n.validFrom)},
      ${openValidTo(spec, 'source_data')} as ${q(n.validTo)}${isDeleted(`'False'`)}
    from source_data
    left join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
    where snapshotted_data.dbt_unique_key is null or ${changed}`,
    `select 'update' as dbt_change_type, ${sourceCols},
      snapshotted_data.${q(n.scdId)} as ${q(n.scdId)},
      ${u} as ${q(n.updatedAt)},
      ${u} as ${q(n.validFrom)},
      ${u} as ${q(n.validTo)}${isDeleted(`snapshotted_data.${q(n.isDeleted)}`)}
    from source_data
    join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
    where ${changed}`,
  ];
  if (spec.hardDeletes !== 'ignore') {
    // A key whose current row already marks its deletion is not deleted again.
    const notYetDeleted = track ? `\n      and not (${wasDeleted})` : '';
    parts.push(`select 'delete' as dbt_change_type, ${snapCols},
      snapshotted_data.${q(n.scdId)} as ${q(n.scdId)},
      ${spec.now} as ${q(n.updatedAt)},
      ${spec.now} as ${q(n.validFrom)},
      ${spec.now} as ${q(n.validTo)}${isDeleted(`snapshotted_data.${q(n.isDeleted)}`)}
    ${gone}${notYetDeleted}`);
    if (track)
      parts.push(`select 'insert' as dbt_change_type, ${snapCols},
      ${hash([`snapshotted_data.${q(n.scdId)}`, spec.now])} as ${q(n.scdId)},
      ${spec.now} as ${q(n.updatedAt)},
      ${spec.now} as ${q(n.validFrom)},
      snapshotted_data.${q(n.validTo)} as ${q(n.validTo)}${isDeleted(`'True'`)}
    ${gone}${notYetDeleted}`);
  }
  return `with snapshot_query as (
${spec.sql}
),
source_data as (
    select *, ${keyExpr(spec, 'source_rows')} as dbt_unique_key
    from snapshot_query as source_rows
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
  const all = [...spec.columns, ...snapshotMetaColumns(spec)].map(q).join(', ');
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
