/**
 * Resolves each node's refs and sources into `depends_on.nodes` (and the macros it calls into
 * `depends_on.macros`), reporting refs to nodes that do not exist.
 */
import { type MacroRegistry, RefIndex } from '../compiler/index.js';
import type { ManifestNode, SourceDefinition } from './node-types.js';
import type { ParseIssue } from './parse-project.js';

const FAST_PATH_TESTS = new Set(['macro.dbt.test_not_null', 'macro.dbt.test_unique']);

export function linkNodes(
  nodes: Record<string, ManifestNode>,
  sources: Record<string, SourceDefinition>,
  registry: MacroRegistry,
): ParseIssue[] {
  const errors: ParseIssue[] = [];
  const index = new RefIndex(Object.values(nodes) as never[], Object.values(sources) as never[]);
  for (const node of Object.values(nodes)) {
    if (!('refs' in node)) continue;
    const deps = new Set<string>();
    for (const r of node.refs) {
      const target = index.ref(node.package_name, {
        name: r.name,
        package: r.package ?? undefined,
        version: r.version ?? undefined,
      }) as { unique_id: string } | undefined;
      if (!target) {
        const v = r.version !== null && r.version !== undefined ? ` (version ${r.version})` : '';
        errors.push({
          message: `${node.resource_type === 'test' ? 'Test' : 'Model'} '${node.unique_id}' (${node.original_file_path}) depends on a node named '${r.package ? `${r.package}.` : ''}${r.name}'${v} which was not found`,
          code: 'E_REF_NOT_FOUND',
          file: node.original_file_path,
        });
        continue;
      }
      deps.add(target.unique_id);
    }
    for (const [src, tbl] of node.sources) {
      const s = index.source(node.package_name, src!, tbl!) as { unique_id: string } | undefined;
      if (!s) {
        errors.push({
          message: `${node.resource_type} '${node.unique_id}' (${node.original_file_path}) depends on a source named '${src}.${tbl}' which was not found`,
          code: 'E_SOURCE_NOT_FOUND',
          file: node.original_file_path,
        });
        continue;
      }
      deps.add(s.unique_id);
    }
    node.depends_on.nodes = [...deps];
    if (node.resource_type === 'test' && 'test_metadata' in node) {
      const macro = registry.resolve(
        `test_${node.test_metadata.name}`,
        node.test_metadata.namespace ?? node.package_name,
      );
      const ns = node.test_metadata.namespace
        ? registry.get(node.test_metadata.namespace, `test_${node.test_metadata.name}`)
        : macro;
      const testMacro = (ns ?? macro)?.uniqueId;
      // dbt renders a generic test's arguments at parse time, its `model` argument calling
      // `get_where_subquery`, except for its own `not_null` and `unique` (a fast path).
      const where = FAST_PATH_TESTS.has(testMacro ?? '')
        ? undefined
        : registry.resolve('get_where_subquery', node.package_name);
      if (testMacro) node.depends_on.macros = [testMacro, ...(where ? [where.uniqueId] : [])];
      else
        errors.push({
          message: `${node.unique_id}: no test named '${node.test_metadata.name}'${node.test_metadata.namespace ? ` in package '${node.test_metadata.namespace}'` : ''} was found (looked for macro test_${node.test_metadata.name})`,
          code: 'E_TEST_NOT_FOUND',
          file: node.original_file_path,
        });
    }
  }
  return errors;
}
