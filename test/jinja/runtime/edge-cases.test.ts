import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JinjaRuntimeError } from '../../../src/jinja/errors.js';
import {
  binaryOp,
  compare,
  filters,
  getAttr,
  getItem,
  getSlice,
  iterate,
  Kwargs,
  length,
  makeFloat,
  makeTuple,
  tests,
  toStr,
  truthy,
  Undefined,
  unaryOp,
} from '../../../src/jinja/value/index.js';
import { type Case, cases, ctx } from './harness.js';

type Fn = (...args: unknown[]) => unknown;
const call = (obj: unknown, name: string, ...args: unknown[]) => (getAttr(obj, name, ctx) as Fn)(...args);
const F = (name: string, value: unknown, ...args: unknown[]) => filters[name]!(ctx, value, ...args);
const all = (...values: unknown[]) => values.map((v) => toStr(v)).join('|');
const emoji = '\u{1F600}ab';
const strict = { ...ctx, undefinedMode: 'strict' as const };

cases('pprint order, int rounding, find and index ranges, astral strings', [
  [
    `{{ {'b': [1, {'z': 1, 'a': 2}], 'a': 'x'}|pprint }}|{{ {2: 'x', 1: 'y'}|pprint }}`,
    () =>
      all(
        F('pprint', { b: [1, { z: 1, a: 2 }], a: 'x' }),
        F(
          'pprint',
          new Map([
            [2, 'x'],
            [1, 'y'],
          ]),
        ),
      ),
    "{'a': 'x', 'b': [1, {'a': 2, 'z': 1}]}|{1: 'y', 2: 'x'}",
  ],
  [
    `{{ 1234|round(-2) }}|{{ 1250|round(-2) }}|{{ 42|round(1) }}|{{ 1255.5|round(-1) }}`,
    () => all(F('round', 1234, -2), F('round', 1250, -2), F('round', 42, 1), F('round', 1255.5, -1)),
    '1200|1200|42|1260.0',
  ],
  [
    `{{ 'banana'.rfind('a', 0, 3) }}|{{ 'banana'.find('a', 2) }}|{{ 'banana'.find('a', -2) }}|{{ 'banana'.count('a', 2) }}|{{ 'banana'.index('n', 3) }}|{{ 'a\\tbc\\td'.expandtabs(4) }}`,
    () =>
      all(
        call('banana', 'rfind', 'a', 0, 3),
        call('banana', 'find', 'a', 2),
        call('banana', 'find', 'a', -2),
        call('banana', 'count', 'a', 2),
        call('banana', 'index', 'n', 3),
        call('a\tbc\td', 'expandtabs', 4),
      ),
    '1|3|5|2|4|a   bc  d',
  ],
  [
    `{{ ['x', 'y', 'x'].index('x', 1) }}|{{ ['x', 'y', 'x'].index('y', -2) }}`,
    () => all(call(['x', 'y', 'x'], 'index', 'x', 1), call(['x', 'y', 'x'], 'index', 'y', -2)),
    '2|1',
  ],
  [`{{ ['x', 'y'].index('x', 1) }}`, () => call(['x', 'y'], 'index', 'x', 1), "ERR: 'x' is not in list"],
  [
    `{{ s|length }}|{{ s[0] == '\u{1F600}' }}|{{ s[1:] }}|{{ s[::-1] }}|{{ s|list|length }}`,
    () =>
      all(
        length(emoji),
        getItem(emoji, 0, ctx) === '\u{1F600}',
        getSlice(emoji, 1, null, null),
        getSlice(emoji, null, null, -1),
        Array.from(iterate(emoji)).length,
      ).replace('|true|', '|True|'),
    '3|True|ab|ba\u{1F600}|3',
  ],
] satisfies Case[]);

test('bigints from database drivers behave as Python ints', () => {
  assert.equal(toStr(12345678901234567890n), '12345678901234567890');
  assert.equal(binaryOp('+', 2n, 3), 5);
  assert.equal(compare('==', 3n, 3), true);
  assert.equal(truthy(0n), false);
  assert.equal(toStr(F('tojson', { n: 7n })), '{"n": 7}');
});

test('strict mode: truthiness, comparison and iteration of undefined raise', () => {
  const u = new Undefined('missing');
  const isUndefinedError = (e: unknown) => e instanceof JinjaRuntimeError && e.kind === 'undefined';
  assert.throws(() => truthy(u, strict), isUndefinedError);
  assert.throws(() => compare('==', u, 1, strict), isUndefinedError);
  assert.throws(() => iterate(u, strict), isUndefinedError);
  assert.throws(() => length(u, strict), isUndefinedError);
  assert.throws(() => binaryOp('~', 'a', u, strict), isUndefinedError);
  assert.equal(truthy(u), false);
  assert.equal(compare('==', u, new Undefined('other')), true);
  assert.deepEqual(Array.from(iterate(u)), []);
});

cases('format specs and printf precision', [
  [
    `{{ '%.3d|%#.4x|%+8.2d|%05.1f|%c' % (7, 255, -3, 2.25, 'z') }}`,
    () => binaryOp('%', '%.3d|%#.4x|%+8.2d|%05.1f|%c', makeTuple([7, 255, -3, 2.25, 'z'])),
    '007|0x00ff|     -03|002.2|z',
  ],
  [
    `{{ '{:09,}|{:012_.2f}|{:#x}|{:_b}|{:#.3g}|{:.0}|{:05}|{:0<6}'.format(1, 1234.5, 255, 37, 2.0, -0.0, 'ab', 7) }}`,
    () =>
      call(
        '{:09,}|{:012_.2f}|{:#x}|{:_b}|{:#.3g}|{:.0}|{:05}|{:0<6}',
        'format',
        1,
        1234.5,
        255,
        37,
        makeFloat(2),
        makeFloat(-0),
        'ab',
        7,
      ),
    '0,000,001|0_001_234.50|0xff|10_0101|2.00|-0e+00|ab000|700000',
  ],
  [`{{ '%c' % 'ab' }}`, () => binaryOp('%', '%c', 'ab'), 'ERR: %c requires int or char'],
] satisfies Case[]);

const undef = new Undefined('missing');
cases('undefined values, hashing and argument checks', [
  [
    `{{ ['a', 'b']|map('center', width=3)|list }}|{{ 'www.foo.com! www.bar.org/x'|urlize }}|{{ 2 ** 64 }}`,
    () =>
      all(
        F('map', ['a', 'b'], 'center', new Kwargs({ width: 3 })),
        F('urlize', 'www.foo.com! www.bar.org/x'),
        binaryOp('**', 2, 64),
      ),
    '[\' a \', \' b \']|www.foo.com! <a href="https://www.bar.org/x" rel="noopener">www.bar.org/x</a>|18446744073709551616',
  ],
  [`{{ [1] in {'a': 1} }}`, () => compare('in', [1], { a: 1 }), "ERR: unhashable type: 'list'"],
  [
    `{{ '{:>10}'.format(none) }}`,
    () => call('{:>10}', 'format', null),
    'ERR: unsupported format string passed to NoneType.__format__',
  ],
  [
    `{{ ['\x00', '\u200b', '\u00a0', '\x1b', 'é'] }}`,
    () => ['\x00', '\u200b', '\u00a0', '\x1b', 'é'],
    "['\\x00', '\\u200b', '\\xa0', '\\x1b', 'é']",
  ],
  [`{{ missing|int }}`, () => F('int', undef), "ERR: 'missing' is undefined"],
  [`{{ missing|dictsort }}`, () => F('dictsort', undef), "ERR: 'missing' is undefined"],
  [
    `{{ missing|tojson }}`,
    () => F('tojson', undef),
    'ERR: Object of type Undefined is not JSON serializable',
  ],
  [`{{ missing|round }}`, () => F('round', undef), "ERR: type Undefined doesn't define __round__ method"],
  [
    `{{ missing is sequence }} {{ missing is callable }} {{ missing is iterable }} {{ missing is mapping }}`,
    () =>
      [
        tests.sequence!(ctx, undef),
        tests.callable!(ctx, undef),
        tests.iterable!(ctx, undef),
        tests.mapping!(ctx, undef),
      ]
        .map((b) => toStr(b))
        .join(' '),
    'True True True False',
  ],
  [`{{ 4 is divisibleby 0 }}`, () => tests.divisibleby!(ctx, 4, 0), 'ERR: integer modulo by zero'],
  [
    `{{ none is even }}`,
    () => tests.even!(ctx, null),
    "ERR: unsupported operand type(s) for %: 'NoneType' and 'int'",
  ],
  [
    `{{ [1, 2]|batch() }}`,
    () => F('batch', [1, 2]),
    "ERR: do_batch() missing 1 required positional argument: 'linecount'",
  ],
  [
    `{{ 'x'|center(1.0) }}`,
    () => F('center', 'x', makeFloat(1)),
    "ERR: 'float' object cannot be interpreted as an integer",
  ],
  [`{{ [1, 2]|slice(0)|list }}`, () => F('slice', [1, 2], 0), 'ERR: integer division or modulo by zero'],
  [
    `{{ d.0 }}|{{ d['0'] }}|{{ 42|urlencode }}`,
    () => {
      const d = { '0': 'zero' };
      return all(getItem(d, 0, ctx), getItem(d, '0', ctx), F('urlencode', 42));
    },
    '|zero|42',
  ],
] satisfies Case[]);

cases('slices of non-sequences, text wrapping, argument errors', [
  [
    `{{ 5[1:2] }}|{{ none[1:2] }}|{{ 'abc'['a':] }}|{{ 'well-known x-y-z a--b'|wordwrap(6) }}|{{ 'ab 😀😀😀 cd'|wordwrap(3) }}`,
    () =>
      all(
        getSlice(5, 1, 2, null),
        getSlice(null, 1, 2, null),
        getSlice('abc', 'a', null, null),
        F('wordwrap', 'well-known x-y-z a--b', 6),
        F('wordwrap', 'ab 😀😀😀 cd', 3),
      ),
    '|||well-\nknown\nx-y-z\na--b|ab\n😀😀😀\ncd',
  ],
  [
    `{{ '{:.2d}'.format(1) }}`,
    () => call('{:.2d}', 'format', 1),
    'ERR: Precision not allowed in integer format specifier',
  ],
  [
    `{{ '%(a)s %s' % {'a': 1} }}`,
    () => binaryOp('%', '%(a)s %s', { a: 1 }),
    'ERR: not enough arguments for format string',
  ],
  [
    `{{ [1, 2].pop('a') }}`,
    () => call([1, 2], 'pop', 'a'),
    "ERR: 'str' object cannot be interpreted as an integer",
  ],
  [`{{ {'a': 1}.get() }}`, () => call({ a: 1 }, 'get'), 'ERR: get expected at least 1 argument, got 0'],
  [`{{ 1|truncate }}`, () => F('truncate', 1), "ERR: object of type 'int' has no len()"],
  [`{{ 'x'|wordwrap(0) }}`, () => F('wordwrap', 'x', 0), 'ERR: invalid width 0 (must be > 0)'],
] satisfies Case[]);

cases('float signs and overflow', [
  [
    `{{ 7 % (2 * -0.5) }}|{{ -(false) * 3.0 }}|{{ 0 * -1 * 1.5 }}|{{ 0 // -5 }}|{{ 'x y' % [1, 2] }}`,
    () =>
      all(
        binaryOp('%', 7, binaryOp('*', 2, -0.5)),
        binaryOp('*', unaryOp('-', false), makeFloat(3)),
        binaryOp('*', binaryOp('*', 0, -1), 1.5),
        binaryOp('//', 0, -5),
        binaryOp('%', 'x y', [1, 2]),
      ),
    '-0.0|0.0|0.0|0|x y',
  ],
  [
    `{{ 2.5 ** 1e20 }}`,
    () => binaryOp('**', 2.5, makeFloat(1e20)),
    "ERR: (34, 'Numerical result out of range')",
  ],
] satisfies Case[]);

cases('sorting by missing attributes, falsy inputs to map and select', [
  [
    `{{ ['b', 'a']|sort(attribute='age') }}|{{ none|map('upper')|list }}|{{ none|select|list }}|{{ 0|reject|list }}`,
    () =>
      all(
        F('sort', ['b', 'a'], new Kwargs({ attribute: 'age' })),
        F('map', null, 'upper'),
        F('select', null),
        F('reject', 0),
      ),
    "['b', 'a']|[]|[]|[]",
  ],
  [
    `{{ ['b', 'a']|groupby('age') }}`,
    () => F('groupby', ['b', 'a'], 'age'),
    "ERR: 'str object' has no attribute 'age'",
  ],
  [
    `{{ [{'a': 1}, {'a': 1}]|unique|list }}`,
    () => F('unique', [{ a: 1 }, { a: 1 }]),
    "ERR: unhashable type: 'dict'",
  ],
] satisfies Case[]);

const longWords = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho';
cases('pprint layout', [
  [
    `{{ {'zeta': [1, 2, 3], 'alpha': {'name': 'a long enough value to wrap', 'other': 'another long value'}, 'beta': ('x',)}|pprint }}`,
    () =>
      F('pprint', {
        zeta: [1, 2, 3],
        alpha: { name: 'a long enough value to wrap', other: 'another long value' },
        beta: makeTuple(['x']),
      }),
    "{'alpha': {'name': 'a long enough value to wrap',\n           'other': 'another long value'},\n 'beta': ('x',),\n 'zeta': [1, 2, 3]}",
  ],
  [
    `{{ 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho'|pprint }}`,
    () => F('pprint', longWords),
    "('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi '\n 'omicron pi rho')",
  ],
  [
    `{{ ['alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho', 1]|pprint }}`,
    () => F('pprint', [longWords, 1]),
    "['alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi '\n 'omicron pi rho',\n 1]",
  ],
] satisfies Case[]);
