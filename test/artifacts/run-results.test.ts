// run_results.json v6: entries for every status a run produces, validated against dbt's schema,
// with the entry layout dbt-core 1.11 writes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRunResults, type RunResultInput } from '../../src/artifacts/index.js';
import { describeErrors, loadSchemaValidator } from './fixtures/dbt-schemas.js';

const started = new Date('2026-11-25T00:01:54.362Z');
const done = new Date('2026-11-25T00:01:54.371Z');
const timing = [
  { name: 'compile', started_at: started, completed_at: done },
  { name: 'execute', started_at: done, completed_at: new Date('2026-11-25T00:01:54.374Z') },
];

const results: RunResultInput[] = [
  {
    unique_id: 'model.shop.orders',
    status: 'success',
    timing,
    execution_time: 0.0457,
    adapter_response: { _message: 'OK' },
    message: 'OK',
    compiled: true,
    compiled_code: 'select * from "shop"."main"."raw_orders"',
    relation_name: '"shop"."main"."orders"',
  },
  {
    unique_id: 'seed.shop.raw_orders',
    status: 'success',
    timing,
    execution_time: 0.069,
    adapter_response: { _message: 'INSERT 2', code: 'INSERT', rows_affected: 2 },
    message: 'INSERT 2',
  },
  {
    unique_id: 'test.shop.unique_orders_id.1360ecc70e',
    status: 'pass',
    timing,
    execution_time: 0.012,
    failures: 0,
    compiled: true,
    compiled_code: 'select 1 where false',
  },
  {
    unique_id: 'test.shop.not_null_orders_id.84ef11d8fe',
    status: 'fail',
    timing,
    failures: 3,
    message: 'Got 3 results, configured to fail if != 0',
    compiled: true,
    compiled_code: 'select 1',
  },
  {
    unique_id: 'test.shop.assert_positive',
    status: 'warn',
    timing,
    failures: 1,
    message: 'Got 1 result, configured to warn if != 0',
    compiled: true,
    compiled_code: 'select 1',
  },
  {
    unique_id: 'test.shop.source_unique_jaffle_payments_id.41ec1fafc0',
    status: 'error',
    timing,
    message:
      'Runtime Error in test source_unique_jaffle_payments_id (models/schema.yml)\n  Catalog Error: Table with name payments does not exist!',
    compiled: true,
    compiled_code: 'select id from "shop"."main"."payments"',
  },
  {
    unique_id: 'model.shop.stg_payments',
    status: 'skipped',
    compiled: false,
    relation_name: '"shop"."main"."stg_payments"',
  },
  {
    unique_id: 'model.shop.broken',
    status: 'error',
    message: 'Compilation Error in model broken',
    compiled: false,
  },
  { unique_id: 'exposure.shop.dashboard', status: 'no-op', message: 'NO-OP', failures: 0, timing },
  {
    unique_id: 'model.shop.events',
    status: 'partial success',
    timing,
    batch_results: {
      successful: [['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']],
      failed: [['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z']],
    },
    compiled: true,
    compiled_code: 'select 1',
  },
  {
    unique_id: 'operation.shop.shop-on-run-start-0',
    status: 'success',
    thread_id: 'main',
    message: 'shop.on-run-start.0 passed',
    failures: 0,
    compiled: true,
    compiled_code: 'select 1',
  },
];

describe('run_results v6', () => {
  const validate = loadSchemaValidator('run-results-v6');
  const artifact = buildRunResults({
    results,
    elapsedTime: 0.7546,
    args: { which: 'build', select: [], exclude: [], invocation_command: 'tessera build' },
    invocationId: 'bde801b8-59e7-4b23-a504-ed703cf6d5a2',
    generatedAt: new Date('2026-11-25T00:01:54.979Z'),
    invocationStartedAt: new Date('2026-11-25T00:01:53.110Z'),
  });

  test('validates against the schema with model, test, skipped and error results', () => {
    const valid = validate(JSON.parse(JSON.stringify(artifact)));
    assert.ok(valid, describeErrors(validate));
  });

  test('the schema rejects an unknown status (the check can fail)', () => {
    const broken = JSON.parse(JSON.stringify(artifact));
    broken.results[0].status = 'done';
    assert.equal(validate(broken), false);
  });

  test('entries are laid out as dbt writes them', () => {
    assert.deepEqual(Object.keys(artifact), ['metadata', 'results', 'elapsed_time', 'args']);
    assert.deepEqual(Object.keys(artifact.metadata), [
      'dbt_schema_version',
      'dbt_version',
      'generated_at',
      'invocation_id',
      'invocation_started_at',
      'env',
    ]);
    assert.equal(artifact.metadata.dbt_schema_version, 'https://schemas.getdbt.com/dbt/run-results/v6.json');
    assert.equal(artifact.metadata.invocation_started_at, '2026-11-25T00:01:53.110000Z');
    assert.deepEqual(Object.keys(artifact.results[0]!), [
      'status',
      'timing',
      'thread_id',
      'execution_time',
      'adapter_response',
      'message',
      'failures',
      'unique_id',
      'compiled',
      'compiled_code',
      'relation_name',
      'batch_results',
    ]);
    assert.deepEqual(artifact.results[0]!.timing[0], {
      name: 'compile',
      started_at: '2026-11-25T00:01:54.362000Z',
      completed_at: '2026-11-25T00:01:54.371000Z',
    });
    assert.equal(artifact.results[0]!.thread_id, 'Thread-1 (worker)');
    assert.equal(artifact.results.at(-1)!.thread_id, 'main');
  });

  test('a skipped node gets dbt defaults for what it never reached', () => {
    const skipped = artifact.results.find((r) => r.status === 'skipped')!;
    assert.deepEqual(skipped, {
      status: 'skipped',
      timing: [],
      thread_id: 'Thread-1 (worker)',
      execution_time: 0,
      adapter_response: {},
      message: null,
      failures: null,
      unique_id: 'model.shop.stg_payments',
      compiled: false,
      compiled_code: null,
      relation_name: '"shop"."main"."stg_payments"',
      batch_results: null,
    });
  });

  test('runner-only fields are not written', () => {
    const withDisplay = {
      unique_id: 'model.x',
      status: 'success',
      display: { kind: 'view' },
    } as RunResultInput;
    const built = buildRunResults({ results: [withDisplay], elapsedTime: 1 });
    assert.equal('display' in built.results[0]!, false);
    assert.ok(validate(JSON.parse(JSON.stringify(built))), describeErrors(validate));
  });
});
