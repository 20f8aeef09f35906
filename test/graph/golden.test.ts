// Compares selection with what dbt-core itself selects: fixtures/ls-golden.json holds `dbt ls`
// output for every case in fixtures/ls-cases.json over fixtures/ref-project, and
// fixtures/ref-manifest.json is that project's parsed manifest (both made by generate-golden.py).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildGraph,
  type GraphNode,
  type IndirectSelection,
  LIST_ALL_RESOURCE_TYPES,
  LIST_DEFAULT_RESOURCE_TYPES,
  type ManifestLike,
  readSelectorsYaml,
  type SelectOptions,
  selectNodes,
} from '../../src/graph/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const manifest = JSON.parse(readFileSync(join(fixtures, 'ref-manifest.json'), 'utf8')) as ManifestLike & {
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  disabled: Record<string, GraphNode[]>;
};
const golden = JSON.parse(readFileSync(join(fixtures, 'ls-golden.json'), 'utf8')) as {
  args: string[];
  selected?: string[];
  warnings?: string[];
  error?: string;
}[];
const selectorsText = readFileSync(join(fixtures, 'ref-project', 'selectors.yml'), 'utf8');

/** The `dbt ls` flags of a case as selectNodes options. */
function optionsFor(args: string[]): SelectOptions {
  const select: string[] = [];
  const exclude: string[] = [];
  const resourceTypes: string[] = [];
  const excludeResourceTypes: string[] = [];
  const options: SelectOptions = {
    defaultResourceTypes: LIST_DEFAULT_RESOURCE_TYPES,
    allResourceTypes: LIST_ALL_RESOURCE_TYPES,
    includeEmptyNodes: true,
  };
  let target: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-s' || arg === '--select') target = select;
    else if (arg === '--exclude') target = exclude;
    else if (arg === '--resource-type') target = resourceTypes;
    else if (arg === '--exclude-resource-type') target = excludeResourceTypes;
    else if (arg === '--selector') options.selector = args[++i];
    else if (arg === '--indirect-selection') options.indirectSelection = args[++i] as IndirectSelection;
    else target!.push(arg);
  }
  if (select.length > 0) options.select = select;
  if (exclude.length > 0) options.exclude = exclude;
  if (resourceTypes.length > 0) options.resourceTypes = resourceTypes;
  if (excludeResourceTypes.length > 0) options.excludeResourceTypes = excludeResourceTypes;
  return options;
}

describe('agreement with dbt ls (dbt-core 1.11) on the reference project', () => {
  const built = buildGraph(manifest);
  assert.ok(built.ok);
  const graph = built.value;
  const selectors = readSelectorsYaml(selectorsText, 'selectors.yml');
  assert.ok(selectors.ok);

  test('parent_map and child_map equal the manifest', () => {
    assert.deepEqual(graph.parentMap(), manifest.parent_map);
    assert.deepEqual(graph.childMap(), manifest.child_map);
  });

  test('disabled nodes stay out of the graph and out of selection', () => {
    const disabled = manifest.disabled;
    const members = [...Object.values(manifest.nodes ?? {}), ...Object.values(manifest.sources ?? {})];
    const withDisabled = buildGraph([...members, ...Object.values(disabled).flat()]);
    assert.ok(withDisabled.ok);
    assert.ok(withDisabled.value.disabled.has('model.shop.disabled_model'));
    assert.equal(withDisabled.value.has('model.shop.disabled_model'), false);
    const all = selectNodes(withDisabled.value, { select: 'disabled_model' });
    assert.ok(all.ok);
    assert.equal(all.value.selected.size, 0);
  });

  for (const entry of golden) {
    const name = entry.args.join(' ') || '(no flags)';
    test(`dbt ls ${name}`, () => {
      const result = selectNodes(graph, { ...optionsFor(entry.args), selectors: selectors.value });
      if (entry.error !== undefined) {
        assert.equal(result.ok, false, `dbt failed with: ${entry.error}`);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => e.message).join('\n'));
      assert.deepEqual([...result.value.selected].sort(), entry.selected);
      const empty = result.value.warnings.some((w) => w.code === 'no-nodes-selected');
      assert.equal(empty, entry.selected!.length === 0);
      assert.deepEqual(
        result.value.warnings.filter((w) => w.code === 'no-nodes-for-selection').map((w) => w.selector),
        entry.warnings,
      );
    });
  }
});
