import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeConfigs, mergeRuleFor } from '../../src/config/index.js';

describe('mergeConfigs', () => {
  it('replaces ordinary keys, later layers winning', () => {
    assert.deepEqual(
      mergeConfigs([
        { materialized: 'view', full_refresh: true, persist_docs: { relation: true, columns: true } },
        { materialized: 'table', persist_docs: { relation: false } },
      ]),
      { materialized: 'table', full_refresh: true, persist_docs: { relation: false } },
    );
  });

  it('appends tags and hooks, turning single values into lists', () => {
    const merged = mergeConfigs([
      { tags: 'a', 'pre-hook': 'select 1' },
      { tags: ['b'], pre_hook: ['select 2'], '+post-hook': { sql: 'select 3', transaction: false } },
      { tags: 'c' },
    ]);
    assert.deepEqual(merged.tags, ['a', 'b', 'c']);
    assert.deepEqual(merged['pre-hook'], ['select 1', 'select 2']);
    assert.deepEqual(merged['post-hook'], [{ sql: 'select 3', transaction: false }]);
    assert.equal('pre_hook' in merged, false);
  });

  it('merges meta, docs, quoting, column_types and contract key by key', () => {
    const merged = mergeConfigs([
      {
        meta: { a: 1, b: 1 },
        docs: { show: true },
        quoting: { identifier: true },
        contract: { enforced: true },
      },
      {
        meta: { b: 2 },
        docs: { node_color: 'red' },
        column_types: { id: 'int' },
        contract: { alias_types: false },
      },
    ]);
    assert.deepEqual(merged.meta, { a: 1, b: 2 });
    assert.deepEqual(merged.docs, { show: true, node_color: 'red' });
    assert.deepEqual(merged.quoting, { identifier: true });
    assert.deepEqual(merged.column_types, { id: 'int' });
    assert.deepEqual(merged.contract, { enforced: true, alias_types: false });
  });

  it('replaces grants per privilege unless the privilege has a + prefix', () => {
    assert.deepEqual(
      mergeConfigs([{ grants: { select: 'a', insert: ['x'] } }, { grants: { select: ['b'] } }]).grants,
      {
        select: ['b'],
        insert: ['x'],
      },
    );
    assert.deepEqual(mergeConfigs([{ grants: { select: ['a'] } }, { grants: { '+select': ['b'] } }]).grants, {
      select: ['a', 'b'],
    });
  });

  it('does not modify its inputs', () => {
    const layer = { tags: ['a'], meta: { x: 1 } };
    const merged = mergeConfigs([layer, { tags: ['b'], meta: { y: 2 } }]);
    (merged.meta as Record<string, unknown>).z = 3;
    assert.deepEqual(layer, { tags: ['a'], meta: { x: 1 } });
  });

  it('names the rule of each key', () => {
    assert.equal(mergeRuleFor('+tags'), 'append');
    assert.equal(mergeRuleFor('post_hook'), 'append');
    assert.equal(mergeRuleFor('meta'), 'update');
    assert.equal(mergeRuleFor('grants'), 'dict-key-append');
    assert.equal(mergeRuleFor('full_refresh'), 'clobber');
  });
});
