import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JinjaRuntimeError } from '../../../src/jinja/errors.js';
import {
  getAttr,
  getItem,
  getSlice,
  Kwargs,
  makeTuple,
  Namespace,
  PyFloat,
  toStr,
  Undefined,
  undefinedMessage,
} from '../../../src/jinja/value/index.js';
import { type Case, cases, ctx } from './harness.js';

type Fn = (...args: unknown[]) => unknown;
/** `obj.name(args)` as the evaluator would run it. */
const call = (obj: unknown, name: string, ...args: unknown[]) => (getAttr(obj, name, ctx) as Fn)(...args);
const kw = (values: Record<string, unknown>) => new Kwargs(values);
const all = (...values: unknown[]) => values.map((v) => toStr(v)).join('|');

cases('str methods', [
  [
    `{{ ' a b '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '  a'.lstrip() }}|{{ 'a..'.rstrip('.') }}`,
    () =>
      all(
        call(' a b ', 'strip'),
        call('xxaxx', 'strip', 'x'),
        call('  a', 'lstrip'),
        call('a..', 'rstrip', '.'),
      ),
    'a b|a|a|a',
  ],
  [
    `{{ 'a,b,,c'.split(',') }}{{ ' a  b '.split() }}{{ 'a,b,c'.split(',', 1) }}{{ 'a b c'.rsplit(' ', 1) }}{{ ' a b c '.rsplit(None, 1) }}`,
    () =>
      [
        call('a,b,,c', 'split', ','),
        call(' a  b ', 'split'),
        call('a,b,c', 'split', ',', 1),
        call('a b c', 'rsplit', ' ', 1),
        call(' a b c ', 'rsplit', null, 1),
      ]
        .map((v) => toStr(v))
        .join(''),
    "['a', 'b', '', 'c']['a', 'b']['a', 'b,c']['a b', 'c'][' a b', 'c']",
  ],
  [
    `{{ 'a\\nb\\r\\nc\\n'.splitlines() }}{{ 'x\\ny'.splitlines(True) }}`,
    () => toStr(call('a\nb\r\nc\n', 'splitlines')) + toStr(call('x\ny', 'splitlines', true)),
    "['a', 'b', 'c']['x\\n', 'y']",
  ],
  [
    `{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'abc'.replace('', '-') }}|{{ 'a-b'.replace('-', '_') }}`,
    () =>
      all(
        call('aaa', 'replace', 'a', 'b', 2),
        call('abc', 'replace', '', '-'),
        call('a-b', 'replace', '-', '_'),
      ),
    'bba|-a-b-c-|a_b',
  ],
  [
    `{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith(('x', 'c')) }}|{{ 'abc'.startswith('b', 1) }}`,
    () =>
      all(
        call('abc', 'startswith', 'ab'),
        call('abc', 'endswith', makeTuple(['x', 'c'])),
        call('abc', 'startswith', 'b', 1),
      ),
    'True|True|True',
  ],
  [
    `{{ '{} {name} {0:>5} {1:.2f}'.format('a', 3.14258, name='n') }}`,
    () => call('{} {name} {0:>5} {1:.2f}', 'format', 'a', 3.14258, kw({ name: 'n' })),
    'ERR: cannot switch from automatic field numbering to manual field specification',
  ],
  [
    `{{ '{:<6}|{:^7}|{:*>6}|{:+d}|{:,}|{:08.3f}|{:x}|{:#b}|{:.1%}|{:e}|{!r}|{{}}'.format('ab', 'mid', 'r', 5, 1234567, -3.14258, 255, 5, 0.256, 12345.6789, 'q') }}`,
    () =>
      call(
        '{:<6}|{:^7}|{:*>6}|{:+d}|{:,}|{:08.3f}|{:x}|{:#b}|{:.1%}|{:e}|{!r}|{{}}',
        'format',
        'ab',
        'mid',
        'r',
        5,
        1234567,
        -3.14258,
        255,
        5,
        0.256,
        12345.6789,
        'q',
      ),
    "ab    |  mid  |*****r|+5|1,234,567|-003.143|ff|0b101|25.6%|1.234568e+04|'q'|{}",
  ],
  [
    `{{ '{0[a]} {:.3}'.format({'a': 7}, 2.0) }}`,
    () => call('{0[a]} {:.3}', 'format', { a: 7 }, new PyFloat(2)),
    'ERR: cannot switch from manual field specification to automatic field numbering',
  ],
  [
    `{{ '{0[a]} {1[0]} {2:.3} {3:g} {4}'.format({'a': 7}, [9], 2.0, 0.00001, 1.5) }}`,
    () => call('{0[a]} {1[0]} {2:.3} {3:g} {4}', 'format', { a: 7 }, [9], new PyFloat(2), 0.00001, 1.5),
    '7 9 2.0 1e-05 1.5',
  ],
  [
    `{{ '-'.join(['a', 'b']) }}|{{ 'hello wORLD it\\'s'.title() }}|{{ 'hELLO'.capitalize() }}|{{ 'AbC'.swapcase() }}`,
    () =>
      all(
        call('-', 'join', ['a', 'b']),
        call("hello wORLD it's", 'title'),
        call('hELLO', 'capitalize'),
        call('AbC', 'swapcase'),
      ),
    "a-b|Hello World It'S|Hello|aBc",
  ],
  [
    `{{ '-'.join(['a', 1]) }}`,
    () => call('-', 'join', ['a', 1]),
    'ERR: sequence item 1: expected str instance, int found',
  ],
  [
    `{{ 'abcb'.find('b') }}|{{ 'abcb'.rfind('b') }}|{{ 'abc'.find('z') }}|{{ 'abcb'.index('c') }}|{{ 'aaa'.count('a') }}`,
    () =>
      all(
        call('abcb', 'find', 'b'),
        call('abcb', 'rfind', 'b'),
        call('abc', 'find', 'z'),
        call('abcb', 'index', 'c'),
        call('aaa', 'count', 'a'),
      ),
    '1|3|-1|2|3',
  ],
  [`{{ 'abc'.index('z') }}`, () => call('abc', 'index', 'z'), 'ERR: substring not found'],
  [
    `{{ '12'.isdigit() }}|{{ 'ab'.isalpha() }}|{{ 'a1'.isalnum() }}|{{ 'AB1'.isupper() }}|{{ '1'.islower() }}|{{ ' '.isspace() }}|{{ ''.isdigit() }}`,
    () =>
      all(
        call('12', 'isdigit'),
        call('ab', 'isalpha'),
        call('a1', 'isalnum'),
        call('AB1', 'isupper'),
        call('1', 'islower'),
        call(' ', 'isspace'),
        call('', 'isdigit'),
      ),
    'True|True|True|True|False|True|False',
  ],
  [
    `{{ '42'.zfill(5) }}|{{ '-42'.zfill(5) }}|{{ 'ab'.ljust(4, '.') }}|{{ 'ab'.rjust(4) }}|{{ 'ab'.center(5, '*') }}|{{ 'abc'.center(6, '*') }}`,
    () =>
      all(
        call('42', 'zfill', 5),
        call('-42', 'zfill', 5),
        call('ab', 'ljust', 4, '.'),
        call('ab', 'rjust', 4),
        call('ab', 'center', 5, '*'),
        call('abc', 'center', 6, '*'),
      ),
    '00042|-0042|ab..|  ab|**ab*|*abc**',
  ],
  [
    `{{ 'a=b=c'.partition('=') }}{{ 'a=b=c'.rpartition('=') }}{{ 'abc'.partition('x') }}{{ 'ABC'.casefold() }}`,
    () =>
      toStr(call('a=b=c', 'partition', '=')) +
      toStr(call('a=b=c', 'rpartition', '=')) +
      toStr(call('abc', 'partition', 'x')) +
      toStr(call('ABC', 'casefold')),
    "('a', '=', 'b=c')('a=b', '=', 'c')('abc', '', '')abc",
  ],
] satisfies Case[]);

cases('list and dict methods', [
  [
    `{% set l = [3, 1] %}{% do l.append(2) %}{% do l.extend([5]) %}{% do l.insert(0, 9) %}{{ l }} {{ l.pop() }} {{ l.pop(0) }} {{ l }}`,
    () => {
      const l = [3, 1];
      call(l, 'append', 2);
      call(l, 'extend', [5]);
      call(l, 'insert', 0, 9);
      return all(toStr(l), call(l, 'pop'), call(l, 'pop', 0), l).replaceAll('|', ' ');
    },
    '[9, 3, 1, 2, 5] 5 9 [3, 1, 2]',
  ],
  [
    `{% set l = [3, 1, 2, 1] %}{% do l.remove(1) %}{% do l.sort() %}{{ l }}{% do l.sort(reverse=true) %}{{ l }}{% do l.reverse() %}{{ l }} {{ l.index(2) }} {{ l.count(1) }}`,
    () => {
      const l = [3, 1, 2, 1];
      call(l, 'remove', 1);
      call(l, 'sort');
      const a = toStr(l);
      call(l, 'sort', kw({ reverse: true }));
      const b = toStr(l);
      call(l, 'reverse');
      return `${a}${b}${toStr(l)} ${toStr(call(l, 'index', 2))} ${toStr(call(l, 'count', 1))}`;
    },
    '[1, 2, 3][3, 2, 1][1, 2, 3] 1 1',
  ],
  [`{{ [].pop() }}`, () => call([], 'pop'), 'ERR: pop from empty list'],
  [`{{ [1].remove(5) }}`, () => call([1], 'remove', 5), 'ERR: list.remove(x): x not in list'],
  [`{{ [1].index(5) }}`, () => call([1], 'index', 5), 'ERR: 5 is not in list'],
  [
    `{% set d = {'a': 1, 'b': 2} %}{{ d.items() }} {{ d.keys() }} {{ d.values() }} {{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 0) }}`,
    () => {
      const d = { a: 1, b: 2 };
      return all(
        call(d, 'items'),
        call(d, 'keys'),
        call(d, 'values'),
        call(d, 'get', 'a'),
        call(d, 'get', 'z'),
        call(d, 'get', 'z', 0),
      ).replaceAll('|', ' ');
    },
    "dict_items([('a', 1), ('b', 2)]) dict_keys(['a', 'b']) dict_values([1, 2]) 1 None 0",
  ],
  [
    `{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{% do d.update(c=3) %}{{ d }} {{ d.pop('a') }} {{ d.setdefault('e', 5) }} {{ d.popitem() }} {{ d }}`,
    () => {
      const d = new Map<unknown, unknown>([['a', 1]]);
      call(d, 'update', new Map([['b', 2]]));
      call(d, 'update', kw({ c: 3 }));
      return all(
        toStr(d),
        call(d, 'pop', 'a'),
        call(d, 'setdefault', 'e', 5),
        call(d, 'popitem'),
        d,
      ).replaceAll('|', ' ');
    },
    "{'a': 1, 'b': 2, 'c': 3} 1 5 ('e', 5) {'b': 2, 'c': 3}",
  ],
  [`{{ {}.pop('k') }}`, () => call(new Map(), 'pop', 'k'), "ERR: 'k'"],
] satisfies Case[]);

cases('getAttr/getItem/getSlice', [
  [
    `{{ d.a }}|{{ d['b'] }}|{{ d.zz }}|{{ users[0].name }}|{{ users[-1]['age'] }}|{{ users[9] }}|{{ 'abc'[1] }}|{{ 'abc'[-1] }}`,
    () => {
      const d = { a: 1, b: 2 };
      const users = [
        { name: 'bob', age: 3 },
        { name: 'cy', age: 3 },
      ];
      return all(
        getAttr(d, 'a', ctx),
        getItem(d, 'b', ctx),
        getAttr(d, 'zz', ctx),
        getAttr(getItem(users, 0, ctx), 'name', ctx),
        getItem(getItem(users, -1, ctx), 'age', ctx),
        getItem(users, 9, ctx),
        getItem('abc', 1, ctx),
        getItem('abc', -1, ctx),
      );
    },
    '1|2||bob|3||b|c',
  ],
  [
    `{{ 'abcdef'[1:3] }}|{{ 'abcdef'[::-1] }}|{{ 'abcdef'[-2:] }}|{{ [1, 2, 3, 4][::2] }}|{{ [1, 2, 3][5:] }}|{{ (1, 2, 3)[1:] }}|{{ 'abcdef'[4:1:-1] }}`,
    () =>
      all(
        getSlice('abcdef', 1, 3, null),
        getSlice('abcdef', null, null, -1),
        getSlice('abcdef', -2, null, null),
        getSlice([1, 2, 3, 4], null, null, 2),
        getSlice([1, 2, 3], 5, null, null),
        getSlice(makeTuple([1, 2, 3]), 1, null, null),
        getSlice('abcdef', 4, 1, -1),
      ),
    'bc|fedcba|ef|[1, 3]|[]|(2, 3)|edc',
  ],
  [
    `{{ {1: 'one'}[1.0] }}|{{ {'items': 5}['items'] }}|{{ {'items': 5}.items() }}`,
    () => {
      const m = new Map<unknown, unknown>([[1, 'one']]);
      const d = { items: 5 };
      return all(getItem(m, new PyFloat(1), ctx), getItem(d, 'items', ctx), call(d, 'items'));
    },
    "one|5|dict_items([('items', 5)])",
  ],
] satisfies Case[]);

test('getAttr: host objects expose properties and bound methods; plain-object functions win', () => {
  class Relation {
    constructor(readonly schema: string) {}
    render(): string {
      return `"${this.schema}".t`;
    }
  }
  const rel = new Relation('s');
  assert.equal(getAttr(rel, 'schema', ctx), 's');
  assert.equal((getAttr(rel, 'render', ctx) as Fn)(), '"s".t');
  assert.ok(getAttr(rel, 'missing', ctx) instanceof Undefined);
  assert.ok(getAttr(rel, 'constructor', ctx) instanceof Undefined);
  const config = { get: (k: unknown) => `cfg:${k}` };
  assert.equal((getAttr(config, 'get', ctx) as Fn)('x'), 'cfg:x');
  const ns = new Namespace(new Map([['n', 1]]));
  assert.equal(getAttr(ns, 'n', ctx), 1);
});

test('getAttr: undefined raises unless lenient; messages follow Jinja2', () => {
  const u = new Undefined('x');
  assert.throws(
    () => getAttr(u, 'y', ctx),
    (e: unknown) => e instanceof JinjaRuntimeError && e.message === "'x' is undefined",
  );
  assert.equal(getAttr(u, 'y', { ...ctx, undefinedMode: 'lenient' }), u);
  assert.equal(undefinedMessage(getAttr({}, 'k', ctx) as Undefined), "'dict object' has no attribute 'k'");
  assert.equal(undefinedMessage(getAttr(null, 'k', ctx) as Undefined), "'None' has no attribute 'k'");
  assert.equal(undefinedMessage(getItem([1], 5, ctx) as Undefined), 'list object has no element 5');
});
