import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  rememberJson,
  writeJsonAtomic,
  writeJsonAtomicSync,
  writeManifest,
} from '../../src/artifacts/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('writeJsonAtomic', () => {
  test('writes compact JSON and creates the folder', async () => {
    const file = join(dir, 'new', 'target', 'a.json');
    await writeJsonAtomic(file, { a: [1, 2], b: { c: null } });
    assert.equal(readFileSync(file, 'utf8'), '{"a":[1,2],"b":{"c":null}}');
  });

  test('a text longer than one write chunk arrives whole, a pair of surrogates at the seam intact', async () => {
    const file = join(dir, 'big.json');
    const chunk = 4 * 1024 * 1024;
    // JSON.stringify adds one quote before the string: the emoji's two halves straddle the seam.
    const value = `${'a'.repeat(chunk - 2)}\u{1F600}${'b'.repeat(chunk)}é`;
    await writeJsonAtomic(file, value);
    const back = readFileSync(file);
    assert.equal(back.length, Buffer.byteLength(JSON.stringify(value)));
    assert.equal(JSON.parse(back.toString('utf8')), value);
  });

  test('replaces an existing file and leaves no temporary files', async () => {
    const file = join(dir, 'replace.json');
    await writeJsonAtomic(file, { version: 1 });
    await writeJsonAtomic(file, { version: 2 });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 2 });
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('replace')),
      ['replace.json'],
    );
  });

  test('a failing serialisation leaves the previous file intact', async () => {
    const file = join(dir, 'keep.json');
    await writeJsonAtomic(file, { good: true });
    const poisoned = {
      toJSON() {
        throw new Error('boom while serialising');
      },
    };
    await assert.rejects(writeJsonAtomic(file, { nested: poisoned }), /boom while serialising/);
    assert.throws(() => writeJsonAtomicSync(file, { big: 1n }), TypeError);
    assert.equal(readFileSync(file, 'utf8'), '{"good":true}');
  });

  test('a failing rename removes the temporary file and keeps what was there', async () => {
    const target = join(dir, 'occupied');
    mkdirSync(join(target, 'child'), { recursive: true });
    await assert.rejects(writeJsonAtomic(target, { x: 1 }));
    assert.deepEqual(readdirSync(target), ['child']);
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  test('the mask sees the serialised text', async () => {
    const file = join(dir, 'masked.json');
    await writeJsonAtomic(
      file,
      { password: 's3cret-value' },
      { mask: (text) => text.replaceAll('s3cret-value', '*****') },
    );
    assert.equal(readFileSync(file, 'utf8'), '{"password":"*****"}');
  });

  test('sync variant and writeManifest', async () => {
    const file = join(dir, 'sync.json');
    writeFileSync(file, 'old');
    writeJsonAtomicSync(file, [1], { indent: 2 });
    assert.equal(readFileSync(file, 'utf8'), '[\n  1\n]');
    await writeManifest(join(dir, 'target'), { metadata: {} });
    assert.equal(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'), '{"metadata":{}}');
  });
});

describe('rememberJson', () => {
  const nodes = (): Record<string, unknown> => ({
    'model.p.a': { unique_id: 'model.p.a', raw_code: 'select "é"', tags: [] },
    'model.p.b': { unique_id: 'model.p.b', skipped: undefined, depends_on: { nodes: ['model.p.a'] } },
  });

  test('the remembered text is written in place of the record, once', async () => {
    const record = nodes();
    // A marker the record's own serialisation would not give: proves the text was spliced in.
    const text = JSON.stringify(record).replace('select', 'SELECT');
    rememberJson(record, text);
    const file = join(dir, 'spliced.json');
    await writeJsonAtomic(file, { metadata: { v: 1 }, nodes: record, after: [1] });
    assert.equal(readFileSync(file, 'utf8'), `{"metadata":{"v":1},"nodes":${text},"after":[1]}`);
    // Used once: the next write serialises the record itself.
    await writeJsonAtomic(file, { nodes: record });
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify({ nodes: record }));
  });

  test('a copy with more entries after the remembered ones reuses the text; the mask still applies', async () => {
    const record = nodes();
    rememberJson(record, JSON.stringify(record));
    const copy = { ...record, 'operation.p.hook': { unique_id: 'operation.p.hook', secret: 's3cr3t' } };
    const file = join(dir, 'extended.json');
    const mask = (t: string) => t.replaceAll('s3cr3t', '*****').replaceAll('é', 'e');
    await writeJsonAtomic(file, { nodes: copy, n: null }, { mask });
    assert.equal(readFileSync(file, 'utf8'), mask(JSON.stringify({ nodes: copy, n: null })));
  });

  test('a record whose entries differ is serialised as it is', async () => {
    const record = nodes();
    rememberJson(record, '{"stale":true}');
    const changed = { ...record, 'model.p.a': { unique_id: 'model.p.a', raw_code: 'select 2' } };
    const reordered = { 'model.p.b': record['model.p.b'], 'model.p.a': record['model.p.a'] };
    const file = join(dir, 'changed.json');
    await writeJsonAtomic(file, { nodes: changed, other: reordered });
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify({ nodes: changed, other: reordered }));
  });
});
