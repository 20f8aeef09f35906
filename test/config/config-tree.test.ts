import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  configForNode,
  configsAtLevel,
  loadProject,
  type ProjectConfig,
  parseProject,
  resolveNodeConfig,
  varsForPackage,
} from '../../src/config/index.js';
import { fixtures, render } from './helpers.js';

async function project(dir: string, env: Record<string, string> = {}): Promise<ProjectConfig> {
  const r = await loadProject(join(fixtures, dir), { render, env });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
  return r.value;
}

describe('project config trees', () => {
  it('treats + keys and bare non-mapping keys as configs, bare mappings as paths', () => {
    assert.deepEqual(
      configsAtLevel({ '+materialized': 'table', enabled: false, staging: { x: 1 }, '+meta': { a: 1 } }),
      {
        materialized: 'table',
        enabled: false,
        meta: { a: 1 },
      },
    );
  });

  it('resolves folder and model levels, deeper winning, tags appended, meta merged', async () => {
    const root = await project('jaffle');
    assert.deepEqual(configForNode(root, 'model', ['jaffle', 'staging', 'stg_orders'], 'jaffle'), {
      materialized: 'table',
      tags: ['jaffle', 'orders'],
      schema: 'staging',
      meta: { owner: 'data-team' },
      'post-hook': ['analyze {{ this }}'],
    });
    // a bare `materialized: ephemeral` (value is not a mapping) is a config for the folder
    assert.equal(
      configForNode(root, 'model', ['jaffle', 'staging', 'stg_customers'], 'jaffle').materialized,
      'ephemeral',
    );
    assert.deepEqual(configForNode(root, 'model', ['jaffle', 'marts', 'orders'], 'jaffle'), {
      materialized: 'table',
      tags: ['jaffle'],
      persist_docs: { relation: true },
    });
    // top of the tree only
    assert.deepEqual(configForNode(root, 'model', ['jaffle', 'other'], 'jaffle'), {
      materialized: 'view',
      tags: ['jaffle'],
    });
  });

  it('renders tree values at load time but not hooks', async () => {
    const root = await project('jaffle', { MARTS_MAT: 'incremental' });
    assert.equal(
      configForNode(root, 'models', ['jaffle', 'marts', 'orders'], 'jaffle').materialized,
      'incremental',
    );
  });

  it('resolves other resource types from their own trees', async () => {
    const root = await project('jaffle');
    assert.deepEqual(configForNode(root, 'seed', ['jaffle', 'raw_orders'], 'jaffle'), {
      quote_columns: false,
      column_types: { id: 'integer' },
    });
    assert.deepEqual(configForNode(root, 'test', ['jaffle', 'not_null_x'], 'jaffle'), { severity: 'warn' });
    assert.deepEqual(configForNode(root, 'snapshot', ['jaffle', 's'], 'jaffle'), {});
  });

  it('applies the package own tree first and the root tree (under the package name) over it', async () => {
    const root = await project('jaffle');
    const pkg = await project('local_pkg');
    const deps = { other_pkg: pkg };
    // The root's top-level `+materialized: view` applies to package models too, as in dbt.
    assert.deepEqual(configForNode(root, 'model', ['other_pkg', 'nested', 'm'], 'other_pkg', deps), {
      schema: 'from_root',
      materialized: 'view',
      tags: ['own_tag', 'root_tag'],
      enabled: false,
    });
    // without the package's project only the root tree applies
    assert.deepEqual(configForNode(root, 'model', ['other_pkg', 'm'], 'other_pkg'), {
      materialized: 'view',
      schema: 'from_root',
      tags: ['root_tag'],
    });
  });

  it('orders layers as dbt does: own tree < properties < config() < root tree for packages', async () => {
    const root = await project('jaffle');
    const pkg = await project('local_pkg');
    const forRoot = resolveNodeConfig({
      root,
      resourceType: 'model',
      fqn: ['jaffle', 'staging', 'stg_orders'],
      packageName: 'jaffle',
      propertiesConfig: { materialized: 'view', tags: ['yml'], meta: { tier: 1 } },
      inFileConfig: { materialized: 'incremental', tags: 'sql' },
    });
    assert.equal(forRoot.materialized, 'incremental');
    assert.deepEqual(forRoot.tags, ['jaffle', 'orders', 'yml', 'sql']);
    assert.deepEqual(forRoot.meta, { owner: 'data-team', tier: 1 });

    const forPackage = resolveNodeConfig({
      root,
      resourceType: 'model',
      fqn: ['other_pkg', 'pn'],
      packageName: 'other_pkg',
      dependencies: { other_pkg: pkg },
      inFileConfig: { materialized: 'incremental', tags: ['cfg'] },
    });
    // measured with dbt-core 1.11: materialized view, schema from_root, tags own_tag, cfg, root_tag
    assert.equal(forPackage.materialized, 'view');
    assert.equal(forPackage.schema, 'from_root');
    assert.deepEqual(forPackage.tags, ['own_tag', 'cfg', 'root_tag']);
  });
});

describe('vars scoping', () => {
  it('gives package-scoped vars over globals, CLI vars over all, package own vars last', async () => {
    const root = await project('jaffle');
    const pkg = await project('local_pkg');
    const deps = { other_pkg: pkg };
    const rootVars = varsForPackage(root, 'jaffle', { dependencies: deps });
    assert.equal(rootVars.region, 'eu');
    assert.equal(rootVars.start_date, '2020-01-01');
    assert.equal(rootVars.page_size, undefined);

    const pkgVars = varsForPackage(root, 'other_pkg', { dependencies: deps });
    assert.equal(pkgVars.region, 'us');
    assert.equal(pkgVars.start_date, '2020-01-01');
    assert.equal(pkgVars.page_size, 10);

    const cli = varsForPackage(root, 'other_pkg', { dependencies: deps, cliVars: { region: 'cli' } });
    assert.equal(cli.region, 'cli');
  });

  it('keeps vars unrendered, as dbt does', async () => {
    const r = await parseProject(
      '/p',
      '/p/dbt_project.yml',
      'name: p\nvars:\n  x: "{{ env_var(\'NOT_SET\') }}"\n',
      {
        render,
        env: {},
      },
    );
    assert.ok(r.ok);
    assert.equal(r.value.vars.x, "{{ env_var('NOT_SET') }}");
  });
});
