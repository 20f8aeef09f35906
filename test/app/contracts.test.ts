// Enforced model contracts: the preflight compares the query's real columns with the contract and
// fails with a table of differences; a matching contract builds a table with the declared types.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectCopy, query, tessera } from '../helpers/projects.js';

function project(sql: string, columns: string): string {
  const dir = projectCopy('empty_project');
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'orders.sql'), sql);
  writeFileSync(
    join(dir, 'models', 'schema.yml'),
    `version: 2\nmodels:\n  - name: orders\n    config:\n      materialized: table\n      contract: {enforced: true}\n    columns:\n${columns}`,
  );
  return dir;
}

const GOOD_COLUMNS = `      - name: id\n        data_type: integer\n        constraints: [{type: not_null}]\n      - name: amount\n        data_type: decimal(10,2)\n`;

test('a matching contract builds the table with the declared types and constraints', async () => {
  const dir = project('select 1 as id, 9.5 as amount\n', GOOD_COLUMNS);
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 0, run.results[0]?.message ?? '');
  const cols = await query(
    dir,
    `select column_name, data_type, is_nullable from information_schema.columns where table_name = 'orders' order by ordinal_position`,
  );
  assert.deepEqual(cols, [
    { column_name: 'id', data_type: 'INTEGER', is_nullable: 'NO' },
    { column_name: 'amount', data_type: 'DECIMAL(10,2)', is_nullable: 'YES' },
  ]);
});

test('a type mismatch, a missing column and an extra column are listed in one table', async () => {
  const dir = project("select 'x' as id, 1 as extra\n", GOOD_COLUMNS);
  const run = await tessera(dir, 'run');
  assert.equal(run.exitCode, 1);
  const message = run.results[0]!.message ?? '';
  assert.match(message, /enforced contract that failed/);
  assert.match(message, /\| id +\| VARCHAR +\| integer +\| data type mismatch +\|/);
  assert.match(message, /\| amount +\| +\| decimal\(10,2\) +\| missing in definition +\|/);
  assert.match(message, /\| extra +\| INTEGER +\| +\| missing in contract +\|/);
});
