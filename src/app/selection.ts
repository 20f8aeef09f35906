/** Which nodes a command acts on: dbt's selection flags with each command's default types. */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSelectorsYaml, type Selection, type SelectOptions, selectNodes } from '../graph/index.js';
import { CommandError } from './errors.js';
import type { Invocation } from './invocation.js';
import { loadState } from './state.js';

export interface SelectionFlags {
  select?: string[];
  exclude?: string[];
  selector?: string;
  resourceTypes?: string[];
  excludeResourceTypes?: string[];
  indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  /** `--state DIR`: an earlier run's artifacts, for `state:`, `result:` and `source_status:`. */
  state?: string;
}

/** Resource types each command runs when none are asked for. */
export const COMMAND_TYPES: Record<string, string[]> = {
  run: ['model'],
  compile: ['model', 'analysis', 'test', 'seed', 'snapshot'],
  seed: ['seed'],
  test: ['test', 'unit_test'],
  build: ['model', 'seed', 'snapshot', 'test', 'unit_test'],
  snapshot: ['snapshot'],
};

export function selectFor(
  inv: Invocation,
  command: string,
  flags: SelectionFlags,
  extra: Partial<SelectOptions> = {},
): Selection {
  const selectorsFile = join(inv.workspace.root.dir, 'selectors.yml');
  let selectors: SelectOptions['selectors'];
  if (existsSync(selectorsFile)) {
    const r = readSelectorsYaml(readFileSync(selectorsFile, 'utf8'), 'selectors.yml');
    if (!r.ok)
      throw new CommandError(
        r.errors.map((e) => ({ message: e.message, code: e.code, file: 'selectors.yml' })),
      );
    selectors = r.value;
  }
  const types = COMMAND_TYPES[command];
  const r = selectNodes(inv.graph, {
    select: flags.select,
    exclude: flags.exclude,
    selector: flags.selector,
    selectors,
    resourceTypes: flags.resourceTypes,
    excludeResourceTypes: flags.excludeResourceTypes,
    defaultResourceTypes: types,
    allResourceTypes: types,
    indirectSelection: flags.indirectSelection,
    ...(flags.state ? loadState(flags.state, inv.targetDir) : {}),
    ...extra,
  });
  if (!r.ok) throw new CommandError(r.errors.map((e) => ({ message: e.message, code: e.code })));
  // Upstream projects' products (mesh external nodes) are read, never built.
  const own = new Set([inv.workspace.root.name, ...inv.workspace.packages.map((p) => p.name)]);
  for (const id of r.value.selected)
    if (!own.has(inv.project.nodes[id]?.package_name ?? inv.workspace.root.name)) r.value.selected.delete(id);
  for (const w of r.value.warnings) inv.options.log?.('warn', w.message);
  return r.value;
}
