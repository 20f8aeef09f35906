import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JinjaRuntimeError } from '../../../src/jinja/errors.js';
import {
  Kwargs,
  Markup,
  makeFloat,
  makeGlobals,
  makeTuple,
  Namespace,
  PyFloat,
  repr,
  toStr,
  Undefined,
} from '../../../src/jinja/value/index.js';
import { type Case, cases, ctx } from './harness.js';

const range = makeGlobals().range as (...a: number[]) => unknown;

const t = makeTuple;
const f = (n: number) => new PyFloat(n);

cases('toStr', [
  [
    `{{ none }}|{{ true }}|{{ false }}`,
    () => [toStr(null), toStr(true), toStr(false)].join('|'),
    'None|True|False',
  ],
  [`{{ ['a', 1, none, true, 1.0] }}`, () => ['a', 1, null, true, f(1)], "['a', 1, None, True, 1.0]"],
  [`{{ (1,) }}{{ (1, 2) }}{{ () }}`, () => toStr(t([1])) + toStr(t([1, 2])) + toStr(t([])), '(1,)(1, 2)()'],
  [
    `{{ {'k': 'v', 1: 2} }}`,
    () =>
      new Map<unknown, unknown>([
        ['k', 'v'],
        [1, 2],
      ]),
    "{'k': 'v', 1: 2}",
  ],
  [`{{ {'a': [1, {'b': none}]} }}`, () => ({ a: [1, { b: null }] }), "{'a': [1, {'b': None}]}"],
  [`{{ {} }}{{ [] }}`, () => toStr({}) + toStr([]), '{}[]'],
  [
    `{{ 1.0 }} {{ 0.1 }} {{ 1e-05 }} {{ 1e16 }} {{ 1.5e300 }}`,
    () => [f(1), 0.1, 1e-5, f(1e16), f(1.5e300)].map((x) => toStr(x)).join(' '),
    '1.0 0.1 1e-05 1e+16 1.5e+300',
  ],
  [
    `{{ 123456789012345.6 }} {{ 0.0001 }} {{ -0.0 }} {{ 2.5e-7 }}`,
    () => [123456789012345.6, 0.0001, f(-0), 2.5e-7].map((x) => toStr(x)).join(' '),
    '123456789012345.6 0.0001 -0.0 2.5e-07',
  ],
  [`{{ 10 ** 21 }} {{ -3 }}`, () => `${toStr(1e21)} ${toStr(-3)}`, '1000000000000000000000 -3'],
  [
    `{{ ["it's", 'say "hi"', 'both \\' "', 'tab\\tnl\\n', 'back\\\\slash'] }}`,
    () => ["it's", 'say "hi"', 'both \' "', 'tab\tnl\n', 'back\\slash'],
    "[\"it's\", 'say \"hi\"', 'both \\' \"', 'tab\\tnl\\n', 'back\\\\slash']",
  ],
  [`{{ ['caf\u00e9', '\x01'] }}`, () => ['caf\u00e9', '\x01'], "['café', '\\x01']"],
  [
    `{{ namespace(a=1) }}`,
    () => {
      const ns = new Namespace();
      ns.attrs.set('a', 1);
      return ns;
    },
    "<Namespace {'a': 1}>",
  ],
  [`{{ x }}|{{ [x] }}`, () => `${toStr(new Undefined('x'))}|${toStr([new Undefined('x')])}`, '|[Undefined]'],
  [`{{ ['<a>'|safe] }}`, () => [new Markup('<a>')], "[Markup('<a>')]"],
  [
    `{{ range(3) }} {{ range(1, 9, 2) }}`,
    () => `${toStr(range(3))} ${toStr(range(1, 9, 2))}`,
    'range(0, 3) range(1, 9, 2)',
  ],
] satisfies Case[]);

test('toStr: host objects print through their own toString, else a placeholder', () => {
  class Relation {
    toString() {
      return '"db"."schema"."t"';
    }
  }
  class Plain {}
  assert.equal(toStr(new Relation()), '"db"."schema"."t"');
  assert.equal(toStr(new Plain()), '<Plain object>');
  assert.equal(repr(new Kwargs({})), '<Kwargs object>');
});

test('toStr: strict mode throws for undefined, default prints nothing', () => {
  assert.throws(
    () => toStr(new Undefined('missing'), { ...ctx, undefinedMode: 'strict' }),
    (e: unknown) => {
      return (
        e instanceof JinjaRuntimeError && e.kind === 'undefined' && e.message === "'missing' is undefined"
      );
    },
  );
  assert.equal(toStr(new Undefined('missing'), ctx), '');
});

test('makeFloat boxes only integral values', () => {
  assert.ok(makeFloat(2) instanceof PyFloat);
  assert.equal(makeFloat(2.5), 2.5);
  assert.equal(repr(makeFloat(2)), '2.0');
});
