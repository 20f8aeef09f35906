import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closestMatch, editDistance } from '../../src/config/index.js';

describe('typo suggestions', () => {
  it('counts swaps of neighbouring letters as one edit', () => {
    assert.equal(editDistance('materialized', 'materialised'), 1);
    assert.equal(editDistance('materialzied', 'materialized'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('suggests only plausible typos', () => {
    const keys = ['materialized', 'schema', 'tags', 'model-paths', 'seed-paths'];
    assert.equal(closestMatch('materialised', keys), 'materialized');
    assert.equal(closestMatch('model_paths', keys), 'model-paths');
    assert.equal(closestMatch('tag', keys), 'tags');
    assert.equal(closestMatch('something_else', keys), undefined);
  });

  it('is a symmetric distance that is zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        assert.equal(d, editDistance(b, a));
        assert.equal(d === 0, a === b);
        assert.ok(d <= Math.max(a.length, b.length));
      }),
    );
  });
});
