import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type PropertiesFile, readPropertiesFile } from '../../src/config/index.js';
import { fixtures, render } from './helpers.js';

const file = join(fixtures, 'properties', 'schema.yml');

async function read(text: string) {
  return readPropertiesFile('/p/models/schema.yml', text, { render, env: {} });
}

describe('readPropertiesFile', () => {
  let props: PropertiesFile;
  before(async () => {
    const r = await readPropertiesFile(file, readFileSync(file, 'utf8'), { render, env: { TAG: 'hourly' } });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.deepEqual(
      r.warnings.map((w) => w.format()),
      [],
    );
    props = r.value;
  });

  it('reads a model with config, constraints, access, group and positions', () => {
    const orders = props.models[0]!;
    assert.equal(orders.name, 'orders');
    assert.deepEqual(orders.loc, { file, line: 4, column: 5 });
    // descriptions are rendered later (they may call doc()); config values now
    assert.equal(orders.description, "{{ doc('orders') }}");
    assert.deepEqual(orders.config, {
      materialized: 'table',
      contract: { enforced: true },
      tags: ['hourly'],
    });
    assert.equal(orders.access, 'public');
    assert.equal(orders.group, 'finance');
    assert.equal(orders.latestVersion, 2);
    assert.equal(orders.constraints[0]!.type, 'primary_key');
    assert.deepEqual(orders.constraints[0]!.columns, ['order_id']);
    assert.equal(orders.columns.length, 2);
    const id = orders.columns[0]!;
    assert.equal(id.dataType, 'integer');
    assert.equal(id.constraints[0]!.type, 'not_null');
    assert.deepEqual(id.loc, { file, line: 17, column: 9 });
    const status = orders.columns[1]!;
    assert.deepEqual(status.meta, { pii: false });
    assert.deepEqual(status.tags, ['core']);
    assert.equal(status.quote, true);
  });

  it('normalises every form of test entry', () => {
    const tests = props.models[0]!.columns[0]!.dataTests;
    const strip = tests.map(({ loc: _loc, ...t }) => t);
    assert.deepEqual(strip, [
      { testName: 'unique', args: { column_name: 'order_id' }, config: {} },
      { testName: 'not_null', args: { column_name: 'order_id' }, config: { where: 'order_id > 0' } },
      {
        testName: 'accepted_values',
        args: { values: [1, 2], quote: false, column_name: 'order_id' },
        config: { severity: 'warn' },
      },
      {
        testName: 'accepted_values',
        args: { values: ['a', 'b'], column_name: 'order_id' },
        config: { severity: 'warn' },
      },
      {
        testName: 'expression_is_true',
        args: { expression: '> 0', column_name: 'order_id' },
        config: {},
        name: 'custom_positive',
      },
      {
        testName: 'not_constant',
        namespace: 'dbt_utils',
        args: { column_name: 'order_id' },
        config: { tags: ['utils'] },
      },
    ]);
    assert.deepEqual(tests[2]!.loc, { file, line: 27, column: 13 });
    const modelTest = props.models[0]!.dataTests[0]!;
    assert.equal(modelTest.namespace, 'dbt_utils');
    assert.equal(modelTest.testName, 'unique_combination_of_columns');
    assert.deepEqual(modelTest.args, { combination_of_columns: ['order_id', 'status'] });
  });

  it('reads model versions with include/exclude column selections', () => {
    const [v1, v2] = props.models[0]!.versions;
    assert.equal(v1!.v, 1);
    assert.equal(v1!.definedIn, 'orders_v1');
    assert.deepEqual(v1!.columnSelection, { include: 'all', exclude: ['status'] });
    // As dbt writes it: a datetime with the machine zone's offset.
    assert.match(v1!.deprecationDate!, /^2024-06-01T00:00:00[+-]\d\d:\d\d$/);
    assert.deepEqual(v2!.columnSelection, { include: 'all', exclude: [] });
    assert.deepEqual(v2!.columns, []);
  });

  it('reads seeds, snapshots, analyses and singular tests', () => {
    assert.deepEqual(props.seeds[0]!.config, { column_types: { id: 'integer' } });
    assert.equal(props.seeds[0]!.columns[0]!.dataTests[0]!.testName, 'not_null');
    assert.equal(props.snapshots[0]!.relation, "source('shop', 'orders')");
    assert.equal(props.snapshots[0]!.config.strategy, 'timestamp');
    assert.equal(props.analyses[0]!.description, 'An analysis');
    assert.deepEqual(props.singularTests[0]!.config, { severity: 'warn' });
  });

  it('reads sources and tables', () => {
    const shop = props.sources[0]!;
    assert.equal(shop.schema, 'shop');
    assert.equal(shop.database, 'raw');
    assert.equal(shop.loader, 'fivetran');
    assert.equal(shop.loadedAtField, '_loaded_at');
    assert.deepEqual(shop.freshness, { warn_after: { count: 12, period: 'hour' } });
    assert.deepEqual(shop.quoting, { identifier: true });
    assert.deepEqual(shop.tags, ['raw']);
    const [orders, customers] = shop.tables;
    assert.equal(orders!.identifier, 'orders_tbl');
    assert.equal(orders!.freshness, null);
    assert.deepEqual(orders!.external, { location: 's3://bucket/orders' });
    assert.equal(orders!.columns[0]!.dataTests[0]!.args.column_name, 'id');
    assert.equal('freshness' in customers!, false);
    assert.equal(customers!.dataTests[0]!.namespace, 'dbt_utils');
    assert.deepEqual(customers!.loc, { file, line: 105, column: 9 });
  });

  it('reads macros, exposures, groups, unit tests and the semantic layer; skips saved queries', () => {
    assert.deepEqual(props.macros[0]!.arguments, [
      { name: 'column_name', type: 'string', description: 'the column' },
    ]);
    const exposure = props.exposures[0]!;
    assert.equal(exposure.type, 'dashboard');
    assert.deepEqual(exposure.owner, { name: 'Data team', email: 'data@example.com' });
    assert.deepEqual(exposure.dependsOn, ["ref('orders')"]);
    assert.deepEqual(props.groups[0]!.owner, { email: 'finance@example.com' });
    const ut = props.unitTests[0]!;
    assert.equal(ut.model, 'orders');
    assert.equal(ut.given.length, 2);
    assert.deepEqual(ut.given[0]!.rows, [{ id: 1, status: 'placed' }]);
    assert.equal(ut.given[1]!.format, 'csv');
    assert.deepEqual(ut.expect.rows, [{ id: 1, status: 'placed' }]);
    assert.deepEqual(ut.overrides, { vars: { x: 1 } });
    assert.deepEqual(ut.config, { tags: ['unit'] });
    assert.equal(props.semanticModels?.[0]?.model, "ref('orders')");
    assert.deepEqual(props.metrics?.[0]?.typeParams, { measure: 'amount' });
    assert.deepEqual(props.ignoredSections, ['saved_queries']);
  });
});

describe('properties errors and warnings', () => {
  it('warns about an unknown key at its position with a suggestion', async () => {
    const r = await read('models:\n  - name: a\n    descripton: x\n');
    assert.ok(r.ok);
    assert.equal(
      r.warnings[0]!.format(),
      "/p/models/schema.yml:3:5: warning: unknown key 'descripton' in model 'a'; did you mean 'description'?",
    );
  });

  it('warns about a misspelt config key', async () => {
    const r = await read('models:\n  - name: a\n    config:\n      materialised: table\n');
    assert.ok(r.ok);
    assert.equal(
      r.warnings[0]!.format(),
      "/p/models/schema.yml:4:7: warning: unknown key 'materialised' in models config; did you mean 'materialized'?",
    );
  });

  it('rejects wrong types and missing names at the value position', async () => {
    const r = await read(
      'models:\n  - name: a\n    columns:\n      - description: no name\n  - name: b\n    access: secret\n',
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.line, e.column]),
      [
        ['missing-key', 4, 9],
        ['invalid-value', 6, 13],
      ],
    );
  });

  it('rejects malformed test entries', async () => {
    const r = await read(
      'models:\n  - name: a\n    columns:\n      - name: c\n        tests:\n          - accepted_values:\n            values: [1]\n          - relationships: [x]\n          - bad-name\n',
    );
    assert.ok(!r.ok);
    assert.equal(r.errors.length, 3);
    assert.match(
      r.errors[0]!.format(),
      /:6:13: a test written as a mapping must have exactly one key \(the test name\), found 2/,
    );
    assert.match(r.errors[1]!.message, /arguments of test 'relationships' must be a mapping/);
    assert.match(r.errors[2]!.message, /'bad-name' is not a valid test name/);
  });

  it('refuses a config key set twice in a test, and tests with both spellings', async () => {
    const twice = await read(
      'models:\n  - name: a\n    tests:\n      - unique:\n          severity: warn\n          config: {severity: error}\n',
    );
    assert.ok(!twice.ok);
    assert.match(twice.errors[0]!.message, /both beside its arguments and in 'config'/);
    const both = await read('models:\n  - name: a\n    tests: [unique]\n    data_tests: [not_null]\n');
    assert.ok(!both.ok);
  });

  it('reports duplicate models and YAML syntax errors with positions', async () => {
    const dup = await read('models:\n  - name: a\n  - name: a\n');
    assert.ok(!dup.ok);
    assert.equal(dup.errors[0]!.format(), "/p/models/schema.yml:3:5: model 'a' is declared more than once");
    const syntax = await read('models:\n  - name: a\n    columns: [\n');
    assert.ok(!syntax.ok);
    assert.equal(syntax.errors[0]!.code, 'yaml-syntax');
    assert.equal(syntax.errors[0]!.line, 4);
  });

  it('accepts a file without version and refuses other versions', async () => {
    assert.ok((await read('models:\n  - name: a\n')).ok);
    const v1 = await read('version: 1\nmodels: []\n');
    assert.ok(!v1.ok);
    assert.equal(v1.errors[0]!.line, 1);
  });

  it('warns on duplicate keys, keeping the last', async () => {
    const r = await read('models:\n  - name: a\n    description: one\n    description: two\n');
    assert.ok(r.ok);
    assert.equal(r.value.models[0]!.description, 'two');
    assert.equal(r.warnings[0]!.code, 'duplicate');
    assert.equal(r.warnings[0]!.line, 4);
  });
});

describe('properties rendering', () => {
  it('renders with the caller context but leaves late keys raw', async () => {
    const text = [
      'sources:',
      '  - name: s',
      '    schema: "{{ var(\'src_schema\') }}"',
      '    loaded_at_query: "select max(x) from {{ this }}"',
      '    tables:',
      '      - name: t',
      '        description: "{{ doc(\'t\') }}"',
      '        tests:',
      '          - accepted_values: {values: "{{ var(\'vals\') }}"}',
      '',
    ].join('\n');
    const context = { var: (name: string) => ({ src_schema: 'raw_data', vals: 'x' })[name] };
    const r = await readPropertiesFile('/p/models/s.yml', text, { render, context });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    const s = r.value.sources[0]!;
    assert.equal(s.schema, 'raw_data');
    assert.equal(s.loadedAtQuery, 'select max(x) from {{ this }}');
    assert.equal(s.tables[0]!.description, "{{ doc('t') }}");
    assert.deepEqual(s.tables[0]!.dataTests[0]!.args.values, "{{ var('vals') }}");
  });
});
