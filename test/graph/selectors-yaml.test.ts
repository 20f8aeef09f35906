import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type GraphError,
  readSelectorsData,
  readSelectorsYaml,
  type SelectOptions,
  selectNodes,
} from '../../src/graph/index.js';
import { pick, shopGraph } from './helpers.js';

const YAML = `selectors:
  - name: nightly
    description: The nightly run
    definition: tag:nightly
  - name: shorthand
    definition:
      access: public
  - name: upstream_of_customers
    definition:
      method: fqn
      value: customers
      parents: true
      parents_depth: 1
      indirect_selection: empty
  - name: downstream
    definition:
      method: tag
      value: staging
      children: true
      children_depth: 1
      exclude: [stg_orders]
  - name: family
    definition:
      method: fqn
      value: stg_customers
      childrens_parents: true
      indirect_selection: empty
  - name: marts_minus
    definition:
      union:
        - method: path
          value: models/marts
        - resource_type:exposure
        - exclude:
            - customers
            - test_type:unit
  - name: nested
    definition:
      intersection:
        - union: [tag:staging, tag:nightly]
        - resource_type:model
        - exclude:
            - stg_customers
  - name: reuse
    default: true
    definition:
      union:
        - method: selector
          value: nightly
        - exposure:weekly_report
`;

function load(text = YAML) {
  const doc = readSelectorsYaml(text, 'selectors.yml');
  assert.ok(doc.ok, doc.ok ? '' : doc.errors.map((e) => e.format()).join('\n'));
  return doc.value;
}

function errorsOf(text: string, options: SelectOptions = {}): GraphError[] {
  const doc = readSelectorsYaml(text, 'selectors.yml');
  if (!doc.ok) return doc.errors;
  const result = selectNodes(shopGraph(), { ...options, selectors: doc.value });
  assert.equal(result.ok, false, 'expected an error');
  return result.ok ? [] : result.errors;
}

describe('selectors.yml definitions', () => {
  const graph = shopGraph();
  const selectors = load();
  const run = (name: string, options: SelectOptions = {}) =>
    pick(graph, { ...options, selectors, selector: name });

  test('a string definition uses the command-line syntax', () => {
    assert.deepEqual(run('nightly'), pick(graph, { select: 'tag:nightly' }));
  });

  test('the one-key shorthand {method: value}', () => {
    assert.deepEqual(run('shorthand', { indirectSelection: 'empty' }), ['model.shop.orders']);
  });

  test('method/value with parents, depth and a per-criterion indirect_selection', () => {
    assert.deepEqual(run('upstream_of_customers'), [
      'model.shop.customers',
      'model.shop.orders',
      'model.shop.stg_customers',
    ]);
  });

  test('children with depth, minus an exclude list', () => {
    assert.deepEqual(run('downstream', { indirectSelection: 'empty' }), [
      'model.shop.customers',
      'model.shop.orders',
      'model.shop.stg_customers',
      'model.shop.stg_payments',
    ]);
  });

  test('childrens_parents (the @ operator)', () => {
    assert.deepEqual(run('family'), pick(graph, { select: '@stg_customers', indirectSelection: 'empty' }));
  });

  test('union with exclude, and intersection of a nested union', () => {
    // Tests of the helper graph live in models/schema.yml, outside models/marts.
    assert.deepEqual(run('marts_minus', { indirectSelection: 'empty' }), [
      'exposure.shop.weekly_report',
      'model.shop.orders',
    ]);
    // resource_type:model also pulls in the models' tests eagerly, so the intersection keeps the
    // test on customers (dbt ls -s tag:nightly,resource_type:model does the same).
    assert.deepEqual(run('nested'), [
      'model.shop.customers',
      'model.shop.stg_orders',
      'model.shop.stg_payments',
      'test.shop.relationships_orders_customer_id.abc123',
    ]);
    assert.deepEqual(run('nested', { indirectSelection: 'empty' }), [
      'model.shop.customers',
      'model.shop.stg_orders',
      'model.shop.stg_payments',
    ]);
  });

  test('method: selector reuses an earlier definition', () => {
    assert.deepEqual(run('reuse'), [...run('nightly'), 'exposure.shop.weekly_report'].sort());
  });

  test('the default selector applies only when nothing is selected or excluded', () => {
    const used = selectNodes(graph, { selectors });
    assert.ok(used.ok);
    assert.equal(used.value.selectorName, 'reuse');
    assert.deepEqual([...used.value.selected].sort(), run('reuse'));
    const flags = selectNodes(graph, { selectors, select: 'orders', indirectSelection: 'empty' });
    assert.ok(flags.ok);
    assert.equal(flags.value.selectorName, undefined);
    assert.deepEqual([...flags.value.selected], ['model.shop.orders']);
  });

  test('YAML set operations combine eagerly, as in dbt, even under --indirect-selection cautious', () => {
    const doc = load(`selectors:
  - name: both
    definition:
      union: [orders, customers]
`);
    const viaYaml = pick(graph, { selectors: doc, selector: 'both', indirectSelection: 'cautious' });
    const viaFlags = pick(graph, { select: 'orders customers', indirectSelection: 'cautious' });
    const rel = 'test.shop.relationships_orders_customer_id.abc123';
    assert.ok(!viaYaml.includes(rel));
    assert.ok(viaFlags.includes(rel));
  });
});

describe('selectors.yml errors', () => {
  test('unknown --selector name', () => {
    const [e] = errorsOf(YAML, { selector: 'nope' });
    assert.equal(e!.code, 'selector-not-found');
    assert.match(e!.message, /Could not find selector named 'nope'/);
  });

  test('a bad method names the selector, the file and the line', () => {
    const [e] = errorsOf(`selectors:
  - name: ok
    definition: orders
  - name: broken
    definition:
      tags: nightly
`);
    assert.equal(e!.code, 'invalid-selector-method');
    assert.match(e!.message, /Selector 'broken': invalid selector method 'tags:' — did you mean 'tag:'\?/);
    assert.deepEqual([e!.file, e!.line], ['selectors.yml', 4]);
    assert.match(e!.format(), /^selectors\.yml:4:5: /);
  });

  test('two defaults, two excludes, extra root keys, forward references, no value', () => {
    const cases: [string, RegExp][] = [
      [
        'selectors:\n  - {name: a, definition: x, default: true}\n  - {name: b, definition: y, default: true}\n',
        /multiple selectors with `default: true`: a and b/,
      ],
      [
        'selectors:\n  - name: a\n    definition:\n      union: [x, {exclude: [y]}, {exclude: [z]}]\n',
        /Only one 'exclude'/,
      ],
      [
        'selectors:\n  - name: a\n    definition:\n      union: [x]\n      description: no\n',
        /Only a single 'union'/,
      ],
      [
        'selectors:\n  - name: a\n    definition: {method: selector, value: b}\n  - {name: b, definition: x}\n',
        /definition for 'b' not found/,
      ],
      [
        'selectors:\n  - name: a\n    definition: {method: tag, parents: true}\n',
        /Expected either one key or 'method' and 'value'/,
      ],
      ['selectors:\n  - name: a\n    definition: [x, y]\n', /'definition' must be a string or a mapping/],
      ['selectors:\n  - name: a\n    definition: x\n    colour: red\n', /unknown keys: colour/],
      ['selectors: [\n', /./],
    ];
    for (const [text, pattern] of cases) {
      const errors = errorsOf(text);
      assert.ok(errors.length > 0, text);
      assert.match(errors[0]!.message, pattern, text);
      assert.equal(errors[0]!.file, 'selectors.yml');
    }
  });
});

describe('readSelectorsData', () => {
  test('accepts an already-loaded object; errors carry the file but no line', () => {
    const doc = readSelectorsData({
      selectors: [{ name: 'm', definition: { method: 'tag', value: 'nightly' } }],
    });
    assert.ok(doc.ok);
    assert.deepEqual(pick(shopGraph(), { selectors: doc.value, selector: 'm', indirectSelection: 'empty' }), [
      'model.shop.customers',
      'model.shop.stg_orders',
    ]);
    const bad = readSelectorsData({ selector: [] }, 'selectors.yml');
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.errors[0]!.code, 'invalid-selector-definition');
      assert.equal(bad.errors[0]!.line, undefined);
      assert.match(bad.errors[0]!.format(), /^selectors\.yml: A selectors file needs/);
    }
  });
});
