/**
 * Table-driven checks against what Python Jinja2 3.1 printed. Each case pairs the template that
 * produced the expectation with the runtime calls that must print the same; an expectation
 * starting with `ERR: ` means the calls must throw that message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filters, type RuntimeContext, tests, toStr } from '../../../src/jinja/value/index.js';

export const ctx: RuntimeContext = {
  filter: (name) => filters[name],
  test: (name) => tests[name],
  undefinedMode: 'default',
};

export type Case = readonly [template: string, run: () => unknown, expected: string];

/** Register one node:test per case. */
export function cases(group: string, table: readonly Case[]): void {
  for (const [template, run, expected] of table) {
    test(`${group}: ${template}`, async () => {
      if (expected.startsWith('ERR: ')) {
        await assert.rejects(async () => run(), { message: expected.slice(5) });
        return;
      }
      assert.equal(toStr(await run(), ctx), expected);
    });
  }
}
