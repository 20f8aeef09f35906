import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  binaryOp,
  compare,
  makeTuple,
  PyFloat,
  pyEquals,
  toStr,
  Undefined,
  unaryOp,
} from '../../../src/jinja/value/index.js';
import { type Case, cases } from './harness.js';

const f = (n: number) => new PyFloat(n);
const t = makeTuple;
const op = binaryOp;
const all = (...values: unknown[]) => values.map((v) => toStr(v)).join(' ');

cases('binaryOp', [
  [
    `{{ 1 + 2 }} {{ 1 + 2.0 }} {{ 0.5 + 0.5 }} {{ true + 1 }}`,
    () => all(op('+', 1, 2), op('+', 1, f(2)), op('+', 0.5, 0.5), op('+', true, 1)),
    '3 3.0 1.0 2',
  ],
  [
    `{{ 'a' + 'b' }}{{ [1] + [2] }}{{ (1,) + (2,) }}`,
    () => toStr(op('+', 'a', 'b')) + toStr(op('+', [1], [2])) + toStr(op('+', t([1]), t([2]))),
    'ab[1, 2](1, 2)',
  ],
  [`{{ (1,) + (2,) }}`, () => op('+', t([1]), t([2])), '(1, 2)'],
  [`{{ 'a' + 1 }}`, () => op('+', 'a', 1), 'ERR: can only concatenate str (not "int") to str'],
  [`{{ 1 + 'a' }}`, () => op('+', 1, 'a'), "ERR: unsupported operand type(s) for +: 'int' and 'str'"],
  [`{{ [1] + (1,) }}`, () => op('+', [1], t([1])), 'ERR: can only concatenate list (not "tuple") to list'],
  [
    `{{ 5 - 7 }} {{ 5 - 0.5 }} {{ 2.5 - 0.5 }}`,
    () => all(op('-', 5, 7), op('-', 5, 0.5), op('-', 2.5, 0.5)),
    '-2 4.5 2.0',
  ],
  [
    `{{ 'ab' * 3 }} {{ 2 * 'x' }} {{ [1, 2] * 2 }} {{ 'a' * 0 }}|`,
    () => `${all(op('*', 'ab', 3), op('*', 2, 'x'), op('*', [1, 2], 2), op('*', 'a', 0))}|`,
    'ababab xx [1, 2, 1, 2] |',
  ],
  [`{{ 'a' * 1.5 }}`, () => op('*', 'a', 1.5), "ERR: can't multiply sequence by non-int of type 'float'"],
  [
    `{{ 4 / 2 }} {{ 1 / 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7.5 // 2 }}`,
    () => all(op('/', 4, 2), op('/', 1, 3), op('//', 7, 2), op('//', -7, 2), op('//', 7.5, 2)),
    '2.0 0.3333333333333333 3 -4 3.0',
  ],
  [`{{ 1 / 0 }}`, () => op('/', 1, 0), 'ERR: division by zero'],
  [`{{ 1 // 0 }}`, () => op('//', 1, 0), 'ERR: integer division or modulo by zero'],
  [`{{ 1 % 0 }}`, () => op('%', 1, 0), 'ERR: integer modulo by zero'],
  [
    `{{ -7 % 3 }} {{ 7 % -3 }} {{ 7.5 % -2 }} {{ 6 % 3.0 }}`,
    () => all(op('%', -7, 3), op('%', 7, -3), op('%', 7.5, -2), op('%', 6, f(3))),
    '2 -2 -0.5 0.0',
  ],
  [
    `{{ 2 ** 10 }} {{ 2 ** -1 }} {{ 2 ** 0.5 }} {{ 2.0 ** 2 }}`,
    () => all(op('**', 2, 10), op('**', 2, -1), op('**', 2, 0.5), op('**', f(2), 2)),
    '1024 0.5 1.4142135623730951 4.0',
  ],
  [`{{ 0 ** -1 }}`, () => op('**', 0, -1), 'ERR: 0.0 cannot be raised to a negative power'],
  [
    `{{ 'a' ~ 1 ~ none ~ 1.0 ~ [1] }}`,
    () => op('~', op('~', op('~', op('~', 'a', 1), null), f(1)), [1]),
    'a1None1.0[1]',
  ],
  [`{{ 'a' - 1 }}`, () => op('-', 'a', 1), "ERR: unsupported operand type(s) for -: 'str' and 'int'"],
  [`{{ y + 1 }}`, () => op('+', new Undefined('y'), 1), "ERR: 'y' is undefined"],
  [
    `{{ -(3) }} {{ -(2.5) }} {{ -(1.0) }} {{ +(4) }} {{ not 0 }} {{ not [1] }}`,
    () =>
      all(
        unaryOp('-', 3),
        unaryOp('-', 2.5),
        unaryOp('-', f(1)),
        unaryOp('+', 4),
        unaryOp('not', 0),
        unaryOp('not', [1]),
      ),
    '-3 -2.5 -1.0 4 True False',
  ],
  [`{{ -'a' }}`, () => unaryOp('-', 'a'), "ERR: bad operand type for unary -: 'str'"],
] satisfies Case[]);

cases('percent format', [
  [`{{ '%s and %r' % ('a', 'b') }}`, () => op('%', '%s and %r', t(['a', 'b'])), "a and 'b'"],
  [
    `{{ '%d|%i|%5d|%-5d|%05d|%+d' % (3.7, 2, 42, 42, 42, 42) }}`,
    () => op('%', '%d|%i|%5d|%-5d|%05d|%+d', t([3.7, 2, 42, 42, 42, 42])),
    '3|2|   42|42   |00042|+42',
  ],
  [
    `{{ '%f|%.2f|%8.3f|%e|%.3g|%g|%G' % (1.5, 2.675, 3.14258, 12345.678, 0.000012345, 1e20, 1e-10) }}`,
    () =>
      op(
        '%',
        '%f|%.2f|%8.3f|%e|%.3g|%g|%G',
        t([1.5, 2.675, 3.14258, 12345.678, 0.000012345, f(1e20), 1e-10]),
      ),
    '1.500000|2.67|   3.143|1.234568e+04|1.23e-05|1e+20|1E-10',
  ],
  [
    `{{ '%x|%X|%o|%#x|%c|%%|%5s|%-5s|' % (255, 255, 8, 255, 65, 'ab', 'ab') }}`,
    () => op('%', '%x|%X|%o|%#x|%c|%%|%5s|%-5s|', t([255, 255, 8, 255, 65, 'ab', 'ab'])),
    'ff|FF|10|0xff|A|%|   ab|ab   |',
  ],
  [
    `{{ '%(a)s-%(b)05.1f' % {'a': 'x', 'b': 2.25} }}`,
    () => op('%', '%(a)s-%(b)05.1f', { a: 'x', b: 2.25 }),
    'x-002.2',
  ],
  [`{{ 'v=%s' % [1, 2] }}`, () => op('%', 'v=%s', [1, 2]), 'v=[1, 2]'],
  [`{{ '%s %s' % ('a',) }}`, () => op('%', '%s %s', t(['a'])), 'ERR: not enough arguments for format string'],
  [
    `{{ '%s' % ('a', 'b') }}`,
    () => op('%', '%s', t(['a', 'b'])),
    'ERR: not all arguments converted during string formatting',
  ],
  [`{{ '%d' % 'a' }}`, () => op('%', '%d', 'a'), 'ERR: %d format: a real number is required, not str'],
  [`{{ '%.1s|%s' % ('abc', none) }}`, () => op('%', '%.1s|%s', t(['abc', null])), 'a|None'],
] satisfies Case[]);

cases('compare', [
  [
    `{{ 1 == 1.0 }} {{ [1, 'a'] == [1.0, 'a'] }} {{ {'a': 1} == {'a': 1.0} }} {{ none == none }} {{ (1,) == [1] }}`,
    () =>
      all(
        compare('==', 1, f(1)),
        compare('==', [1, 'a'], [f(1), 'a']),
        compare('==', new Map([['a', 1]]), { a: f(1) }),
        compare('==', null, undefined),
        compare('==', t([1]), [1]),
      ),
    'True True True True False',
  ],
  [
    `{{ 1 < 2.5 }} {{ 'a' < 'b' }} {{ 'B' < 'a' }} {{ [1, 2] < [1, 3] }} {{ [1] < [1, 0] }} {{ 2 >= 2 }}`,
    () =>
      all(
        compare('<', 1, 2.5),
        compare('<', 'a', 'b'),
        compare('<', 'B', 'a'),
        compare('<', [1, 2], [1, 3]),
        compare('<', [1], [1, 0]),
        compare('>=', 2, 2),
      ),
    'True True True True True True',
  ],
  [
    `{{ 'abc' < 1 }}`,
    () => compare('<', 'abc', 1),
    "ERR: '<' not supported between instances of 'str' and 'int'",
  ],
  [
    `{{ 'b' in 'abc' }} {{ 1 in [1.0] }} {{ 'a' in {'a': 1} }} {{ 'z' not in ['a'] }} {{ 1 in {1.0: 'x'} }}`,
    () =>
      all(
        compare('in', 'b', 'abc'),
        compare('in', 1, [f(1)]),
        compare('in', 'a', { a: 1 }),
        compare('not in', 'z', ['a']),
        compare('in', 1, new Map([[1, 'x']])),
      ),
    'True True True True True',
  ],
  [
    `{{ 1 in 'abc' }}`,
    () => compare('in', 1, 'abc'),
    "ERR: 'in <string>' requires string as left operand, not int",
  ],
  [`{{ 'x' in none }}`, () => compare('in', 'x', null), "ERR: argument of type 'NoneType' is not iterable"],
] satisfies Case[]);

test('pyEquals: undefined equals only undefined; NaN is not equal to itself', () => {
  assert.equal(pyEquals(new Undefined('a'), new Undefined('b')), true);
  assert.equal(pyEquals(new Undefined('a'), null), false);
  assert.equal(pyEquals(Number.NaN, Number.NaN), false);
  assert.equal(pyEquals(true, 1), true);
});
