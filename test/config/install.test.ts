import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { installPackages, loadPackagesSpec } from '../../src/config/index.js';
import { fixtures, tempDir } from './helpers.js';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** A git repository holding a dbt package `name` (in `subdir` if given); returns its path. */
function packageRepo(root: string, name: string, subdir = ''): string {
  const repo = join(root, `${name}-repo`);
  const pkg = join(repo, subdir);
  mkdirSync(join(pkg, 'macros'), { recursive: true });
  git(root, 'init', '--quiet', '--initial-branch=main', repo);
  writeFileSync(join(pkg, 'dbt_project.yml'), `name: ${name}\nversion: '1.0.0'\n`);
  writeFileSync(join(pkg, 'macros', 'm.sql'), 'v1');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'one');
  git(repo, 'tag', 'v1');
  writeFileSync(join(pkg, 'macros', 'm.sql'), 'v2');
  git(repo, 'commit', '--quiet', '-am', 'two');
  return repo;
}

function project(root: string, packagesYml: string): string {
  const dir = join(root, 'project');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: proj\n');
  writeFileSync(join(dir, 'packages.yml'), packagesYml);
  return dir;
}

describe('installPackages', () => {
  it('symlinks a local package under its own project name and writes the lock', async () => {
    const root = tempDir();
    cpSync(join(fixtures, 'local_pkg'), join(root, 'pkg'), { recursive: true });
    const dir = project(root, 'packages:\n  - local: ../pkg\n');
    const r = await installPackages(dir);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    const installed = join(dir, 'dbt_packages', 'other_pkg');
    assert.ok(lstatSync(installed).isSymbolicLink());
    assert.ok(existsSync(join(installed, 'dbt_project.yml')));
    assert.deepEqual(
      r.value.packages.map((p) => [p.name, p.kind]),
      [['other_pkg', 'local']],
    );
    // The same lock dbt-core 1.11 writes for this packages.yml (hash measured with dbt deps).
    assert.deepEqual(parse(readFileSync(join(dir, 'package-lock.yml'), 'utf8')), {
      packages: [{ local: '../pkg', name: 'other_pkg' }],
      sha1_hash: '7dec9f9b20dcb1d50a8cb7c98a7209315dc92738',
    });
  });

  it('copies local packages when asked and honours the install path', async () => {
    const root = tempDir();
    cpSync(join(fixtures, 'local_pkg'), join(root, 'pkg'), { recursive: true });
    const dir = project(root, 'packages:\n  - local: ../pkg\n');
    const r = await installPackages(dir, { localMode: 'copy', installPath: 'deps' });
    assert.ok(r.ok);
    const installed = join(dir, 'deps', 'other_pkg');
    assert.ok(lstatSync(installed).isDirectory());
    assert.equal(lstatSync(installed).isSymbolicLink(), false);
  });

  it('clones git packages at a tag, pins the sha, and reuses the lock until upgrade', async () => {
    const root = tempDir();
    const repo = packageRepo(root, 'gitpkg');
    const tagSha = git(repo, 'rev-parse', 'v1');
    const dir = project(root, `packages:\n  - git: "${repo}"\n    revision: v1\n`);
    const r = await installPackages(dir);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.equal(readFileSync(join(dir, 'dbt_packages', 'gitpkg', 'macros', 'm.sql'), 'utf8'), 'v1');
    assert.equal(r.value.packages[0]!.revision, tagSha);
    assert.equal(r.warnings.length, 0);
    const lock = parse(readFileSync(join(dir, 'package-lock.yml'), 'utf8'));
    assert.deepEqual(lock.packages, [{ git: repo, revision: tagSha, name: 'gitpkg' }]);
  });

  it('follows a branch, then keeps the locked sha until asked to upgrade', async () => {
    const root = tempDir();
    const repo = packageRepo(root, 'branchy');
    const first = git(repo, 'rev-parse', 'HEAD');
    const dir = project(root, `packages:\n  - git: "${repo}"\n    revision: main\n`);
    const r1 = await installPackages(dir);
    assert.ok(r1.ok);
    assert.equal(r1.value.packages[0]!.revision, first);
    writeFileSync(join(repo, 'macros', 'm.sql'), 'v3');
    git(repo, 'commit', '--quiet', '-am', 'three');
    const r2 = await installPackages(dir);
    assert.ok(r2.ok, JSON.stringify(!r2.ok && r2.errors.map((e) => e.format())));
    assert.equal(r2.value.fromLock, true);
    assert.equal(r2.value.packages[0]!.revision, first);
    assert.equal(readFileSync(join(dir, 'dbt_packages', 'branchy', 'macros', 'm.sql'), 'utf8'), 'v2');
    const r3 = await installPackages(dir, { upgrade: true });
    assert.ok(r3.ok);
    assert.equal(r3.value.fromLock, false);
    assert.equal(readFileSync(join(dir, 'dbt_packages', 'branchy', 'macros', 'm.sql'), 'utf8'), 'v3');
  });

  it('installs from a subdirectory at a commit sha, and the package own dependencies', async () => {
    const root = tempDir();
    const mono = packageRepo(root, 'inner', 'packages/inner');
    const firstSha = git(mono, 'rev-list', '--max-parents=0', 'HEAD');
    const dep = packageRepo(root, 'leaf');
    writeFileSync(
      join(mono, 'packages', 'inner', 'packages.yml'),
      `packages:\n  - git: "${dep}"\n    revision: v1\n`,
    );
    git(mono, 'add', '.');
    git(mono, 'commit', '--quiet', '-m', 'deps');
    const dir = project(
      root,
      `packages:\n  - git: "${mono}"\n    subdirectory: packages/inner\n  - git: "${mono}"\n    revision: ${firstSha}\n    subdirectory: packages/inner\n`,
    );
    // the same package twice at different commits cannot be reconciled
    const clash = await installPackages(dir);
    assert.ok(!clash.ok);
    assert.match(clash.errors[0]!.message, /package 'inner' is required twice/);

    writeFileSync(
      join(dir, 'packages.yml'),
      `packages:\n  - git: "${mono}"\n    subdirectory: packages/inner\n`,
    );
    const r = await installPackages(dir);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.deepEqual(r.value.packages.map((p) => p.name).sort(), ['inner', 'leaf']);
    assert.ok(existsSync(join(dir, 'dbt_packages', 'inner', 'dbt_project.yml')));
    assert.equal(existsSync(join(dir, 'dbt_packages', 'inner', 'packages', 'inner')), false);
    assert.equal(readFileSync(join(dir, 'dbt_packages', 'leaf', 'macros', 'm.sql'), 'utf8'), 'v1');
    // no revision: a warning that the package is not pinned
    assert.equal(r.warnings[0]!.severity, 'warning');
    assert.match(r.warnings[0]!.message, /is not pinned/);
    const lock = parse(readFileSync(join(dir, 'package-lock.yml'), 'utf8'));
    assert.equal(lock.packages[0].subdirectory, 'packages/inner');
    assert.equal(lock.packages.length, 2);
  });

  it('explains that hub packages need the internet and leaves installed packages alone', async () => {
    const root = tempDir();
    cpSync(join(fixtures, 'local_pkg'), join(root, 'pkg'), { recursive: true });
    const dir = project(root, 'packages:\n  - local: ../pkg\n');
    assert.ok((await installPackages(dir)).ok);
    writeFileSync(
      join(dir, 'packages.yml'),
      'packages:\n  - local: ../pkg\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0", "<2.0.0"]\n',
    );
    const r = await installPackages(dir);
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'hub-package-offline');
    assert.equal(r.errors[0]!.line, 3);
    assert.match(r.errors[0]!.format(), /dbt package hub.*use a `git:` entry/);
    assert.ok(existsSync(join(dir, 'dbt_packages', 'other_pkg', 'dbt_project.yml')));
    const leftovers = execFileSync('ls', ['-a', dir], { encoding: 'utf8' });
    assert.doesNotMatch(leftovers, /tmp-/);
  });

  it('reports a missing git revision with git own message', async () => {
    const root = tempDir();
    const repo = packageRepo(root, 'norev');
    const dir = project(root, `packages:\n  - git: "${repo}"\n    revision: v9\n`);
    const r = await installPackages(dir);
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.code, 'git-failed');
    assert.match(r.errors[0]!.message, /revision 'v9' not found/);
  });
});

describe('loadPackagesSpec', () => {
  it('reads projects: and packages: from dependencies.yml', async () => {
    const root = tempDir();
    writeFileSync(
      join(root, 'dependencies.yml'),
      'projects:\n  - name: core_platform\npackages:\n  - local: ../x\n',
    );
    const r = await loadPackagesSpec(root);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.projects.map((p) => [p.name, p.loc.line]),
      [['core_platform', 2]],
    );
    assert.equal(r.value.packages[0]!.kind, 'local');
  });

  it('refuses packages in both files and malformed entries, with suggestions', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'packages.yml'), 'packages:\n  - local: ../x\n');
    writeFileSync(join(root, 'dependencies.yml'), 'packages:\n  - local: ../y\n');
    const both = await loadPackagesSpec(root);
    assert.ok(!both.ok);
    assert.match(both.errors[0]!.message, /both packages.yml and dependencies.yml/);

    const bad = tempDir();
    writeFileSync(
      join(bad, 'packages.yml'),
      'packages:\n  - git: https://x/y.git\n    revison: v1\n  - locl: ../x\n',
    );
    const r = await loadPackagesSpec(bad);
    assert.ok(!r.ok);
    assert.equal(
      r.errors[0]!.format(),
      `${join(bad, 'packages.yml')}:3:5: unknown key 'revison' in git package entry; did you mean 'revision'?`,
    );
    assert.match(r.errors[1]!.format(), /:4:5: a package entry needs exactly one of.*did you mean 'local'/);
  });

  it('renders env_var in git URLs, keeps the lock free of secrets', async () => {
    const root = tempDir();
    const repo = packageRepo(root, 'secretpkg');
    const dir = project(
      root,
      `packages:\n  - git: "{{ env_var('DBT_ENV_SECRET_REPO') }}"\n    revision: v1\n`,
    );
    const { Environment } = await import('../../src/jinja/index.js');
    const r = await installPackages(dir, {
      render: (s, c) => new Environment().renderString(s, c),
      env: { DBT_ENV_SECRET_REPO: repo },
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    const lockText = readFileSync(join(dir, 'package-lock.yml'), 'utf8');
    assert.doesNotMatch(lockText, new RegExp(repo));
    assert.match(lockText, /DBT_ENV_SECRET_REPO/);
    // the lock (unrendered URL) installs again
    const again = await installPackages(dir, {
      render: (s, c) => new Environment().renderString(s, c),
      env: { DBT_ENV_SECRET_REPO: repo },
    });
    assert.ok(again.ok, JSON.stringify(!again.ok && again.errors.map((e) => e.format())));
    assert.equal(again.value.fromLock, true);
  });
});

describe('installPackages without packages', () => {
  it('touches nothing when no package is listed', async () => {
    const root = tempDir();
    const dir = project(root, 'packages: []\n');
    const r = await installPackages(dir);
    assert.ok(r.ok);
    assert.deepEqual(r.value.packages, []);
    assert.equal(existsSync(join(dir, 'dbt_packages')), false);
    assert.equal(existsSync(join(dir, 'package-lock.yml')), false);
  });
});
