import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeJsonAtomic, writeJsonAtomicSync, writeManifest } from '../../src/artifacts/index.js';

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
