// Access levels and groups: a forbidden ref fails the whole invocation before anything runs,
// naming the referencing node, the model, its access and its group.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CommandError, openInvocation } from '../../src/app/index.js';
import { projectCopy } from '../helpers/projects.js';

function project(models: Record<string, string>, yaml: string): string {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  for (const [name, sql] of Object.entries(models)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
  writeFileSync(join(dir, 'models', 'schema.yml'), yaml);
  return dir;
}

const GROUPS = `version: 2
groups:
  - name: finance
    owner: {name: Finance team, email: finance@example.com}
  - name: marketing
    owner: {name: Marketing}
`;

async function problems(dir: string): Promise<string[]> {
  try {
    await openInvocation({ projectDir: dir, profilesDir: dir, command: 'parse' });
    return [];
  } catch (err) {
    if (err instanceof CommandError) return err.problems.map((p) => p.message);
    throw err;
  }
}

test('a private model may be referenced from its own group only', async () => {
  const dir = project(
    {
      ledger: 'select 1 as id',
      revenue: "select * from {{ ref('ledger') }}",
      campaign: "select * from {{ ref('ledger') }}",
    },
    `${GROUPS}models:
  - name: ledger
    access: private
    group: finance
  - name: revenue
    group: finance
  - name: campaign
    config: {group: marketing}
`,
  );
  const found = await problems(dir);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(
    found[0]!,
    /model\.empty_project\.campaign may not reference model\.empty_project\.ledger \(access: private, group: finance\)/,
  );
  assert.match(found[0]!, /in group 'marketing'/);
});

test('public and protected models are referenced freely inside a project', async () => {
  const dir = project(
    { a: 'select 1 as id', b: "select * from {{ ref('a') }}", c: "select * from {{ ref('b') }}" },
    `${GROUPS}models:\n  - name: a\n    access: public\n    group: finance\n  - name: b\n    group: finance\n`,
  );
  assert.deepEqual(await problems(dir), []);
});

test('undefined groups and private models without a group are errors', async () => {
  const dir = project(
    { a: 'select 1 as id', b: 'select 2 as id' },
    `${GROUPS}models:\n  - name: a\n    group: sales\n  - name: b\n    access: private\n`,
  );
  const found = await problems(dir);
  assert.ok(
    found.some((m) => /group 'sales', which is not defined/.test(m)),
    found.join('\n'),
  );
  assert.ok(
    found.some((m) => /model\.empty_project\.b has access 'private' but belongs to no group/.test(m)),
    found.join('\n'),
  );
});
