import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  buildManifest,
  buildRunResults,
  readManifest,
  readRunResults,
  writeManifest,
  writeRunResults,
} from '../../src/artifacts/index.js';
import { shopMetadata, shopProject } from './fixtures/shop-project.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readManifest', () => {
  test('reads back what we wrote', async () => {
    const manifest = buildManifest({ ...shopProject(), metadata: shopMetadata });
    await writeManifest(join(dir, 'target'), manifest);
    const read = await readManifest(join(dir, 'target', 'manifest.json'));
    assert.ok(read.ok);
    assert.deepEqual(read.value, JSON.parse(JSON.stringify(manifest)));
  });

  test('a missing file', async () => {
    const read = await readManifest(join(dir, 'nope', 'manifest.json'));
    assert.equal(read.ok, false);
    assert.equal(!read.ok && read.error.code, 'artifact-not-found');
  });

  test('broken JSON is located by line and column', async () => {
    const read = await readManifest(put('broken.json', '{\n  "metadata": {,\n}'));
    assert.ok(!read.ok);
    assert.equal(read.error.code, 'invalid-json');
    assert.equal(read.error.line, 2);
    assert.equal(read.error.column, 16);
    assert.match(read.error.format(), /broken\.json:2:16: not valid JSON/);
  });

  test('another artifact kind or an old schema is refused', async () => {
    const runResults = put(
      'rr.json',
      JSON.stringify({
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' },
      }),
    );
    const wrong = await readManifest(runResults);
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.code, 'wrong-artifact');
    const old = await readManifest(
      put(
        'old.json',
        JSON.stringify({
          metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v7.json' },
        }),
      ),
    );
    assert.ok(!old.ok);
    assert.equal(old.error.code, 'unsupported-version');
  });

  test('malformed content is reported, older manifests get empty new maps', async () => {
    const metadata = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v11.json' };
    const base = {
      metadata,
      nodes: {},
      sources: {},
      macros: {},
      docs: {},
      exposures: {},
      parent_map: {},
      child_map: {},
    };
    const missing = await readManifest(put('m1.json', JSON.stringify({ ...base, nodes: undefined })));
    assert.ok(!missing.ok);
    assert.match(missing.error.message, /"nodes"/);
    const badNode = await readManifest(
      put('m2.json', JSON.stringify({ ...base, nodes: { 'model.a.b': { unique_id: 'x' } } })),
    );
    assert.ok(!badNode.ok);
    assert.equal(badNode.error.code, 'invalid-artifact');
    const older = await readManifest(put('m3.json', JSON.stringify(base)));
    assert.ok(older.ok);
    assert.deepEqual(older.value.unit_tests, {});
    assert.deepEqual(older.value.group_map, {});
  });
});

describe('readRunResults', () => {
  test('reads back what we wrote', async () => {
    const artifact = buildRunResults({
      results: [{ unique_id: 'model.shop.orders', status: 'error', message: 'boom' }],
      elapsedTime: 1.5,
    });
    await writeRunResults(join(dir, 'target'), artifact);
    const read = await readRunResults(join(dir, 'target', 'run_results.json'));
    assert.ok(read.ok);
    assert.equal(read.value.results[0]!.status, 'error');
    assert.equal(read.value.elapsed_time, 1.5);
  });

  test('entries without unique_id or status are refused', async () => {
    const metadata = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' };
    const read = await readRunResults(
      put('rr-bad.json', JSON.stringify({ metadata, results: [{ status: 'success' }] })),
    );
    assert.ok(!read.ok);
    assert.equal(read.error.code, 'invalid-artifact');
    assert.match(read.error.message, /result #1/);
    const noResults = await readRunResults(put('rr-none.json', JSON.stringify({ metadata })));
    assert.ok(!noResults.ok);
  });
});
