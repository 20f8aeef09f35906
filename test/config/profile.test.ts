import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadProfile, parseProfile, profilesSearchPath, SecretMasker } from '../../src/config/index.js';
import { render, tempDir } from './helpers.js';

const PROFILES = `
config:
  send_anonymous_usage_stats: false
jaffle:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{ env_var('DUCK_PATH', 'dev.duckdb') }}"
      threads: 4
      extensions: [httpfs]
      settings: {memory_limit: 1GB}
    ci:
      type: duckdb
    pg:
      type: postgres
      host: localhost
      user: "{{ env_var('PG_USER') }}"
      password: "{{ env_var('DBT_ENV_SECRET_PG_PASSWORD') }}"
      port: "{{ env_var('PG_PORT', '5433') }}"
      dbname: analytics
      schema: public
      sslmode: prefer
other:
  outputs:
    default:
      type: duckdb
      path: other.duckdb
`;

function profilesIn(dir: string, marker: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'profiles.yml'),
    `p:\n  target: t\n  outputs:\n    t:\n      type: duckdb\n      path: ${marker}.duckdb\n`,
  );
  return dir;
}

describe('loadProfile', () => {
  it('picks the default target and fills DuckDB defaults', async () => {
    const r = await parseProfile('/x/profiles.yml', PROFILES, { projectProfile: 'jaffle', render, env: {} });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.equal(r.value.targetName, 'dev');
    assert.equal(r.value.type, 'duckdb');
    assert.equal(r.value.threads, 4);
    assert.deepEqual(r.value.credentials, {
      type: 'duckdb',
      path: 'dev.duckdb',
      threads: 4,
      extensions: ['httpfs'],
      settings: { memory_limit: '1GB' },
      schema: 'main',
      database: 'dev',
    });
    assert.deepEqual(r.value.globalConfig, { send_anonymous_usage_stats: false });
    assert.equal(r.value.loc.line, 8);
  });

  it('lets --target and --profile override, and "default" is the fallback target', async () => {
    const ci = await parseProfile('/x/profiles.yml', PROFILES, { projectProfile: 'jaffle', target: 'ci' });
    assert.ok(ci.ok);
    assert.deepEqual(ci.value.credentials, {
      type: 'duckdb',
      path: ':memory:',
      schema: 'main',
      database: 'memory',
    });
    assert.equal(ci.value.threads, 1);
    const other = await parseProfile('/x/profiles.yml', PROFILES, {
      projectProfile: 'jaffle',
      profileName: 'other',
    });
    assert.ok(other.ok);
    assert.equal(other.value.profileName, 'other');
    assert.equal(other.value.targetName, 'default');
  });

  it('renders postgres keys, coerces the port and records the secret', async () => {
    const secrets = new SecretMasker();
    const r = await parseProfile('/x/profiles.yml', PROFILES, {
      projectProfile: 'jaffle',
      target: 'pg',
      render,
      env: { PG_USER: 'etl', DBT_ENV_SECRET_PG_PASSWORD: 'pw123' },
      secrets,
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.equal(r.value.credentials.user, 'etl');
    assert.equal(r.value.credentials.port, 5433);
    assert.equal(r.value.credentials.sslmode, 'prefer');
    assert.equal(r.value.credentials.database, 'analytics');
    assert.deepEqual(secrets.values(), ['pw123']);
  });

  it('does not render targets other than the chosen one', async () => {
    // pg needs PG_USER, but dev is chosen, so its absence is no error
    const r = await parseProfile('/x/profiles.yml', PROFILES, { projectProfile: 'jaffle', render, env: {} });
    assert.ok(r.ok);
  });

  it('lists the targets when the target is missing', async () => {
    const r = await parseProfile('/x/profiles.yml', PROFILES, { projectProfile: 'jaffle', target: 'prod' });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'target-not-found');
    assert.equal(
      r.errors[0]!.format(),
      "/x/profiles.yml:6:3: profile 'jaffle' has no target named 'prod' (targets available: dev, ci, pg)",
    );
  });

  it('lists the profiles when the profile is missing', async () => {
    const r = await parseProfile('/x/profiles.yml', PROFILES, { projectProfile: 'nope' });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'profile-not-found');
    assert.match(
      r.errors[0]!.format(),
      /could not find profile named 'nope' \(profiles in \/x\/profiles.yml: 'jaffle', 'other'\)/,
    );
  });

  it('reports a missing env var at the value', async () => {
    const r = await parseProfile('/x/profiles.yml', PROFILES, {
      projectProfile: 'jaffle',
      target: 'pg',
      render,
      env: {},
    });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'env-var-missing');
    assert.equal(r.errors[0]!.line, 18);
  });

  it('searches --profiles-dir, DBT_PROFILES_DIR, the project folder, then ~/.dbt', async () => {
    const root = tempDir();
    const flagDir = profilesIn(join(root, 'flag'), 'flag');
    const envDir = profilesIn(join(root, 'env'), 'env');
    const projectDir = profilesIn(join(root, 'project'), 'project');
    const home = join(root, 'home');
    profilesIn(join(home, '.dbt'), 'home');
    const base = { projectProfile: 'p', homeDir: home };
    const path = async (o: object) => {
      const r = await loadProfile({ ...base, ...o });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
      return r.value.credentials.path;
    };
    assert.equal(
      await path({ profilesDir: flagDir, env: { DBT_PROFILES_DIR: envDir }, projectDir }),
      'flag.duckdb',
    );
    assert.equal(await path({ env: { DBT_PROFILES_DIR: envDir }, projectDir }), 'env.duckdb');
    assert.equal(await path({ env: {}, projectDir }), 'project.duckdb');
    assert.equal(await path({ env: {}, projectDir: join(root, 'empty') }), 'home.duckdb');
    assert.deepEqual(profilesSearchPath({ env: {}, projectDir: '/proj', homeDir: '/h' }), [
      '/proj',
      '/h/.dbt',
    ]);
  });

  it('says where it looked when no profiles.yml exists', async () => {
    const root = tempDir();
    const r = await loadProfile({ projectProfile: 'p', env: {}, projectDir: root, homeDir: root });
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'file-not-found');
    assert.match(r.errors[0]!.message, new RegExp(`looked in: ${root}, ${root}/.dbt`));
  });
});
