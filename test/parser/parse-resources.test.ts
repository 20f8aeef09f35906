// Exposures from properties YAML: each in the package whose YAML declares it, its parents listed
// once (sources first), its tags from `tags:` and `config.tags` (as dbt-core 1.11.16 writes them;
// see test/fixtures/projects/graph_resources/EXPECTED.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PropertiesFile, readPropertiesFile } from '../../src/config/index.js';
import { makeModelNode } from '../../src/parser/node-defaults.js';
import { buildExposures } from '../../src/parser/parse-resources.js';
import { render } from '../config/helpers.js';

async function properties(file: string, text: string): Promise<PropertiesFile> {
  const r = await readPropertiesFile(file, text, { render, env: {} });
  assert.ok(r.ok);
  return r.value;
}

test("exposures belong to their YAML's package and list each parent once", async () => {
  const model = (pkg: string, name: string) =>
    makeModelNode({ name, package_name: pkg, original_file_path: `models/${name}.sql`, schema: 'main' });
  const nodes = Object.fromEntries(
    [model('root', 'orders'), model('lib', 'events')].map((n) => [n.unique_id, n]),
  );
  const rootYaml = await properties(
    'models/exposures.yml',
    'version: 2\nexposures:\n  - name: board\n    type: dashboard\n    owner: {name: Ann}\n    tags: [b]\n    config: {tags: [a]}\n    depends_on: ["ref(\'orders\')", "ref(\'orders\')"]\n',
  );
  const libYaml = await properties(
    'models/lib.yml',
    'version: 2\nexposures:\n  - name: feed\n    type: application\n    owner: {name: Lib}\n    depends_on: ["ref(\'events\')"]\n',
  );
  const { exposures, errors } = buildExposures(
    [
      { pkg: 'root', file: rootYaml },
      { pkg: 'lib', file: libYaml },
    ],
    nodes,
    {},
  );
  assert.deepEqual(errors, []);
  const board = exposures['exposure.root.board'];
  assert.deepEqual(board?.depends_on.nodes, ['model.root.orders']);
  assert.deepEqual(board?.tags, ['a', 'b']);
  assert.deepEqual(board?.config.tags, ['a', 'b']);
  assert.deepEqual(exposures['exposure.lib.feed']?.depends_on.nodes, ['model.lib.events']);
});
