// The partial-parse cache: an unchanged project comes back from the cache, a changed file is the
// only one parsed again, and anything global (macros, vars, env vars read, a damaged cache) means a
// full parse. Every partial result is compared with a full parse of the same files.
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Command } from 'commander';
import { withProjectFlags } from '../../src/cli/options.js';
import { SecretMasker } from '../../src/config/index.js';
import {
  dbtEnvironment,
  loadWorkspace,
  PARTIAL_PARSE_FILE,
  type ParsedProject,
  parseProject,
} from '../../src/parser/index.js';

const FILES: Record<string, string> = {
  'dbt_project.yml':
    'name: shop\nversion: "1.0"\nconfig-version: 2\nprofile: shop\nvars:\n  limit_rows: 10\n',
  'macros/helpers.sql': '{% macro cents(col) %}({{ col }} * 100){% endmacro %}\n',
  'models/orders.sql': 'select 1 as id, 5 as amount\n',
  'models/customers.sql': "{{ config(materialized='table') }}\nselect id from {{ ref('orders') }}\n",
  'models/revenue.sql':
    "select id, {{ cents('amount') }} as cents from {{ ref('orders') }} limit {{ var('limit_rows') }}\n",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: orders',
    '    meta:',
    "      owner: \"{{ env_var('SHOP_OWNER', 'nobody') }}\"",
    '    columns:',
    '      - name: id',
    '        data_tests: [unique, not_null]',
    '  - name: customers',
    '    columns:',
    '      - name: id',
    '        data_tests: [not_null]',
    '',
  ].join('\n'),
  'seeds/countries.csv': 'code,name\nfr,France\n',
};

let dir: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

async function parse(
  opts: {
    vars?: Record<string, unknown>;
    env?: Record<string, string>;
    partialParse?: boolean;
    /** As `tessera parse` asks: the cache written in the background, the nodes' JSON kept. */
    asParseCommand?: boolean;
  } = {},
): Promise<ParsedProject> {
  const env = opts.env ?? {};
  const masker = new SecretMasker();
  const jinja = dbtEnvironment();
  const ws = await loadWorkspace(dir, {
    render: (src, ctx) => jinja.renderString(src, ctx),
    env,
    cliVars: opts.vars ?? {},
    secrets: masker,
  });
  assert.ok(ws.ok, 'the test project loads');
  const result = await parseProject(ws.workspace, {
    adapterType: 'duckdb',
    target: { type: 'duckdb', name: 'dev', schema: 'main', database: 'shop' },
    cliVars: opts.vars ?? {},
    env,
    masker,
    invocationId: 'test',
    runStartedAt: new Date(0),
    flags: {},
    partialParse: opts.partialParse ?? true,
    toolVersion: 'test',
    keepNodesJson: opts.asParseCommand,
    cacheWriteInBackground: opts.asParseCommand,
  });
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  return result.project;
}

/** Nodes and sources as the manifest would hold them, creation times left out. */
function manifestShape(p: ParsedProject): unknown {
  const nodes = Object.values(p.nodes).map(({ created_at: _c, ...n }) => n);
  const sources = Object.values(p.sources).map(({ created_at: _c, ...s }) => s);
  return JSON.parse(JSON.stringify({ nodes, sources }));
}

/** A cached or partial parse must give what a full parse of the same files gives. */
async function assertSameAsFullParse(
  p: ParsedProject,
  opts: Parameters<typeof parse>[0] = {},
): Promise<void> {
  const full = await parse({ ...opts, partialParse: false });
  assert.equal(full.stats.mode, 'full');
  assert.deepEqual(manifestShape(p), manifestShape(full));
}

describe('partial parse cache', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-partial-parse-'));
    for (const [path, text] of Object.entries(FILES)) write(path, text);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a first parse is full and writes the cache; an unchanged project comes from it', async () => {
    const first = await parse();
    assert.equal(first.fromCache, false);
    assert.equal(first.stats.mode, 'full');
    assert.equal(first.stats.fullParseReason, 'no partial-parse cache');
    assert.ok(existsSync(join(dir, 'target', PARTIAL_PARSE_FILE)));

    const second = await parse();
    assert.equal(second.fromCache, true);
    assert.equal(second.stats.mode, 'cached');
    assert.deepEqual(second.stats.reparsedFiles, []);
    assert.deepEqual(Object.keys(second.nodes), Object.keys(first.nodes));
    assert.deepEqual(manifestShape(second), manifestShape(first));
    // The macro registry is live again, so the cached project still compiles.
    const revenue = second.nodes['model.shop.revenue']!;
    const compiled = await second.compiler.compile(revenue as never);
    assert.match(compiled.sql, /\(amount \* 100\) as cents/);
  });

  test('as `parse` asks: the cache written in the background, the nodes serialised once', async () => {
    const first = await parse({ asParseCommand: true });
    assert.ok(first.cacheWrite, 'a background write was started');
    assert.equal(await first.cacheWrite, true);
    assert.equal(first.nodesJson, JSON.stringify(first.nodes));
    assert.equal(readdirSync(join(dir, 'target')).filter((f) => f.endsWith('.tmp')).length, 0);

    const second = await parse({ asParseCommand: true });
    assert.equal(second.stats.mode, 'cached');
    assert.equal(second.cacheWrite, undefined, 'nothing re-parsed, nothing written');
    assert.deepEqual(manifestShape(second), manifestShape(first));
    // Without the options nothing is kept: other commands change nodes after the parse.
    write('models/orders.sql', 'select 2 as id, 5 as amount\n');
    const third = await parse();
    assert.equal(third.stats.mode, 'partial');
    assert.equal(third.nodesJson, undefined);
    assert.equal(third.cacheWrite, undefined);
    await assertSameAsFullParse(third);
  });

  test('editing one model re-parses only that file, and the manifest shows the edit', async () => {
    await parse();
    write('models/customers.sql', "{{ config(materialized='view') }}\nselect id from {{ ref('revenue') }}\n");
    const p = await parse();
    assert.equal(p.fromCache, false);
    assert.equal(p.stats.mode, 'partial');
    assert.deepEqual(p.stats.reparsedFiles, ['models/customers.sql']);
    const customers = p.nodes['model.shop.customers']!;
    assert.equal(customers.config.materialized, 'view');
    assert.deepEqual((customers as { depends_on: { nodes: string[] } }).depends_on.nodes, [
      'model.shop.revenue',
    ]);
    await assertSameAsFullParse(p);
  });

  test('editing a properties file re-parses it and the models it describes', async () => {
    await parse();
    write('models/schema.yml', FILES['models/schema.yml']!.replace('[not_null]', '[not_null, unique]'));
    const p = await parse();
    assert.equal(p.stats.mode, 'partial');
    assert.deepEqual([...p.stats.reparsedFiles].sort(), [
      'models/customers.sql',
      'models/orders.sql',
      'models/schema.yml',
    ]);
    assert.ok(Object.keys(p.nodes).some((id) => id.startsWith('test.shop.unique_customers_id.')));
    await assertSameAsFullParse(p);
  });

  test('a deleted model disappears with its tests', async () => {
    await parse();
    rmSync(join(dir, 'models/customers.sql'));
    const p = await parse();
    assert.equal(p.stats.mode, 'partial');
    assert.equal(p.nodes['model.shop.customers'], undefined);
    assert.ok(!Object.keys(p.nodes).some((id) => id.includes('_customers_')));
    await assertSameAsFullParse(p);
  });

  test('editing a macro means a full parse', async () => {
    await parse();
    write('macros/helpers.sql', '{% macro cents(col) %}({{ col }} * 1000){% endmacro %}\n');
    const p = await parse();
    assert.equal(p.stats.mode, 'full');
    assert.equal(p.stats.fullParseReason, 'macros changed');
    assert.equal(p.stats.reparsedFiles.length, 5);
  });

  test('other --vars mean a full parse', async () => {
    await parse({ vars: { limit_rows: 10 } });
    assert.equal((await parse({ vars: { limit_rows: 10 } })).stats.mode, 'cached');
    const p = await parse({ vars: { limit_rows: 20 } });
    assert.equal(p.stats.mode, 'full');
    assert.match(p.stats.fullParseReason ?? '', /vars/);
  });

  test('a change of an env var the project read means a full parse', async () => {
    await parse({ env: { SHOP_OWNER: 'ana' } });
    assert.equal((await parse({ env: { SHOP_OWNER: 'ana', UNRELATED: 'x' } })).stats.mode, 'cached');
    const p = await parse({ env: { SHOP_OWNER: 'bo' } });
    assert.equal(p.stats.mode, 'full');
    assert.equal(p.stats.fullParseReason, 'env var SHOP_OWNER changed');
    assert.deepEqual(p.nodes['model.shop.orders']!.meta, { owner: 'bo' });
    // The cache keeps a hash of the env var it read, not the value.
    const cached = JSON.parse(readFileSync(join(dir, 'target', PARTIAL_PARSE_FILE), 'utf8'));
    assert.match(cached.envReads.SHOP_OWNER, /^[0-9a-f]{64}$/);
  });

  test('a damaged cache file is ignored: full parse, no crash, and a good cache afterwards', async () => {
    await parse();
    const cache = join(dir, 'target', PARTIAL_PARSE_FILE);
    writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 500));
    const p = await parse();
    assert.equal(p.stats.mode, 'full');
    assert.equal(p.stats.fullParseReason, 'partial-parse cache unreadable');
    writeFileSync(cache, '{"format": 1, "nodes": 3}');
    assert.equal((await parse()).stats.mode, 'full');
    await parse();
    assert.equal((await parse()).stats.mode, 'cached');
  });

  test('with partial parsing off nothing is read or written', async () => {
    const p = await parse({ partialParse: false });
    assert.equal(p.stats.mode, 'full');
    assert.equal(p.stats.fullParseReason, 'partial parsing is off');
    assert.equal(existsSync(join(dir, 'target', PARTIAL_PARSE_FILE)), false);
  });

  test('--no-partial-parse turns it off on the command line', () => {
    const cmd = withProjectFlags(new Command('parse')).exitOverride();
    cmd.parse(['--no-partial-parse'], { from: 'user' });
    assert.equal(cmd.opts().partialParse, false);
    const plain = withProjectFlags(new Command('parse')).exitOverride();
    plain.parse([], { from: 'user' });
    assert.equal(plain.opts().partialParse, true);
  });
});
