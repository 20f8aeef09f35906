// `modules.re`: Python regex syntax on JS RegExp. Expected values are what Python 3's `re` gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reModule } from '../../src/compiler/py-re.js';

type Fn = (...args: unknown[]) => unknown;
const re = reModule() as Record<string, Fn & number>;

describe('modules.re', () => {
  it('verbose mode drops whitespace and comments outside classes, keeps them inside', () => {
    const pattern = `(?ix)
      (?<!distinct\\s)   # not after "distinct "
      (from|join)\\s+
      ([\\[\`"']?)        # an opening quote, # and space in a class stay
      (\\w+)
    `;
    assert.deepEqual(re.findall!(pattern, 'select distinct from x FROM "orders" join [t]'), [
      ['FROM', '"', 'orders'],
      ['join', '[', 't'],
    ]);
    assert.deepEqual(re.findall!('(?x) a [ #] b', 'a b a#b ab'), ['a b', 'a#b']);
    assert.deepEqual(re.findall!('a b # c', 'ab', re.VERBOSE), ['ab']);
  });

  it('inline flags work with match and fullmatch, which anchor the pattern', () => {
    const m = re.match!('(?i)SELECT', 'select 1') as { group: Fn } | null;
    assert.equal(m?.group(0), 'select');
    assert.equal(re.fullmatch!('(?x) \\d+  # digits', '123') !== null, true);
    assert.equal(re.fullmatch!('(?x) \\d+', '123a'), null);
  });

  it('sub expands \\g<n>, \\g<name> and \\n references and keeps $ literal', () => {
    assert.equal(
      re.sub!('(from)(\\s+)(\\w+)', '\\g<1> \\g<3>_x', 'select * from  orders'),
      'select * from orders_x',
    );
    assert.equal(re.sub!('(?P<w>\\w+)@', '\\g<w>\\1 $1 $&', 'a@ b@', 1), 'aa $1 $& b@');
    assert.equal(re.sub!('x', '\\n', 'axb'), 'a\nb');
  });

  it('several leading inline flag groups all apply', () => {
    const m = re.search!('(?i)(?s)(^.*\\s*|\\s+|,)with\\s', 'select 1\nWITH x as (') as { group: Fn } | null;
    assert.equal(m?.group(1), 'select 1\n');
  });

  it("findall gives '' for a group that took no part, as Python does", () => {
    assert.deepEqual(re.findall!('(a)|(b)', 'ab'), [
      ['a', ''],
      ['', 'b'],
    ]);
    assert.deepEqual(re.findall!('x(y)?', 'x'), ['']);
  });

  it('\\A and \\Z anchor at the ends of the text', () => {
    assert.deepEqual(re.findall!('\\Aab', 'abab'), ['ab']);
    assert.deepEqual(re.findall!('ab\\Z', 'abab'), ['ab']);
  });
});
