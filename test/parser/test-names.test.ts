// Expected names and unique_ids below were produced by dbt-core 1.11 (`dbt parse`) on a small
// project with these exact tests; they are written out by hand as assertions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JsonObject } from '../../src/parser/node-types.js';
import { pyNumber, pyRepr, pyStr } from '../../src/parser/python-repr.js';
import {
  type GenericTestTarget,
  genericTestModelArg,
  genericTestName,
  genericTestRawCode,
  genericTestUniqueId,
  splitTestName,
} from '../../src/parser/test-names.js';

interface Case {
  written: string;
  target: string | GenericTestTarget;
  args: JsonObject;
  name: string;
  shortName?: string;
  uniqueId: string;
}

const orders = "{{ get_where_subquery(ref('orders')) }}";
const payments = "{{ get_where_subquery(ref('stg_payments')) }}";

const cases: Case[] = [
  {
    written: 'unique',
    target: 'orders',
    args: { column_name: 'id' },
    name: 'unique_orders_id',
    uniqueId: 'test.shop.unique_orders_id.1360ecc70e',
  },
  {
    written: 'not_null',
    target: 'orders',
    args: { column_name: 'id' },
    name: 'not_null_orders_id',
    uniqueId: 'test.shop.not_null_orders_id.84ef11d8fe',
  },
  {
    written: 'accepted_values',
    target: 'orders',
    args: { values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'], column_name: 'status' },
    name: 'accepted_values_orders_status__placed__shipped__completed__return_pending__returned',
    shortName: 'accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758',
    uniqueId:
      'test.shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
  },
  {
    written: 'relationships',
    target: 'orders',
    args: { to: "ref('customers')", field: 'id', column_name: 'customer_id' },
    name: 'relationships_orders_customer_id__id__ref_customers_',
    uniqueId: 'test.shop.relationships_orders_customer_id__id__ref_customers_.4282b0c525',
  },
  {
    written: 'dbt_utils.accepted_range',
    target: 'orders',
    args: { min_value: 0, column_name: 'customer_id' },
    name: 'dbt_utils_accepted_range_orders_customer_id__0',
    uniqueId: 'test.shop.dbt_utils_accepted_range_orders_customer_id__0.73bafb744f',
  },
  {
    written: 'dbt_utils.expression_is_true',
    target: 'orders',
    args: {
      expression:
        'amount >= 0 and amount < 1000000 and status is not null and customer_id is not null and id is not null',
    },
    name: 'dbt_utils_expression_is_true_orders_amount_0_and_amount_1000000_and_status_is_not_null_and_customer_id_is_not_null_and_id_is_not_null',
    shortName: 'dbt_utils_expression_is_true_o_8a42fe6896e2169e3a6fdec294e2b362',
    uniqueId:
      'test.shop.dbt_utils_expression_is_true_orders_amount_0_and_amount_1000000_and_status_is_not_null_and_customer_id_is_not_null_and_id_is_not_null.f2935d6452',
  },
  {
    written: 'unique',
    target: { kind: 'source', sourceName: 'jaffle', tableName: 'payments' },
    args: { column_name: 'id' },
    name: 'source_unique_jaffle_payments_id',
    uniqueId: 'test.shop.source_unique_jaffle_payments_id.41ec1fafc0',
  },
  {
    written: 'unique',
    target: { kind: 'node', name: 'dim', version: 1 },
    args: { column_name: 'id' },
    name: 'unique_dim_v1_id',
    uniqueId: 'test.shop.unique_dim_v1_id.2f98b9f679',
  },
  {
    written: 'accepted_values',
    target: 'stg_payments',
    args: { column_name: 'id', values: [1, 2, 3], quote: false },
    name: 'accepted_values_stg_payments_id__False__1__2__3',
    uniqueId: 'test.shop.accepted_values_stg_payments_id__False__1__2__3.b168179095',
  },
  {
    written: 'dbt_utils.accepted_range',
    target: 'stg_payments',
    args: { column_name: 'id', min_value: 0, max_value: 100.5 },
    name: 'dbt_utils_accepted_range_stg_payments_id__100_5__0',
    uniqueId: 'test.shop.dbt_utils_accepted_range_stg_payments_id__100_5__0.12925e2511',
  },
  {
    written: 'my_check',
    target: 'stg_payments',
    args: { column_name: 'id', opts: { x: 1, y: 'z', z: true }, items: ['a', null, 2] },
    name: 'my_check_stg_payments_id__a__None__2__1__z__True',
    uniqueId: 'test.shop.my_check_stg_payments_id__a__None__2__1__z__True.8dd13d5056',
  },
  {
    written: 'dbt_utils.expression_is_true',
    target: 'stg_payments',
    args: { expression: "status != 'x'" },
    name: 'dbt_utils_expression_is_true_stg_payments_status_x_',
    uniqueId: 'test.shop.dbt_utils_expression_is_true_stg_payments_status_x_.eb5aa5c801',
  },
  {
    written: 'dbt_utils.expression_is_true',
    target: 'stg_payments',
    args: { expression: "a = 'b' or c = \"d\" or e = '\\n'" },
    name: 'dbt_utils_expression_is_true_stg_payments_a_b_or_c_d_or_e_n_',
    uniqueId: 'test.shop.dbt_utils_expression_is_true_stg_payments_a_b_or_c_d_or_e_n_.2d9fe7136f',
  },
  {
    written: 'dbt_utils.expression_is_true',
    target: 'stg_payments',
    args: { expression: "x = 'é'" },
    name: 'dbt_utils_expression_is_true_stg_payments_x_',
    uniqueId: 'test.shop.dbt_utils_expression_is_true_stg_payments_x_.afb6d0c0c6',
  },
];

describe('generic test names match dbt', () => {
  for (const c of cases) {
    test(`${c.written} on ${JSON.stringify(c.target)} → ${c.name}`, () => {
      const split = splitTestName(c.written);
      assert.ok(split);
      const names = genericTestName(split.name, split.namespace, c.target, c.args);
      assert.equal(names.fullName, c.name);
      assert.equal(names.shortName, c.shortName ?? c.name);
      const kwargs = { ...c.args, model: genericTestModelArg(c.target) };
      const uniqueId = genericTestUniqueId('shop', names.fullName, {
        name: split.name,
        namespace: split.namespace,
        kwargs,
      });
      assert.equal(uniqueId, c.uniqueId);
    });
  }

  test('a custom name keeps the hash of name + metadata', () => {
    const id = genericTestUniqueId('shop', 'customers_id_custom_name', {
      name: 'not_null',
      namespace: null,
      kwargs: { column_name: 'id', model: "{{ get_where_subquery(ref('customers')) }}" },
    });
    assert.equal(id, 'test.shop.customers_id_custom_name.f10ac37f55');
  });

  test('model args for refs, versions and sources', () => {
    assert.equal(genericTestModelArg('orders'), orders);
    assert.equal(genericTestModelArg({ kind: 'node', name: 'stg_payments' }), payments);
    assert.equal(
      genericTestModelArg({ kind: 'node', name: 'dim', version: 1 }),
      "{{ get_where_subquery(ref('dim', version='1')) }}",
    );
    assert.equal(
      genericTestModelArg({ kind: 'source', sourceName: 'jaffle', tableName: 'payments' }),
      "{{ get_where_subquery(source('jaffle', 'payments')) }}",
    );
  });

  test('raw code with and without configs', () => {
    assert.equal(genericTestRawCode('unique', null), '{{ test_unique(**_dbt_generic_test_kwargs) }}');
    assert.equal(
      genericTestRawCode('accepted_range', 'dbt_utils', { severity: 'warn', where: 'id > 0' }),
      '{{ dbt_utils.test_accepted_range(**_dbt_generic_test_kwargs) }}{{ config(severity="warn",where="id > 0") }}',
    );
    assert.equal(
      genericTestRawCode('unique', null, { store_failures: true, alias: 'say "hi"' }),
      '{{ test_unique(**_dbt_generic_test_kwargs) }}{{ config(store_failures=True,alias="say \\"hi\\"") }}',
    );
  });

  test('malformed test names are rejected', () => {
    assert.equal(splitTestName('1bad'), null);
    assert.deepEqual(splitTestName('pkg.t'), { namespace: 'pkg', name: 't' });
  });
});

describe('python repr', () => {
  test('strings choose quotes and escape like CPython', () => {
    assert.equal(pyRepr('plain'), "'plain'");
    assert.equal(pyRepr("it's"), `"it's"`);
    assert.equal(pyRepr(`both ' and "`), `'both \\' and "'`);
    assert.equal(pyRepr('tab\tnew\nback\\'), "'tab\\tnew\\nback\\\\'");
    assert.equal(pyRepr('\u0001é'), "'\\x01é'");
  });
  test('containers, booleans and None', () => {
    assert.equal(pyRepr({ a: [1, null, true], b: 'x' }), "{'a': [1, None, True], 'b': 'x'}");
    assert.equal(pyStr(false), 'False');
    assert.equal(pyStr('text'), 'text');
  });
  test('floats format like Python', () => {
    assert.equal(pyNumber(100.5), '100.5');
    assert.equal(pyNumber(0.0001), '0.0001');
    assert.equal(pyNumber(0.00001), '1e-05');
    assert.equal(pyNumber(1.5e-10), '1.5e-10');
    assert.equal(pyNumber(-3), '-3');
  });
});
