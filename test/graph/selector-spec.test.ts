import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GraphError, type SelectionGroup } from '../../src/graph/index.js';
// The parsers throw; selectNodes turns that into error values at the public face.
import { parseCriteria, parseDifference } from '../../src/graph/selector-spec.js';

function parseError(raw: string): GraphError {
  try {
    parseCriteria(raw);
  } catch (e) {
    assert.ok(e instanceof GraphError);
    return e;
  }
  assert.fail(`expected "${raw}" to be rejected`);
}

describe('parseCriteria', () => {
  test('bare name uses fqn; a slash means path; .sql/.py/.csv mean file', () => {
    assert.equal(parseCriteria('orders').method, 'fqn');
    assert.equal(parseCriteria('models/staging').method, 'path');
    assert.equal(parseCriteria('orders.sql').method, 'file');
    assert.equal(parseCriteria('script.PY').method, 'file');
    assert.equal(parseCriteria('raw.csv').method, 'file');
    assert.equal(parseCriteria('staging.orders').method, 'fqn');
  });

  test('graph operators with and without depth', () => {
    const c = parseCriteria('2+tag:nightly+3');
    assert.deepEqual(
      [c.method, c.value, c.parents, c.parentsDepth, c.children, c.childrenDepth],
      ['tag', 'nightly', true, 2, true, 3],
    );
    const d = parseCriteria('+orders+');
    assert.deepEqual(
      [d.parents, d.parentsDepth, d.children, d.childrenDepth],
      [true, undefined, true, undefined],
    );
    const e = parseCriteria('@orders');
    assert.deepEqual([e.childrensParents, e.parents, e.children, e.value], [true, false, false, 'orders']);
    assert.equal(parseCriteria('0+orders').parentsDepth, 0);
  });

  test('method arguments after dots (config.meta.owner)', () => {
    const c = parseCriteria('config.meta.owner:alice');
    assert.equal(c.method, 'config');
    assert.deepEqual(c.methodArguments, ['meta', 'owner']);
    assert.equal(c.value, 'alice');
  });

  test('a plus inside the value stays in the value', () => {
    assert.equal(parseCriteria('a+b').value, 'a+b');
    assert.equal(parseCriteria('a++').value, 'a+');
  });

  test('unknown methods are errors that suggest the right one', () => {
    const e = parseError('tags:nightly');
    assert.equal(e.code, 'invalid-selector-method');
    assert.match(e.message, /invalid selector method 'tags:' — did you mean 'tag:'\?/);
    assert.equal(e.selector, 'tags:nightly');
    assert.match(parseError('confg.materialized:view').message, /did you mean 'config:'/);
    assert.doesNotMatch(parseError('zzzzzzzzzz:x').message, /did you mean/);
  });

  test('"@" with a "+" suffix is rejected', () => {
    const e = parseError('@orders+');
    assert.equal(e.code, 'invalid-selector');
    assert.match(e.message, /"@" prefix and "\+" suffix are incompatible/);
  });
});

describe('parseDifference', () => {
  test('space = union, comma = intersection, each term expected to match', () => {
    const spec = parseDifference(['a b,c'], undefined);
    const [included, excluded] = spec.components as SelectionGroup[];
    assert.equal(included!.kind, 'union');
    assert.deepEqual(
      included!.components.map((c) => [
        c.kind,
        (c as SelectionGroup).components.length,
        (c as SelectionGroup).expectExists,
      ]),
      [
        ['intersection', 1, true],
        ['intersection', 2, true],
      ],
    );
    assert.equal(excluded!.components.length, 0);
  });

  test('no --select means every kind of member, without warnings', () => {
    const spec = parseDifference(undefined, ['x']);
    const [included, excluded] = spec.components as SelectionGroup[];
    assert.deepEqual(
      included!.components.map((c) => (c as SelectionGroup).raw),
      ['fqn:*', 'source:*', 'exposure:*', 'metric:*', 'semantic_model:*'],
    );
    assert.ok(included!.components.every((c) => !(c as SelectionGroup).expectExists));
    assert.ok((excluded!.components[0] as SelectionGroup).expectExists);
  });
});
