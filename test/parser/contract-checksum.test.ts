// Expected checksums were computed by dbt-core 1.11 for the same columns and constraints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contractChecksum } from '../../src/parser/contract-checksum.js';
import {
  makeColumnConstraint,
  makeColumnInfo,
  makeModelConstraint,
  makeModelNode,
} from '../../src/parser/node-defaults.js';

const at = {
  package_name: 'shop',
  schema: 'main',
  original_file_path: 'models/customers.sql',
  name: 'customers',
};

describe('contractChecksum', () => {
  test('the shop project customers model', () => {
    const model = makeModelNode({
      ...at,
      config: { materialized: 'table', contract: { enforced: true, alias_types: true } },
      columns: {
        id: makeColumnInfo({
          name: 'id',
          data_type: 'integer',
          constraints: [makeColumnConstraint({ type: 'not_null' })],
        }),
      },
    });
    assert.equal(contractChecksum(model), '42db8bac8ff5eccbb2ccccf7a9a4ceb142612b2910729f18147e0e2daa5d7968');
  });

  test('sorted columns, quoted expressions, missing types and model-level constraints', () => {
    const model = makeModelNode({
      ...at,
      config: { materialized: 'incremental', contract: { enforced: true, alias_types: true } },
      columns: {
        id: makeColumnInfo({
          name: 'id',
          data_type: 'integer',
          constraints: [
            makeColumnConstraint({ type: 'not_null' }),
            makeColumnConstraint({ type: 'primary_key', warn_unenforced: false }),
          ],
        }),
        amount: makeColumnInfo({
          name: 'amount',
          data_type: 'decimal(10,2)',
          constraints: [
            makeColumnConstraint({ type: 'check', expression: "amount >= 0 and note != 'x'", name: 'pos' }),
          ],
        }),
        customer_id: makeColumnInfo({
          name: 'customer_id',
          constraints: [
            makeColumnConstraint({ type: 'foreign_key', to: "ref('customers')", to_columns: ['id'] }),
          ],
        }),
      },
      constraints: [makeModelConstraint({ type: 'unique', columns: ['id', 'amount'] })],
    });
    assert.equal(contractChecksum(model), 'd4d2243cfe50a5bf3bc8283dde3109f75a596041dc590d70c9e7f0e1c624441c');
  });

  test('no checksum without an enforced contract', () => {
    assert.equal(contractChecksum(makeModelNode(at)), null);
  });
});
