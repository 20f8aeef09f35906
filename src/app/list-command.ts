/** `ls`: the selected resources as names, paths, selectors or JSON. */
import { LIST_DEFAULT_RESOURCE_TYPES } from '../graph/index.js';
import type { Invocation } from './invocation.js';
import { type SelectionFlags, selectFor } from './selection.js';

export type ListOutput = 'selector' | 'name' | 'path' | 'json';

const JSON_KEYS = [
  'name',
  'resource_type',
  'package_name',
  'original_file_path',
  'unique_id',
  'alias',
  'config',
  'tags',
  'depends_on',
];

export function listNodes(
  inv: Invocation,
  flags: SelectionFlags,
  output: ListOutput = 'selector',
  outputKeys?: string[],
): string[] {
  const r = selectFor(inv, 'ls', flags, {
    defaultResourceTypes: LIST_DEFAULT_RESOURCE_TYPES,
    includeEmptyNodes: true,
  });
  const lines: string[] = [];
  for (const id of [...r.selected].sort()) {
    const node = inv.graph.get(id) as unknown as Record<string, unknown> | undefined;
    if (!node) continue;
    switch (output) {
      case 'name':
        lines.push(String(node.resource_type === 'source' ? `${node.source_name}.${node.name}` : node.name));
        break;
      case 'path':
        lines.push(String(node.original_file_path));
        break;
      case 'json': {
        const keys = outputKeys?.length ? outputKeys : JSON_KEYS;
        lines.push(
          JSON.stringify(Object.fromEntries(keys.filter((k) => k in node).map((k) => [k, node[k]]))),
        );
        break;
      }
      default: {
        const fqn = node.fqn as string[];
        const prefix =
          node.resource_type === 'source' ? 'source:' : node.resource_type === 'exposure' ? 'exposure:' : '';
        lines.push(prefix + fqn.join('.'));
      }
    }
  }
  return lines;
}
