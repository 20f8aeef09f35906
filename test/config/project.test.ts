import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadProject, parseProject, SecretMasker } from '../../src/config/index.js';
import { fixtures, render } from './helpers.js';

describe('loadProject', () => {
  it('fills in dbt defaults for a minimal project', async () => {
    const r = await loadProject(join(fixtures, 'minimal'));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    const p = r.value;
    assert.equal(p.name, 'minimal');
    assert.equal(p.profile, 'minimal');
    assert.equal(p.configVersion, 2);
    assert.deepEqual(p.modelPaths, ['models']);
    assert.deepEqual(p.seedPaths, ['seeds']);
    assert.deepEqual(p.testPaths, ['tests']);
    assert.deepEqual(p.analysisPaths, ['analyses']);
    assert.deepEqual(p.macroPaths, ['macros']);
    assert.deepEqual(p.snapshotPaths, ['snapshots']);
    assert.deepEqual(p.docsPaths, ['models', 'seeds', 'snapshots', 'analyses', 'macros', 'tests']);
    assert.deepEqual(p.assetPaths, []);
    assert.equal(p.targetPath, 'target');
    assert.deepEqual(p.cleanTargets, ['target']);
    assert.equal(p.packagesInstallPath, 'dbt_packages');
    assert.deepEqual(p.onRunStart, []);
    assert.deepEqual(p.vars, {});
    assert.equal(p.restrictAccess, false);
    assert.deepEqual(p.loc, { file: join(fixtures, 'minimal', 'dbt_project.yml'), line: 1, column: 1 });
  });

  it('reads paths, hooks, dispatch and renders env_var with defaults', async () => {
    const r = await loadProject(join(fixtures, 'jaffle'), { render, env: { MARTS_MAT: 'incremental' } });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    const p = r.value;
    assert.equal(p.profile, 'jaffle');
    assert.equal(p.version, '1.0.0');
    assert.deepEqual(p.modelPaths, ['models', 'more_models']);
    assert.deepEqual(p.seedPaths, ['data']);
    assert.deepEqual(p.docsPaths, [
      'models',
      'more_models',
      'data',
      'snapshots',
      'analyses',
      'macros',
      'tests',
    ]);
    assert.equal(p.targetPath, 'build');
    assert.deepEqual(p.cleanTargets, ['build', 'dbt_packages']);
    assert.equal(p.packagesInstallPath, 'deps');
    assert.deepEqual(p.requireDbtVersion, ['>=1.9.0', '<2.0.0']);
    // hooks and query-comment stay raw: they are rendered at run time
    assert.deepEqual(p.onRunStart, ['create schema if not exists {{ target.schema }}']);
    assert.deepEqual(p.onRunEnd, ['grant usage on schema {{ target.schema }} to reporter']);
    assert.equal(p.queryComment, 'run by {{ target.name }}');
    assert.equal(p.dispatch[0]!.macroNamespace, 'dbt_utils');
    assert.deepEqual(p.dispatch[0]!.searchOrder, ['jaffle', 'dbt_utils']);
    assert.equal(p.dispatch[0]!.loc.line, 15);
    assert.deepEqual(p.quoting, { identifier: false });
    assert.deepEqual(p.flags, { send_anonymous_usage_stats: false });
    const models = p.configTrees.models as Record<string, any>;
    assert.equal(models.jaffle.marts['+materialized'], 'incremental');
    assert.equal(models.jaffle.staging.stg_orders['+post-hook'], 'analyze {{ this }}');
  });

  it('uses the env var value over the default', async () => {
    const r = await loadProject(join(fixtures, 'jaffle'), { render, env: { JAFFLE_TARGET: 'out' } });
    assert.ok(r.ok);
    assert.equal(r.value.targetPath, 'out');
  });

  it('reports a missing env var without default at the value position', async () => {
    const text = 'name: p\nprofile: "{{ env_var(\'NOPE\') }}"\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text, { render, env: {} });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'env-var-missing');
    assert.equal(r.errors[0]!.format(), "/p/dbt_project.yml:2:10: Env var required but not provided: 'NOPE'");
  });

  it('refuses secret env vars, which dbt allows only in profiles.yml and packages.yml', async () => {
    const secrets = new SecretMasker();
    const text = 'name: p\nprofile: "{{ env_var(\'DBT_ENV_SECRET_TOKEN\') }}"\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text, {
      render,
      env: { DBT_ENV_SECRET_TOKEN: 's3cr3t' },
      secrets,
    });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'secret-misplaced');
    assert.equal(r.errors[0]!.line, 2);
    assert.deepEqual(secrets.values(), []);
  });

  it('gives var() the CLI vars only', async () => {
    const text = "name: p\nprofile: \"{{ var('prof', 'fallback') }}\"\ntarget-path: \"{{ var('tp') }}\"\n";
    const r = await parseProject('/p', '/p/dbt_project.yml', text, { render, cliVars: { tp: 'cli_target' } });
    assert.ok(r.ok);
    assert.equal(r.value.profile, 'fallback');
    assert.equal(r.value.targetPath, 'cli_target');
  });

  it('rejects an unknown top-level key at its position with a suggestion', async () => {
    const text = 'name: p\nmodel-path: [models]\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text);
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'unknown-key');
    assert.equal(
      r.errors[0]!.format(),
      "/p/dbt_project.yml:2:1: unknown key 'model-path' in dbt_project.yml; did you mean 'model-paths'?",
    );
  });

  it('warns about a misspelt config key in a tree', async () => {
    const text = 'name: p\nmodels:\n  p:\n    staging:\n      +materialised: table\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text);
    assert.ok(r.ok);
    assert.equal(r.warnings.length, 1);
    assert.equal(
      r.warnings[0]!.format(),
      "/p/dbt_project.yml:5:7: warning: unknown key '+materialised' in models config; did you mean '+materialized'?",
    );
  });

  it('reports YAML syntax errors with their line and column', async () => {
    const text = 'name: p\nmodels:\n  p: [a, b\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text);
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'yaml-syntax');
    assert.equal(r.errors[0]!.file, '/p/dbt_project.yml');
    assert.ok(r.errors[0]!.line >= 3, r.errors[0]!.format());
  });

  it('reports a missing dbt_project.yml clearly', async () => {
    const r = await loadProject('/nonexistent/project');
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'file-not-found');
    assert.match(r.errors[0]!.message, /no dbt_project.yml found in '\/nonexistent\/project'/);
  });

  it('checks types, required keys, reserved names and config-version', async () => {
    const noName = await parseProject('/p', '/p/dbt_project.yml', 'profile: x\n');
    assert.ok(!noName.ok);
    assert.equal(noName.errors[0]!.code, 'missing-key');
    assert.match(noName.errors[0]!.message, /'name'/);

    const badPaths = await parseProject('/p', '/p/dbt_project.yml', 'name: p\nmodel-paths: models\n');
    assert.ok(!badPaths.ok);
    assert.equal(badPaths.errors[0]!.line, 2);
    assert.equal(badPaths.errors[0]!.column, 14);

    const reserved = await parseProject('/p', '/p/dbt_project.yml', 'name: source\n');
    assert.ok(!reserved.ok);
    assert.match(reserved.errors[0]!.message, /reserved/);

    const v1 = await parseProject('/p', '/p/dbt_project.yml', 'name: p\nconfig-version: 1\n');
    assert.ok(!v1.ok);
    assert.match(v1.errors[0]!.message, /config-version/);
  });

  it('reads tests: as data_tests and refuses both', async () => {
    const r = await parseProject('/p', '/p/dbt_project.yml', 'name: p\ntests:\n  +severity: warn\n');
    assert.ok(r.ok);
    assert.deepEqual(r.value.configTrees.data_tests, { '+severity': 'warn' });
    const both = await parseProject('/p', '/p/dbt_project.yml', 'name: p\ntests: {}\ndata_tests: {a: 1}\n');
    assert.ok(!both.ok);
  });

  it('reads YAML 1.1 booleans as dbt (PyYAML) does', async () => {
    const r = await parseProject('/p', '/p/dbt_project.yml', 'name: p\nquoting:\n  identifier: no\n');
    assert.ok(r.ok);
    assert.deepEqual(r.value.quoting, { identifier: false });
  });

  it('turns `| as_bool` / `| as_number` results into native values, as dbt does', async () => {
    const text =
      'name: p\nrestrict-access: "{{ env_var(\'RA\', \'True\') | as_bool }}"\nconfig-version: "{{ 2 | as_number }}"\n';
    const r = await parseProject('/p', '/p/dbt_project.yml', text, { render, env: {} });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.equal(r.value.restrictAccess, true);
    assert.equal(r.value.configVersion, 2);
  });
});
