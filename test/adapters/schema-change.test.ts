import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeDuckDBType } from '../../src/adapters/duckdb/index.js';
import { diffColumns } from '../../src/adapters/index.js';

test('diffColumns finds added, removed and retyped columns', () => {
  const target = [
    { name: 'id', dataType: 'INTEGER', index: 1 },
    { name: 'Old', dataType: 'VARCHAR', index: 2 },
    { name: 'amount', dataType: 'INTEGER', index: 3 },
  ];
  const source = [
    { name: 'ID', dataType: 'int', index: 1 },
    { name: 'amount', dataType: 'DOUBLE', index: 2 },
    { name: 'new_col', dataType: 'DATE', index: 3 },
  ];
  const change = diffColumns(source, target, normalizeDuckDBType);
  assert.deepEqual(
    change.added.map((c) => c.name),
    ['new_col'],
  );
  assert.deepEqual(
    change.removed.map((c) => c.name),
    ['Old'],
  );
  assert.deepEqual(change.retyped, [{ name: 'amount', fromType: 'INTEGER', toType: 'DOUBLE' }]);
  assert.equal(change.changed, true);
  assert.equal(diffColumns(target, target, normalizeDuckDBType).changed, false);
});
