/**
 * YAML-defined snapshots (dbt 1.9): a `snapshots:` properties entry with a `relation:` and no
 * SQL file. Its code is `select * from {{ <relation> }}`; it lives in the properties file, and
 * dbt names its path `<properties file>/<name>.sql` under the resource folder.
 */
import { CompilerError } from '../compiler/index.js';
import type { PropertiesFile } from '../config/index.js';
import { makeSnapshotNode } from './node-defaults.js';
import { folderParts, pathInResourceFolder } from './node-paths.js';
import type { SnapshotNode } from './node-types.js';
import { issueOf, type ParseIssue } from './parse-issues.js';
import { finishSnapshotNode, type SnapshotBuildContext } from './parse-snapshots.js';

/** A `ref(...)` or `source(...)` call, the only relations dbt accepts here. */
const RELATION = /^\s*(ref|source)\s*\(.*\)\s*$/s;

/** Snapshot nodes of every properties entry with a `relation:`; problems go to `errors`. */
export async function buildYamlSnapshotNodes(
  ctx: SnapshotBuildContext,
  properties: readonly { pkg: string; file: PropertiesFile }[],
  errors: ParseIssue[],
): Promise<SnapshotNode[]> {
  const out: SnapshotNode[] = [];
  for (const { pkg, file } of properties) {
    for (const entry of file.snapshots) {
      if (entry.relation === undefined) continue;
      try {
        if (!RELATION.test(entry.relation))
          throw new CompilerError(
            `snapshot ${entry.name}: relation must be a ref(...) or source(...) call, got '${entry.relation}'`,
            'E_SNAPSHOT_CONFIG',
            entry.loc.file,
            entry.loc.line,
            entry.loc.column,
          );
        const inFolder = pathInResourceFolder(file.file);
        const node = makeSnapshotNode({
          name: entry.name,
          package_name: pkg,
          original_file_path: file.file,
          path: `${inFolder}/${entry.name}.sql`,
          fqn: [pkg, ...folderParts(inFolder), entry.name],
          schema: ctx.targetSchema,
          raw_code: `select * from {{ ${entry.relation.trim()} }}`,
        });
        await finishSnapshotNode(ctx, node, {});
        if (node.config.enabled !== false) out.push(node);
      } catch (err) {
        errors.push(issueOf(err, file.file));
      }
    }
  }
  return out;
}
