import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePathPattern, pathGlobMatches } from '../../src/graph/glob.js';
import { fnmatch } from '../../src/graph/index.js';

describe('fnmatch (Python semantics)', () => {
  test('* and ? cross dots and slashes; matching is whole-string and case-sensitive', () => {
    assert.ok(fnmatch('stg_orders', 'stg_*'));
    assert.ok(fnmatch('a.b/c', 'a*c'));
    assert.ok(fnmatch('abc', 'a?c'));
    assert.ok(!fnmatch('xstg_orders', 'stg_*'));
    assert.ok(!fnmatch('STG_orders', 'stg_*'));
  });

  test('character classes, negation, and an unclosed bracket as a literal', () => {
    assert.ok(fnmatch('v2', 'v[0-9]'));
    assert.ok(!fnmatch('vx', 'v[0-9]'));
    assert.ok(fnmatch('vx', 'v[!0-9]'));
    assert.ok(fnmatch('a[b', 'a[b'));
    assert.ok(fnmatch(']', '[]]'));
    assert.ok(fnmatch('a.b', 'a.b'));
    assert.ok(!fnmatch('axb', 'a.b'));
    assert.ok(fnmatch('a^b', 'a[\\^]b'));
  });
});

describe('path globs (pathlib semantics)', () => {
  const matches = (pattern: string, path: string, isDir = false) =>
    pathGlobMatches(compilePathPattern(pattern), path, isDir);

  test('* stays within a folder; ** spans folders', () => {
    assert.ok(matches('models/*.sql', 'models/a.sql'));
    assert.ok(!matches('models/*.sql', 'models/x/a.sql'));
    assert.ok(matches('models/**/stg_*.sql', 'models/stg_a.sql'));
    assert.ok(matches('models/**/stg_*.sql', 'models/a/b/stg_a.sql'));
  });

  test('a trailing ** yields folders only; ./ and trailing slashes are ignored', () => {
    assert.ok(matches('models/**', 'models/a', true));
    assert.ok(matches('models/**', 'models', true));
    assert.ok(!matches('models/**', 'models/a.sql'));
    assert.ok(matches('./models/staging/', 'models/staging', true));
  });
});
