import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JinjaRuntimeError } from '../../../src/jinja/errors.js';
import {
  Cycler,
  getAttr,
  Kwargs,
  Markup,
  makeGlobals,
  makeTuple,
  Namespace,
  PyFloat,
  tests,
  toStr,
  Undefined,
} from '../../../src/jinja/value/index.js';
import { type Case, cases, ctx } from './harness.js';

type Fn = (...args: unknown[]) => unknown;
/** `value is name(args)`. */
const T = (name: string, value: unknown, ...args: unknown[]) => tests[name]!(ctx, value, ...args);
const all = (...values: unknown[]) => values.map((v) => toStr(v)).join('|');
const g = makeGlobals() as Record<string, Fn>;
const u = new Undefined('x');
const fn = () => 1;

cases('tests', [
  [
    `{{ x is defined }}|{{ x is undefined }}|{{ none is none }}|{{ 0 is none }}|{{ true is boolean }}|{{ 1 is boolean }}|{{ false is false }}|{{ 0 is false }}|{{ true is true }}`,
    () =>
      all(
        T('defined', u),
        T('undefined', u),
        T('none', null),
        T('none', 0),
        T('boolean', true),
        T('boolean', 1),
        T('false', false),
        T('false', 0),
        T('true', true),
      ),
    'False|True|True|False|True|False|True|False|True',
  ],
  [
    `{{ 1 is integer }}|{{ 1.0 is integer }}|{{ true is integer }}|{{ 1.0 is float }}|{{ 1.5 is float }}|{{ 1 is number }}|{{ true is number }}|{{ 'a' is number }}`,
    () =>
      all(
        T('integer', 1),
        T('integer', new PyFloat(1)),
        T('integer', true),
        T('float', new PyFloat(1)),
        T('float', 1.5),
        T('number', 1),
        T('number', true),
        T('number', 'a'),
      ),
    'True|False|False|True|True|True|True|False',
  ],
  [
    `{{ 'a' is string }}|{{ ('a'|safe) is string }}|{{ {} is mapping }}|{{ [] is mapping }}|{{ [] is iterable }}|{{ 'a' is iterable }}|{{ 1 is iterable }}|{{ x is iterable }}|{{ [] is sequence }}|{{ 1 is sequence }}`,
    () =>
      all(
        T('string', 'a'),
        T('string', new Markup('a')),
        T('mapping', {}),
        T('mapping', []),
        T('iterable', []),
        T('iterable', 'a'),
        T('iterable', 1),
        T('iterable', u),
        T('sequence', []),
        T('sequence', 1),
      ),
    'True|True|True|False|True|True|False|True|True|False',
  ],
  [
    `{{ range is callable }}|{{ 1 is callable }}|{{ none is sameas none }}|{{ 1 is sameas 1 }}|{{ [] is sameas [] }}|{{ ('a'|e) is escaped }}|{{ 'a' is escaped }}`,
    () =>
      all(
        T('callable', fn),
        T('callable', 1),
        T('sameas', null, null),
        T('sameas', 1, 1),
        T('sameas', [], []),
        T('escaped', new Markup('a')),
        T('escaped', 'a'),
      ),
    'True|False|True|True|False|True|False',
  ],
  [
    `{{ 1 is eq 1.0 }}|{{ 1 is ne 2 }}|{{ 1 is lt 2 }}|{{ 2 is le 2 }}|{{ 3 is gt 2 }}|{{ 2 is ge 3 }}|{{ 2 is equalto 2 }}|{{ 1 is greaterthan 0 }}|{{ 1 is lessthan 0 }}|{{ 'a' is in 'abc' }}|{{ 3 is in [1, 2] }}`,
    () =>
      all(
        T('eq', 1, new PyFloat(1)),
        T('ne', 1, 2),
        T('lt', 1, 2),
        T('le', 2, 2),
        T('gt', 3, 2),
        T('ge', 2, 3),
        T('equalto', 2, 2),
        T('greaterthan', 1, 0),
        T('lessthan', 1, 0),
        T('in', 'a', 'abc'),
        T('in', 3, [1, 2]),
      ),
    'True|True|True|True|True|False|True|True|False|True|False',
  ],
  [
    `{{ 6 is divisibleby 3 }}|{{ 7 is divisibleby 3 }}|{{ 4 is even }}|{{ -3 is odd }}|{{ 'abc' is lower }}|{{ 'aB' is lower }}|{{ 'AB1' is upper }}|{{ '12' is upper }}|{{ 'upper' is filter }}|{{ 'nope' is filter }}|{{ 'odd' is test }}`,
    () =>
      all(
        T('divisibleby', 6, 3),
        T('divisibleby', 7, 3),
        T('even', 4),
        T('odd', -3),
        T('lower', 'abc'),
        T('lower', 'aB'),
        T('upper', 'AB1'),
        T('upper', '12'),
        T('filter', 'upper'),
        T('filter', 'nope'),
        T('test', 'odd'),
      ),
    'True|False|True|True|True|False|True|False|True|False|True',
  ],
] satisfies Case[]);

cases('globals', [
  [
    `{{ range(3)|list }}|{{ range(1, 4)|list }}|{{ range(10, 0, -3)|list }}|{{ range(0)|list }}|{{ range(2, 1)|list }}`,
    () =>
      all(
        [...(g.range!(3) as number[])],
        [...(g.range!(1, 4) as number[])],
        [...(g.range!(10, 0, -3) as number[])],
        [...(g.range!(0) as number[])],
        [...(g.range!(2, 1) as number[])],
      ),
    '[0, 1, 2]|[1, 2, 3]|[10, 7, 4, 1]|[]|[]',
  ],
  [`{{ range(1, 2, 0) }}`, () => g.range!(1, 2, 0), 'ERR: range() arg 3 must not be zero'],
  [`{{ range(1.5) }}`, () => g.range!(1.5), "ERR: 'float' object cannot be interpreted as an integer"],
  [
    `{{ dict(a=1, b='x') }}|{{ dict({'a': 1}, c=2) }}|{{ dict([('k', 'v')]) }}|{{ dict() }}`,
    () =>
      all(
        g.dict!(new Kwargs({ a: 1, b: 'x' })),
        g.dict!({ a: 1 }, new Kwargs({ c: 2 })),
        g.dict!([makeTuple(['k', 'v'])]),
        g.dict!(),
      ),
    "{'a': 1, 'b': 'x'}|{'a': 1, 'c': 2}|{'k': 'v'}|{}",
  ],
  [
    `{% set ns = namespace(a=1, b=[]) %}{{ ns.a }}{{ ns.b }}{{ ns.c }}|{{ namespace({'k': 2}).k }}`,
    () => {
      const ns = g.namespace!(new Kwargs({ a: 1, b: [] }));
      const ns2 = g.namespace!({ k: 2 });
      return `${all(getAttr(ns, 'a', ctx), getAttr(ns, 'b', ctx), getAttr(ns, 'c', ctx)).replaceAll('|', '')}|${toStr(getAttr(ns2, 'k', ctx))}`;
    },
    '1[]|2',
  ],
  [
    `{% set c = cycler('a', 'b') %}{{ c.current }}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}{% do c.reset() %}{{ c.current }}`,
    () => {
      const c = g.cycler!('a', 'b');
      const at = (n: string) => getAttr(c, n, ctx);
      const call = (n: string) => (at(n) as Fn)();
      const out = [at('current'), call('next'), call('next'), call('next'), at('current')];
      call('reset');
      out.push(at('current'));
      return out.join('');
    },
    'aababa',
  ],
  [
    `{% set j = joiner(' | ') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %};{% set k = joiner() %}{{ k() }}{{ k() }}`,
    () => {
      const j = g.joiner!(' | ') as Fn;
      const k = g.joiner!() as Fn;
      return `${[1, 2, 3].map((x) => `${j()}${x}`).join('')};${k()}${k()}`;
    },
    '1 | 2 | 3;, ',
  ],
] satisfies Case[]);

test('globals: range refuses more than MAX_RANGE items; cycler needs an item', () => {
  assert.throws(
    () => g.range!(100001),
    (e: unknown) => e instanceof JinjaRuntimeError && /Range too big/.test(e.message),
  );
  assert.equal((g.range!(100000) as number[]).length, 100000);
  assert.throws(() => new Cycler([]), JinjaRuntimeError);
  assert.ok(g.namespace!() instanceof Namespace);
});

test('globals: lipsum makes the asked number of paragraphs, HTML or plain', () => {
  const html = g.lipsum!(2, new Kwargs({ min: 3, max: 5 })) as string;
  assert.equal(html.split('\n').length, 2);
  assert.match(html, /^<p>[A-Z][a-z ]+\.<\/p>\n<p>/);
  const plain = g.lipsum!(3, false, 1, 2) as string;
  assert.equal(plain.split('\n\n').length, 3);
  assert.ok(!plain.includes('<p>'));
});

test('makeGlobals returns a fresh table each time', () => {
  const a = makeGlobals();
  a.range = null;
  assert.equal(typeof makeGlobals().range, 'function');
});
