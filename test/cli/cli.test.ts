// The tessera command line as a user meets it: exit codes, one-line located errors, quiet and JSON
// output, NO_COLOR. Spawns the real CLI on copies of the example project.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXAMPLES, projectCopy } from '../helpers/projects.js';

const entry = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

function cli(dir: string, ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), entry, ...args, '--profiles-dir', dir],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1' },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tessera CLI on the example project', () => {
  let dir: string;
  before(() => {
    dir = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
  });

  test('build succeeds with dbt-style progress and summary, no colour codes under NO_COLOR', () => {
    const r = cli(dir, 'build');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\d+ of \d+ START sql view model main\.stg_customers \.+ \[RUN\]/);
    assert.match(r.out, /OK created sql table model main\.customers \.+ \[OK in \d+\.\d\ds\]/);
    assert.match(r.out, /Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0 TOTAL=\d+/);
    assert.ok(!r.out.includes('\u001b['), 'no ANSI colour codes');
    const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8'));
    assert.equal(results.metadata.dbt_schema_version, 'https://schemas.getdbt.com/dbt/run-results/v6.json');
    assert.ok(results.results.length > 10);
  });

  test('ls lists resources by selector, with graph operators', () => {
    const r = cli(dir, 'ls', '--select', '+customers', '--resource-type', 'model', '--output', 'name');
    assert.equal(r.code, 0, r.err);
    const names = r.out.trim().split('\n');
    assert.ok(names.includes('customers'));
    assert.ok(names.includes('stg_customers'));
    assert.ok(!names.includes('orders_daily'));
  });

  test('compile --inline -q prints only the compiled SQL', () => {
    const r = cli(dir, 'compile', '-q', '--inline', "select * from {{ ref('customers') }}");
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), 'select * from "test"."main"."customers"');
  });

  test('--log-format json prints one JSON object per line', () => {
    const r = cli(dir, 'run', '--select', 'stg_customers', '--log-format', 'json');
    assert.equal(r.code, 0, r.err);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.event === 'node-finished' && l.result.status === 'success'));
  });

  test('a bad ref is one located line and exit code 2, no stack trace', () => {
    const bad = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
    writeFileSync(join(bad, 'models', 'broken.sql'), "select * from {{ ref('does_not_exist') }}\n");
    const r = cli(bad, 'run');
    assert.equal(r.code, 2);
    assert.match(r.err, /models\/broken\.sql.*does_not_exist.*was not found/);
    assert.doesNotMatch(r.err + r.out, /\n\s+at /);
  });

  test('a Jinja syntax error names file, line and column', () => {
    const bad = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
    writeFileSync(join(bad, 'models', 'broken.sql'), 'select 1\n{% if %}\n');
    const r = cli(bad, 'parse');
    assert.equal(r.code, 2);
    assert.match(r.err, /models\/broken\.sql:2:\d+: /);
  });

  test('a YAML typo gets a suggestion with its position', () => {
    const bad = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
    const file = join(bad, 'dbt_project.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('model-paths', 'model-pathz'));
    const r = cli(bad, 'parse');
    assert.notEqual(r.code, 0);
    assert.match(r.out + r.err, /dbt_project\.yml:\d+:\d+:.*model-pathz.*model-paths/);
  });

  test('a failing test gives exit code 1', () => {
    const r = cli(dir, 'test', '--select', 'customers', '--vars', '{}');
    assert.equal(r.code, 0, r.out);
    const failing = projectCopy(join(EXAMPLES, 'jaffle_shop'), 'jaffle_shop');
    writeFileSync(join(failing, 'tests', 'always_fails.sql'), 'select 1 as x\n');
    const f = cli(failing, 'build', '--select', 'always_fails');
    assert.equal(f.code, 1, f.out);
    assert.match(f.out, /FAIL 1 always_fails/);
  });
});

describe('Ctrl-C', () => {
  test('cancels the running query, writes run_results and exits 130', async () => {
    const dir = projectCopy('empty_project');
    mkdirSync(join(dir, 'models'));
    writeFileSync(
      join(dir, 'models', 'slow.sql'),
      "{{ config(materialized='table') }}\nselect count(*) as n from range(100000000000) a\n",
    );
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), entry, 'run', '--profiles-dir', dir],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1' },
      },
    );
    let out = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('START sql table model main.slow')) setTimeout(() => child.kill('SIGINT'), 300);
      });
      child.on('exit', (c) => resolve(c));
    });
    assert.equal(code, 130, out);
    const file = join(dir, 'target', 'run_results.json');
    assert.ok(existsSync(file), 'run_results.json written');
    const results = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(results.results[0].unique_id, 'model.empty_project.slow');
    assert.notEqual(results.results[0].status, 'success');
  });
});

describe('retry and store_failures', () => {
  test('retry re-runs only what errored or was skipped', () => {
    const dir = projectCopy('empty_project');
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'good.sql'), 'select 1 as id\n');
    writeFileSync(join(dir, 'models', 'bad.sql'), 'select * from nowhere_at_all\n');
    writeFileSync(join(dir, 'models', 'after_bad.sql'), "select * from {{ ref('bad') }}\n");
    const first = cli(dir, 'run');
    assert.equal(first.code, 1);
    assert.match(first.out, /PASS=1 WARN=0 ERROR=1 SKIP=1 TOTAL=3/);
    writeFileSync(join(dir, 'models', 'bad.sql'), 'select 2 as id\n');
    const again = cli(dir, 'retry');
    assert.equal(again.code, 0, again.out + again.err);
    assert.match(again.out, /PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2/);
  });

  test('--store-failures keeps the failing rows in an audit table', async () => {
    const dir = projectCopy('singular_tests');
    const r = cli(dir, 'build', '--store-failures');
    assert.equal(r.code, 1);
    const { query } = await import('../helpers/projects.js');
    const rows = await query(dir, 'select * from main_dbt_test__audit.failing_negative_scores');
    assert.equal(rows.length, 1);
  });
});
