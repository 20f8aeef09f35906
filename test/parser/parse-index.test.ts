// The parse index: a warm `parse` with nothing changed is served from a small stamp file without
// reading the partial-parse cache, and any input that changes a parse (a file edited, added or
// removed, an env var read, an option, the manifest or cache rewritten) sends it to a real parse.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  checkParseIndex,
  PARSE_INDEX_FILE,
  type ParseIndexInputs,
  parseIndexPath,
  stampsFor,
  stampWatched,
  type WatchedPaths,
  writeParseIndex,
} from '../../src/parser/index.js';

let dir: string;
const past = new Date(Date.now() - 60_000);

/** Writes a file dated a minute ago, as a file saved a while before the parse. */
function write(path: string, text: string, when = past): void {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, when, when);
}

describe('parse index (stamp functions)', () => {
  const indexPath = () => join(dir, 'target', PARSE_INDEX_FILE);
  const watched = (): WatchedPaths => ({
    dirs: [join(dir, 'models')],
    files: [join(dir, 'dbt_project.yml'), join(dir, 'packages.yml')],
  });
  const inputs = (over: Partial<ParseIndexInputs> = {}): ParseIndexInputs => ({
    toolVersion: 'test',
    options: { projectDir: dir, vars: {} },
    env: { HOME: '/home/x', SHOP_OWNER: 'ann' },
    ...over,
  });
  /** A "parse": stamps taken, then manifest and cache written, then the index. */
  function record(over: Partial<ParseIndexInputs> = {}): boolean {
    const stamps = { ...stampWatched(watched()), takenAt: Date.now() };
    write('target/manifest.json', '{"nodes":{}}', new Date());
    write('target/partial_parse.json', '{}', new Date());
    return writeParseIndex(indexPath(), {
      inputs: inputs(over),
      envNames: ['SHOP_OWNER'],
      watched: watched(),
      stamps,
      lines: [{ level: 'info', message: 'Found 2 models, 7 macros' }],
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-parse-index-'));
    write('dbt_project.yml', 'name: shop\n');
    write('models/a.sql', 'select 1 as id\n');
    write('models/deep/b.sql', 'select 2 as id\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('an unchanged project is current and gives back the lines the parse printed', () => {
    assert.equal(record(), true);
    const check = checkParseIndex(indexPath(), inputs());
    assert.deepEqual(check, {
      current: true,
      lines: [{ level: 'info', message: 'Found 2 models, 7 macros' }],
    });
  });

  test('an edited, added or removed file is a change', () => {
    record();
    write('models/a.sql', 'select 10 as id\n');
    const edited = checkParseIndex(indexPath(), inputs());
    assert.equal(edited.current, false);
    assert.equal(!edited.current && edited.filesChanged, true);

    record();
    write('models/deep/c.sql', 'select 3 as id\n');
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false);

    record();
    rmSync(join(dir, 'models/deep/b.sql'));
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false);

    record();
    write('packages.yml', 'packages: []\n'); // a watched file that did not exist
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false);
  });

  test('the stamps a missed check took are reused for the same paths, taken anew for others', () => {
    record();
    write('models/a.sql', 'select 12 as id\n');
    const check = checkParseIndex(indexPath(), inputs());
    assert.equal(check.current, false);
    const fresh = stampWatched(watched());
    assert.deepEqual(stampsFor(watched(), check), fresh);
    // Reused, not recomputed: the stamps the check took do not see a later edit.
    write('models/a.sql', 'select 123 as id\n');
    assert.deepEqual(stampsFor(watched(), check), fresh);
    const other = { dirs: [join(dir, 'models', 'deep')], files: [] };
    assert.deepEqual(stampsFor(other, check), stampWatched(other));
  });

  test('an env var read, a DBT_ENV_ variable, an option or the tool version is a change', () => {
    record();
    const env = { HOME: '/home/x', SHOP_OWNER: 'ann' };
    assert.equal(checkParseIndex(indexPath(), inputs({ env })).current, true);
    assert.equal(checkParseIndex(indexPath(), inputs({ env: { ...env, SHOP_OWNER: 'bob' } })).current, false);
    assert.equal(checkParseIndex(indexPath(), inputs({ env: { ...env, UNRELATED: '1' } })).current, true);
    assert.equal(
      checkParseIndex(indexPath(), inputs({ env: { ...env, DBT_ENV_CUSTOM_ENV_X: '1' } })).current,
      false,
    );
    const vars = { projectDir: dir, vars: { limit: 5 } };
    assert.equal(checkParseIndex(indexPath(), inputs({ options: vars })).current, false);
    assert.equal(checkParseIndex(indexPath(), inputs({ toolVersion: 'other' })).current, false);
  });

  test('a rewritten manifest or a deleted cache is a change', () => {
    record();
    write('target/manifest.json', '{"nodes":{"x":1}}', new Date(Date.now() + 5_000));
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false);
    record();
    rmSync(join(dir, 'target', 'partial_parse.json'));
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false);
  });

  test('no index is written while a file is so new that a later edit could keep its stamp', () => {
    assert.equal(record(), true);
    write('models/a.sql', 'select 11 as id\n', new Date());
    assert.equal(record(), false);
    assert.equal(checkParseIndex(indexPath(), inputs()).current, false, 'the older index is gone too');
  });

  test('a project that moves its target folder is not indexed', () => {
    assert.equal(parseIndexPath(dir), join(dir, 'target', PARSE_INDEX_FILE));
    write('dbt_project.yml', 'name: shop\ntarget-path: out\n');
    assert.equal(parseIndexPath(dir), undefined);
  });
});

const entry = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

function parseCli(owner = 'ann'): { code: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), entry, 'parse', '--profiles-dir', dir],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1', SHOP_OWNER: owner },
    },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

const manifest = () => JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
const mtime = (path: string) => statSync(join(dir, path)).mtimeMs;

describe('parse index (tessera parse)', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-parse-index-cli-'));
    write('dbt_project.yml', 'name: shop\nversion: "1.0"\nconfig-version: 2\nprofile: shop\n');
    write(
      'profiles.yml',
      `shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'shop.duckdb')}\n`,
    );
    write('models/orders.sql', 'select 1 as id, \'{{ env_var("SHOP_OWNER") }}\' as owner\n');
    write('models/docs.md', '{% docs orders_doc %}Orders, first version.{% enddocs %}\n');
    write(
      'models/schema.yml',
      'version: 2\nmodels:\n  - name: orders\n    description: "{{ doc(\'orders_doc\') }}"\n    meta:\n      owner: "{{ env_var(\'SHOP_OWNER\') }}"\n    columns:\n      - name: id\n        data_tests: [unique]\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a warm parse does not read the cache, prints the same lines, and keeps the manifest', () => {
    const cache = join(dir, 'target', 'partial_parse.json');
    const first = parseCli();
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /Found 1 models, 1 data tests, \d+ macros/);
    // A whole-second mtime, so the cache can be damaged below and given its exact stamp back.
    const stamp = new Date(Math.floor(Date.now() / 1000) * 1000 - 30_000);
    utimesSync(cache, stamp, stamp);
    rmSync(join(dir, 'target', PARSE_INDEX_FILE));
    assert.equal(parseCli().code, 0, 'a real parse from the cache records the index again');
    const manifestTime = mtime('target/manifest.json');

    // Same size, same mtime, not JSON: a parse that read it would parse everything and rewrite it.
    writeFileSync(cache, 'x'.repeat(statSync(cache).size));
    utimesSync(cache, stamp, stamp);
    const warm = parseCli();
    assert.equal(warm.code, 0, warm.out);
    assert.match(warm.out, /Found 1 models, 1 data tests, \d+ macros/);
    assert.match(readFileSync(cache, 'utf8'), /^x+$/, 'the cache was not read');
    assert.equal(mtime('target/manifest.json'), manifestTime, 'the manifest was not rewritten');

    // Without the index the damaged cache is found and replaced: the check above can fail.
    rmSync(join(dir, 'target', PARSE_INDEX_FILE));
    assert.equal(parseCli().code, 0);
    assert.ok(JSON.parse(readFileSync(cache, 'utf8')), 'a real parse rewrote the cache');
  });

  test('an env var the project read, a docs block and a model edit each reach the manifest', () => {
    assert.equal(parseCli().code, 0);
    assert.equal(parseCli().code, 0);
    const orders = () => manifest().nodes['model.shop.orders'];
    const doc = () => manifest().docs['doc.shop.orders_doc'].block_contents;
    assert.equal(doc(), 'Orders, first version.');
    assert.equal(orders().meta.owner, 'ann');
    assert.equal(parseCli('bob').code, 0);
    assert.equal(orders().meta.owner, 'bob');
    assert.equal(parseCli('bob').code, 0);
    assert.equal(orders().meta.owner, 'bob');

    const later = new Date(Date.now() - 20_000);
    write('models/docs.md', '{% docs orders_doc %}Orders, second version.{% enddocs %}\n', later);
    assert.equal(parseCli().code, 0);
    assert.equal(doc(), 'Orders, second version.');

    write('models/orders.sql', 'select 2 as id\n', new Date(Date.now() - 10_000));
    assert.equal(parseCli().code, 0);
    assert.match(orders().raw_code, /select 2 as id/);
  });
});
