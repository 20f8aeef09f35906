/**
 * `docs generate`: compile the project (unless `--no-compile`), ask the warehouse for every
 * relation it built or reads, and write target/catalog.json (and the manifest).
 */
import { join } from 'node:path';
import { buildCatalog, type Catalog, writeJsonAtomic } from '../artifacts/index.js';
import { compileNodes } from './compile-command.js';
import { connect, type Invocation } from './invocation.js';
import { writeArtifacts } from './run-command.js';

export interface DocsGenerateOptions {
  compile?: boolean;
  /** Write a catalog with no warehouse data (`--empty-catalog`). */
  emptyCatalog?: boolean;
}

export async function docsGenerate(inv: Invocation, options: DocsGenerateOptions = {}): Promise<Catalog> {
  if (options.compile !== false) await compileNodes(inv, {});
  const nodes = Object.values(inv.project.nodes)
    .filter(
      (n) => n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot',
    )
    .filter((n) => n.config.materialized !== 'ephemeral')
    .map((n) => ({ unique_id: n.unique_id, database: n.database, schema: n.schema, identifier: n.alias }));
  const sources = Object.values(inv.project.sources).map((s) => ({
    unique_id: s.unique_id,
    database: s.database,
    schema: s.schema,
    identifier: s.identifier,
  }));
  const rows = [];
  const errors: string[] = [];
  if (!options.emptyCatalog) {
    const { adapter } = await connect(inv);
    try {
      // One catalog query per database, over every schema the project touches.
      const byDatabase = new Map<string | undefined, Set<string>>();
      for (const m of [...nodes, ...sources]) {
        const db = m.database ?? undefined;
        if (!byDatabase.has(db)) byDatabase.set(db, new Set());
        byDatabase.get(db)!.add(m.schema);
      }
      for (const [db, schemas] of byDatabase) {
        try {
          rows.push(...(await adapter.getCatalog(db, [...schemas])));
        } catch (err) {
          errors.push(err instanceof Error ? err.message : String(err));
        }
      }
    } finally {
      await adapter.close();
    }
  }
  const catalog = buildCatalog({
    invocationId: inv.invocationId,
    invocationStartedAt: inv.startedAt,
    generatedAt: new Date(),
    rows,
    nodes,
    sources,
    errors,
  });
  await writeArtifacts(inv, undefined, 0, 'generate');
  await writeJsonAtomic(join(inv.targetDir, 'catalog.json'), catalog, { mask: (t) => inv.masker.mask(t) });
  return catalog;
}
