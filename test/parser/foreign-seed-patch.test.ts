// A package's properties entry for a seed it ships disabled describes the project's own seed of
// the same name instead (dbt-core 1.11.16 on this layout: `seed.root_proj.codes` gets the
// package's description, columns and column_types, patch_path `lib://seeds/seeds.yml`).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { openInvocation } from '../../src/app/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-foreign-seed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

async function parse(libSeedConfig: string) {
  write(
    'dbt_project.yml',
    `name: root_proj\nversion: '1.0.0'\nconfig-version: 2\nprofile: tessera_test\nseeds:\n  lib:\n    codes:\n      ${libSeedConfig}\n`,
  );
  write('seeds/codes.csv', 'code,label\n1,a\n');
  write('packages.yml', 'packages:\n  - local: dbt_packages/lib\n');
  write('dbt_packages/lib/dbt_project.yml', "name: lib\nversion: '1.0.0'\nconfig-version: 2\n");
  write('dbt_packages/lib/seeds/codes.csv', 'code,label\n9,z\n');
  write(
    'dbt_packages/lib/seeds/seeds.yml',
    'version: 2\nseeds:\n  - name: codes\n    description: Codes, documented by the package.\n    config:\n      column_types:\n        code: varchar\n    columns:\n      - name: code\n        description: The code.\n',
  );
  write(
    'profiles.yml',
    `tessera_test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'test.duckdb')}\n      schema: main\n`,
  );
  const inv = await openInvocation({
    projectDir: dir,
    profilesDir: dir,
    command: 'ls',
    partialParse: false,
    env: { ...process.env },
  });
  return inv.project.nodes;
}

test("a package's entry for its disabled seed describes the project's seed of that name", async () => {
  const nodes = await parse('+enabled: false');
  const seed = nodes['seed.root_proj.codes'];
  assert.equal(seed?.description, 'Codes, documented by the package.');
  assert.deepEqual(Object.keys(seed?.columns ?? {}), ['code']);
  assert.deepEqual(seed?.config.column_types, { code: 'varchar' });
  assert.equal(seed?.patch_path, 'lib://seeds/seeds.yml');
  assert.equal(nodes['seed.lib.codes'], undefined);
});

// dbt-core: same result, with the package's seed renamed so the two do not clash.
test("while the package's seed is enabled, the entry stays with it", async () => {
  const nodes = await parse('+alias: lib_codes');
  assert.equal(nodes['seed.root_proj.codes']?.description, '');
  assert.equal(nodes['seed.lib.codes']?.description, 'Codes, documented by the package.');
});
