// Result lines as dbt prints them: tests by name, built nodes with what was created.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NodeInfo, type NodeResult, terminalPrinter } from '../../src/runner/index.js';

function lineFor(description: string, status: NodeResult['status']): string {
  const lines: string[] = [];
  const print = terminalPrinter({ write: (l) => lines.push(l), color: false });
  const node = { unique_id: 'x', description } as unknown as NodeInfo;
  const result = { unique_id: 'x', status, execution_time: 0.5, adapter_response: {}, failures: 1 } as never;
  print({ type: 'node-finished', index: 1, total: 2, node, result });
  return lines.join('\n');
}

test('an erroring test reads `ERROR <name>`, an erroring model `ERROR creating …`', () => {
  assert.match(
    lineFor('test not_null_orders_id', 'error'),
    /1 of 2 ERROR not_null_orders_id \.+ \[ERROR in 0\.50s\]/,
  );
  assert.match(lineFor('unit_test check_math', 'error'), /1 of 2 ERROR check_math \.+/);
  assert.match(
    lineFor('sql table model main.orders', 'error'),
    /1 of 2 ERROR creating sql table model main\.orders \.+ \[ERROR in 0\.50s\]/,
  );
  assert.match(lineFor('test not_null_orders_id', 'fail'), /1 of 2 FAIL 1 not_null_orders_id/);
  assert.match(
    lineFor('sql view model main.orders', 'skipped'),
    /1 of 2 SKIP relation main\.orders \.+ \[SKIP\]/,
  );
  assert.match(lineFor('seed file main.raw', 'skipped'), /1 of 2 SKIP relation main\.raw /);
  assert.match(lineFor('test not_null_orders_id', 'skipped'), /1 of 2 SKIP test not_null_orders_id /);
});

test('a project hook reads `OK hook: <pkg>.<hook>.<n>`, as dbt prints it', () => {
  const lines: string[] = [];
  const print = terminalPrinter({ write: (l) => lines.push(l), color: false });
  const node = {
    unique_id: 'operation.p.p-on-run-end-0',
    description: 'hook: p.on-run-end.0',
  } as unknown as NodeInfo;
  const result = {
    status: 'success',
    execution_time: 0.09,
    adapter_response: {},
    display: { kind: 'hook' },
  } as never;
  print({ type: 'node-started', index: 1, total: 1, node });
  print({ type: 'node-finished', index: 1, total: 1, node, result });
  assert.match(lines[0]!, /1 of 1 START hook: p\.on-run-end\.0 \.+ \[RUN\]/);
  assert.match(lines[1]!, /1 of 1 OK hook: p\.on-run-end\.0 \.+ \[OK in 0\.09s\]/);
});

test('the summary names a failing test as dbt does: `Failure in test <name> (<file>)`', () => {
  const lines: string[] = [];
  const print = terminalPrinter({ write: (l) => lines.push(l), color: false });
  const result = {
    unique_id: 'test.p.not_null_orders_id.abc',
    status: 'fail',
    message: 'Got 1 result, configured to fail if != 0',
    display: { kind: 'test', detail: 'target/x.sql', label: 'test not_null_orders_id (models/schema.yml)' },
  } as never;
  print({ type: 'run-finished', results: [result], elapsed: 1, interrupted: false });
  assert.ok(
    lines.some((l) => l.endsWith('Failure in test not_null_orders_id (models/schema.yml)')),
    lines.join('\n'),
  );
});
