// A source table's freshness from the source's and the table's `freshness:` and `config.freshness`,
// merged the way dbt-core 1.11 merges them (see test/fixtures/projects/graph_resources/EXPECTED.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergedFreshness } from '../../src/parser/sources.js';

const none = { count: null, period: null };

describe('mergedFreshness', () => {
  it('never set: thresholds all null, not none', () => {
    assert.deepEqual(mergedFreshness([undefined, undefined]), {
      warn_after: none,
      error_after: none,
      filter: null,
    });
  });

  it("a source's config.freshness applies to its tables; a table's rule adds to it", () => {
    const source = { warn_after: { count: 12, period: 'hour' as const } };
    assert.deepEqual(mergedFreshness([undefined, source, undefined, undefined]), {
      warn_after: { count: 12, period: 'hour' },
      error_after: none,
      filter: null,
    });
    assert.deepEqual(
      mergedFreshness([undefined, source, undefined, { error_after: { count: 1, period: 'day' as const } }]),
      { warn_after: { count: 12, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: null },
    );
  });

  it('null switches freshness off; a later layer can switch it on again', () => {
    const source = { warn_after: { count: 12, period: 'hour' as const } };
    assert.equal(mergedFreshness([source, undefined, undefined, null]), null);
    assert.deepEqual(mergedFreshness([null, { filter: 'x > 1' }]), {
      warn_after: none,
      error_after: none,
      filter: 'x > 1',
    });
  });
});
