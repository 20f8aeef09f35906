/**
 * The atomic replace on PostgreSQL. Views bind to a table's identity, not its name: after the
 * old table is renamed aside and dropped, the views reading it would go with it (`cascade`).
 * So, inside the swap transaction, the definitions of every view depending on the old relation
 * (transitively) are read first and the views are created again on the new one. A view that no
 * longer binds (a column it reads is gone) stays dropped, as dbt-postgres would leave it.
 */
import { AdapterError } from '../errors.js';
import type { Relation } from '../relation.js';
import type { AdapterSession, ExecuteResult, ReplaceOptions } from '../types.js';
import { helperIdentifier, type PostgresDialect } from './postgres-dialect.js';

/** Suffixes of the helper relations of `replaceRelation`. */
const TMP_SUFFIX = '__tessera_tmp';
const BACKUP_SUFFIX = '__tessera_backup';

/** Tries of the swap transaction when a concurrent swap got in its way. */
const RACE_ATTEMPTS = 5;

/**
 * Whether `error` came from a concurrent swap and the transaction can simply run again: the
 * server's deadlock_detected (40P01), or a dependent view read from the catalog that another
 * swap dropped meanwhile (`could not open relation with OID …`, an internal error XX000).
 */
function isSwapRace(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause?.code === '40P01') return true;
  return cause?.code === 'XX000' && /could not open relation with OID/.test(String((error as Error).message));
}

/** What the swap needs from the adapter, on the connection it runs on. */
export interface SwapContext {
  dialect: PostgresDialect;
  session: AdapterSession;
  find(identifier: string): Promise<Relation | undefined>;
}

/** A view (or materialized view) to create again after the swap. */
interface DependentView {
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
}

/** Builds `target` beside the old relation, then swaps them in one transaction. */
export async function swapRelation(
  context: SwapContext,
  target: Relation,
  options: ReplaceOptions,
): Promise<string[]> {
  const { dialect, session } = context;
  const name = target.identifier;
  if (name === undefined)
    throw new AdapterError('replaceRelation needs a relation with an identifier', 'catalog');
  dialect.render(target);
  const tmp = target.withIdentifier(helperIdentifier(name, TMP_SUFFIX), options.type);
  const backupName = helperIdentifier(name, BACKUP_SUFFIX);
  const run: string[] = [];
  const exec = async (sql: string) => {
    run.push(sql);
    return session.execute(sql);
  };
  // Leftovers of an interrupted earlier run would block the renames below.
  for (const leftover of [await context.find(tmp.identifier!), await context.find(backupName)]) {
    if (leftover !== undefined) await exec(dialect.dropRelation(leftover));
  }
  const build =
    options.type === 'view'
      ? [dialect.createViewAs(tmp, options.sql)]
      : dialect.createTableAs(tmp, options.sql, options.contract ? { contract: options.contract } : {});
  try {
    let built: ExecuteResult | undefined;
    for (const sql of build) built = await exec(sql);
    if (built !== undefined) options.onResponse?.(built.response);
  } catch (error) {
    // The previous relation was never touched; only the half-built tmp goes.
    await session.execute(dialect.dropRelation(tmp)).catch(() => undefined);
    throw error;
  }
  for (let attempt = 1; ; attempt++) {
    const mark = run.length;
    await session.begin();
    try {
      // The swap itself is short (the table was built above); running swaps one at a time keeps
      // two of them from locking shared dependent views in opposite orders (a deadlock).
      await session.execute("select pg_advisory_xact_lock(hashtext('tessera.relation_swap'))");
      const existing = await context.find(name);
      const dependents = existing === undefined ? [] : await dependentViews(session, dialect, existing);
      if (existing !== undefined) await exec(dialect.renameRelation(existing, backupName));
      await exec(dialect.renameRelation(tmp, name));
      if (existing !== undefined) await exec(dialect.dropRelation(existing.withIdentifier(backupName)));
      for (const view of dependents) await recreateView(session, dialect, view, run);
      await session.commit();
      break;
    } catch (error) {
      await session.rollback().catch(() => undefined);
      // Two swaps recreating the same dependent views (siblings under one downstream view) can
      // deadlock or see each other's drops; the transaction that lost can simply run again.
      if (isSwapRace(error) && attempt < RACE_ATTEMPTS) {
        run.length = mark;
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
        continue;
      }
      await session.execute(dialect.dropRelation(tmp)).catch(() => undefined);
      throw error;
    }
  }
  return run;
}

/** Views reading `relation`, directly or through other views, in an order they can be created in. */
async function dependentViews(
  session: AdapterSession,
  dialect: PostgresDialect,
  relation: Relation,
): Promise<DependentView[]> {
  const result = await session.execute(
    `with recursive dependents(oid, depth) as (
       select r.ev_class, 1
       from pg_catalog.pg_depend d join pg_catalog.pg_rewrite r on r.oid = d.objid
       where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
         and d.refobjid = ?::regclass and r.ev_class <> d.refobjid
       union
       select r.ev_class, dependents.depth + 1
       from dependents
       join pg_catalog.pg_depend d on d.refobjid = dependents.oid
         and d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
       join pg_catalog.pg_rewrite r on r.oid = d.objid
       where r.ev_class <> dependents.oid and dependents.depth < 100
     )
     select n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), max(dependents.depth) as depth
     from dependents
     join pg_catalog.pg_class c on c.oid = dependents.oid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     group by c.oid, n.nspname, c.relname, c.relkind
     order by depth, c.relname`,
    [dialect.render(relation.include({ database: false }))],
  );
  return result.rows.map((row) => ({
    schema: String(row[0]),
    name: String(row[1]),
    materialized: row[2] === 'm',
    definition: String(row[3]).replace(/;\s*$/, ''),
  }));
}

/** Creates one dependent view again; if it no longer binds, it stays dropped. */
async function recreateView(
  session: AdapterSession,
  dialect: PostgresDialect,
  view: DependentView,
  run: string[],
): Promise<void> {
  const kind = view.materialized ? 'materialized view' : 'view';
  const sql = `create ${kind} ${dialect.quote(view.schema)}.${dialect.quote(view.name)} as\n${view.definition}`;
  await session.execute('savepoint tessera_dependent_view');
  try {
    await session.execute(sql);
    await session.execute('release savepoint tessera_dependent_view');
    run.push(sql);
  } catch {
    await session.execute('rollback to savepoint tessera_dependent_view');
  }
}
