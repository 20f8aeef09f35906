import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  filters,
  Kwargs,
  Markup,
  makeTuple,
  PyFloat,
  toStr,
  Undefined,
} from '../../../src/jinja/value/index.js';
import { sampleData } from './data.js';
import { type Case, cases, ctx } from './harness.js';

/** `value|name(args)`. */
const F = (name: string, value: unknown, ...args: unknown[]) => filters[name]!(ctx, value, ...args);
const kw = (values: Record<string, unknown>) => new Kwargs(values);
const all = (...values: unknown[]) => values.map((v) => toStr(v)).join('|');
const { users, words, nums, d, text } = sampleData();
const u = new Undefined('x');

cases('filters: strings', [
  [
    `{{ 'hELLo wOrld'|capitalize }}|{{ 'hello-world (x) [y]'|title }}|{{ 'ab'|upper }}|{{ 'AB'|lower }}|{{ 'ab'|center(6) }}|`,
    () =>
      all(
        F('capitalize', 'hELLo wOrld'),
        F('title', 'hello-world (x) [y]'),
        F('upper', 'ab'),
        F('lower', 'AB'),
        F('center', 'ab', 6),
      ) + '|',
    'Hello world|Hello-World (X) [Y]|AB|ab|  ab  |',
  ],
  [
    `{{ text|e }}|{{ text|escape|e }}|{{ text|safe|e }}|{{ text|forceescape }}|{{ none|e }}`,
    () =>
      all(
        F('e', text),
        F('e', F('escape', text)),
        F('e', F('safe', text)),
        F('forceescape', text),
        F('e', null),
      ),
    'Hello &lt;b&gt;World&lt;/b&gt; &amp; &#34;friends&#34;|Hello &lt;b&gt;World&lt;/b&gt; &amp; &#34;friends&#34;|Hello <b>World</b> & "friends"|Hello &lt;b&gt;World&lt;/b&gt; &amp; &#34;friends&#34;|None',
  ],
  [
    `{{ text|striptags }}|{{ '<!-- c --><p>a&amp;b   c</p>'|striptags }}`,
    () => all(F('striptags', text), F('striptags', '<!-- c --><p>a&amp;b   c</p>')),
    'Hello World & "friends"|a&b c',
  ],
  [
    `{{ 'a b'|urlencode }}|{{ 'a/b?c=d&e'|urlencode }}|{{ {'a b': 'c&d', 'n': 1}|urlencode }}|{{ [('k', 'v w')]|urlencode }}`,
    () =>
      all(
        F('urlencode', 'a b'),
        F('urlencode', 'a/b?c=d&e'),
        F('urlencode', { 'a b': 'c&d', n: 1 }),
        F('urlencode', [makeTuple(['k', 'v w'])]),
      ),
    'a%20b|a/b%3Fc%3Dd%26e|a+b=c%26d&n=1|k=v+w',
  ],
  [
    `{{ 'x'|replace('x', 'y') }}|{{ 'aaa'|replace('a', 'b', 2) }}|{{ '  ab  '|trim }}|{{ '--ab-'|trim('-') }}|{{ 'abc'|reverse }}`,
    () =>
      all(
        F('replace', 'x', 'x', 'y'),
        F('replace', 'aaa', 'a', 'b', 2),
        F('trim', '  ab  '),
        F('trim', '--ab-', '-'),
        F('reverse', 'abc'),
      ),
    'y|bba|ab|ab|cba',
  ],
  [
    `{{ 'foo bar baz qux'|truncate(9) }}|{{ 'foo bar baz qux'|truncate(9, true) }}|{{ 'foo bar baz qux'|truncate(11, false, '!', 0) }}|{{ 'short'|truncate(3, leeway=5) }}`,
    () =>
      all(
        F('truncate', 'foo bar baz qux', 9),
        F('truncate', 'foo bar baz qux', 9, true),
        F('truncate', 'foo bar baz qux', 11, false, '!', 0),
        F('truncate', 'short', 3, kw({ leeway: 5 })),
      ),
    'foo...|foo ba...|foo bar!|short',
  ],
  [
    `{{ 'a b, c-d e_f'|wordcount }}|{{ '%s-%s'|format(1, 'x') }}|{{ '%(a)s!'|format(a=2) }}|{{ 'The quick brown fox jumps over the lazy dog'|wordwrap(10) }}`,
    () =>
      all(
        F('wordcount', 'a b, c-d e_f'),
        F('format', '%s-%s', 1, 'x'),
        F('format', '%(a)s!', kw({ a: 2 })),
        F('wordwrap', 'The quick brown fox jumps over the lazy dog', 10),
      ),
    '5|1-x|2!|The quick\nbrown fox\njumps over\nthe lazy\ndog',
  ],
  [
    `{{ 'aaaaaaaaaaaaaa bb well-known-thing x'|wordwrap(5, wrapstring='/') }}|{{ 'abcdefgh ij'|wordwrap(3, false) }}`,
    () =>
      all(
        F('wordwrap', 'aaaaaaaaaaaaaa bb well-known-thing x', 5, kw({ wrapstring: '/' })),
        F('wordwrap', 'abcdefgh ij', 3, false),
      ),
    'aaaaa/aaaaa/aaaa/bb/well-/known/-/thing/x|abcdefgh\nij',
  ],
  [
    `{{ 'a\\nb\\n\\nc'|indent }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'a\\n\\nb\\n'|indent('> ', blank=true) }}|{{ 'a\\n'|indent }}`,
    () =>
      all(
        F('indent', 'a\nb\n\nc'),
        F('indent', 'a\nb', 2, true),
        F('indent', 'a\n\nb\n', '> ', kw({ blank: true })),
        F('indent', 'a\n'),
      ),
    'a\n    b\n\n    c|  a\n  b|a\n> \n> b\n> |a\n',
  ],
  [
    `{{ 1|filesizeformat }}|{{ 999|filesizeformat }}|{{ 1500|filesizeformat }}|{{ 3000000|filesizeformat }}|{{ 2048|filesizeformat(true) }}|{{ 1e30|filesizeformat }}`,
    () =>
      all(
        F('filesizeformat', 1),
        F('filesizeformat', 999),
        F('filesizeformat', 1500),
        F('filesizeformat', 3000000),
        F('filesizeformat', 2048, true),
        F('filesizeformat', new PyFloat(1e30)),
      ),
    '1 Byte|999 Bytes|1.5 kB|3.0 MB|2.0 KiB|1000000.0 YB',
  ],
  [
    `{{ {'class': 'x', 'id': none, 'data-v': '<q>'}|xmlattr }}|{{ {'a': 1}|xmlattr(false) }}`,
    () => all(F('xmlattr', { class: 'x', id: null, 'data-v': '<q>' }), F('xmlattr', { a: 1 }, false)),
    ' class="x" data-v="&lt;q&gt;"|a="1"',
  ],
  [
    `{{ {'b': [1, 2.5, none, true], 'a': '<&\\'>', 'c': 1.0}|tojson }}|{{ [1, {'x': 'é'}]|tojson(2) }}`,
    () =>
      all(
        F('tojson', { b: [1, 2.5, null, true], a: "<&'>", c: new PyFloat(1) }),
        F('tojson', [1, { x: 'é' }], 2),
      ),
    '{"a": "\\u003c\\u0026\\u0027\\u003e", "b": [1, 2.5, null, true], "c": 1.0}|[\n  1,\n  {\n    "x": "\\u00e9"\n  }\n]',
  ],
  [
    `{{ 'see https://x.com/a, or www.y.org.'|urlize }}|{{ 'mail me@x.com'|urlize }}`,
    () => all(F('urlize', 'see https://x.com/a, or www.y.org.'), F('urlize', 'mail me@x.com')),
    'see <a href="https://x.com/a" rel="noopener">https://x.com/a</a>, or <a href="https://www.y.org" rel="noopener">www.y.org</a>.|mail <a href="mailto:me@x.com">me@x.com</a>',
  ],
  [`{{ 'abc'|truncate(2) }}`, () => F('truncate', 'abc', 2), 'ERR: expected length >= 3, got 2'],
  [
    `{{ [1, none]|string }}|{{ 1.0|string }}|{{ x|string }}|{{ {'a': [1]}|pprint }}|{{ 'x'|pprint }}`,
    () =>
      all(
        F('string', [1, null]),
        F('string', new PyFloat(1)),
        F('string', u),
        F('pprint', { a: [1] }),
        F('pprint', 'x'),
      ),
    "[1, None]|1.0||{'a': [1]}|'x'",
  ],
] satisfies Case[]);

cases('filters: numbers', [
  [
    `{{ -3|abs }}|{{ -2.5|abs }}|{{ '42'|int }}|{{ '3.7'|int }}|{{ 'x'|int }}|{{ 'x'|int(7) }}|{{ '0x1A'|int(0, 16) }}|{{ 'ff'|int(base=16) }}|{{ 4.9|int }}|{{ none|int }}`,
    () =>
      all(
        F('abs', -3),
        F('abs', -2.5),
        F('int', '42'),
        F('int', '3.7'),
        F('int', 'x'),
        F('int', 'x', 7),
        F('int', '0x1A', 0, 16),
        F('int', 'ff', kw({ base: 16 })),
        F('int', 4.9),
        F('int', null),
      ),
    '3|2.5|42|3|0|7|26|255|4|0',
  ],
  [
    `{{ '1.5'|float }}|{{ 3|float }}|{{ 'x'|float }}|{{ 'x'|float(1) }}|{{ ' 1e3 '|float }}|{{ true|int }}`,
    () =>
      all(
        F('float', '1.5'),
        F('float', 3),
        F('float', 'x'),
        F('float', 'x', 1),
        F('float', ' 1e3 '),
        F('int', true),
      ),
    '1.5|3.0|0.0|1|1000.0|1',
  ],
  [
    `{{ 3|round }}|{{ 3.7|round }}|{{ 2.5|round }}|{{ 3.5|round }}|{{ 2.675|round(2) }}|{{ 1.25|round(1) }}|{{ 3.14258|round(2, 'floor') }}|{{ 3.1|round(0, 'ceil') }}|{{ -2.5|round }}|{{ 1234.5|round(-2) }}`,
    () =>
      all(
        F('round', 3),
        F('round', 3.7),
        F('round', 2.5),
        F('round', 3.5),
        F('round', 2.675, 2),
        F('round', 1.25, 1),
        F('round', 3.14258, 2, 'floor'),
        F('round', 3.1, 0, 'ceil'),
        F('round', -2.5),
        F('round', 1234.5, -2),
      ),
    '3|4.0|2.0|4.0|2.67|1.2|3.14|4.0|-2.0|1200.0',
  ],
  [`{{ 1.5|round(0, 'x') }}`, () => F('round', 1.5, 0, 'x'), 'ERR: method must be common, ceil or floor'],
  [
    `{{ nums|sum }}|{{ users|sum(attribute='age') }}|{{ [0.5, 1]|sum(start=1) }}|{{ [[1], [2]]|sum(start=[]) }}`,
    () =>
      all(
        F('sum', nums),
        F('sum', users, kw({ attribute: 'age' })),
        F('sum', [0.5, 1], kw({ start: 1 })),
        F('sum', [[1], [2]], kw({ start: [] })),
      ),
    '6|7|2.5|[1, 2]',
  ],
] satisfies Case[]);

cases('filters: collections', [
  [
    `{{ words|sort }}|{{ words|sort(true) }}|{{ words|sort(case_sensitive=true) }}|{{ users|sort(attribute='age,name')|map(attribute='name')|list }}`,
    () =>
      all(
        F('sort', words),
        F('sort', words, true),
        F('sort', words, kw({ case_sensitive: true })),
        F('map', F('sort', users, kw({ attribute: 'age,name' })), kw({ attribute: 'name' })),
      ),
    "['A', 'a', 'b', 'c']|['c', 'b', 'A', 'a']|['A', 'a', 'b', 'c']|['Al', 'bob', 'cy']",
  ],
  [
    `{{ words|unique|list }}|{{ words|unique(true)|list }}|{{ users|unique(attribute='age')|map(attribute='name')|list }}|{{ words|min }}|{{ words|max }}|{{ words|max(case_sensitive=true) }}|{{ users|min(attribute='age') }}|{{ []|max }}`,
    () =>
      all(
        F('unique', words),
        F('unique', words, true),
        F('map', F('unique', users, kw({ attribute: 'age' })), kw({ attribute: 'name' })),
        F('min', words),
        F('max', words),
        F('max', words, kw({ case_sensitive: true })),
        F('min', users, kw({ attribute: 'age' })),
        F('max', []),
      ),
    "['b', 'A', 'c']|['b', 'A', 'c', 'a']|['bob', 'Al']|A|c|c|{'name': 'Al', 'age': 1, 'tags': []}|",
  ],
  [
    `{{ users|groupby('age') }}|{% for g in users|groupby('age') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join(',') }};{% endfor %}|{{ ['b', 'A', 'a']|groupby('0')|map('first')|list }}`,
    () => {
      const groups = F('groupby', users, 'age') as unknown[][];
      return all(
        groups,
        groups
          .map(
            (g) =>
              `${toStr(F('attr', g, 'grouper'))}:${(F('map', F('attr', g, 'list'), kw({ attribute: 'name' })) as string[]).join(',')};`,
          )
          .join(''),
        F('map', F('groupby', ['b', 'A', 'a'], '0'), 'first'),
      );
    },
    "[(1, [{'name': 'Al', 'age': 1, 'tags': []}]), (3, [{'name': 'bob', 'age': 3, 'tags': ['x']}, {'name': 'cy', 'age': 3, 'tags': ['y', 'z']}])]|1:Al;3:bob,cy;|['A', 'b']",
  ],
  [
    `{{ d|dictsort }}|{{ d|dictsort(true) }}|{{ d|dictsort(by='value', reverse=true) }}|{{ d|items|list }}|{{ x|items|list }}`,
    () =>
      all(
        F('dictsort', d),
        F('dictsort', d, true),
        F('dictsort', d, kw({ by: 'value', reverse: true })),
        F('items', d),
        F('items', u),
      ),
    "[('a', 1), ('b', 2), ('C', 3)]|[('C', 3), ('a', 1), ('b', 2)]|[('C', 3), ('b', 2), ('a', 1)]|[('b', 2), ('a', 1), ('C', 3)]|[]",
  ],
  [
    `{{ [1, 2, 3, 4, 5]|batch(2)|list }}|{{ [1, 2, 3]|batch(2, 0)|list }}|{{ [1, 2, 3, 4, 5]|slice(3)|list }}|{{ [1, 2, 3, 4]|slice(3, 'x')|list }}`,
    () =>
      all(
        F('batch', [1, 2, 3, 4, 5], 2),
        F('batch', [1, 2, 3], 2, 0),
        F('slice', [1, 2, 3, 4, 5], 3),
        F('slice', [1, 2, 3, 4], 3, 'x'),
      ),
    "[[1, 2], [3, 4], [5]]|[[1, 2], [3, 0]]|[[1, 2], [3, 4], [5]]|[[1, 2], [3, 'x'], [4, 'x']]",
  ],
  [
    `{{ nums|first }}|{{ nums|last }}|{{ []|first }}|{{ 'abc'|first }}|{{ nums|length }}|{{ d|count }}|{{ 'abc'|list }}|{{ d|list }}|{{ nums|reverse|list }}|{{ nums|join }}|{{ users|join(', ', attribute='name') }}`,
    () =>
      all(
        F('first', nums),
        F('last', nums),
        F('first', []),
        F('first', 'abc'),
        F('length', nums),
        F('count', d),
        F('list', 'abc'),
        F('list', d),
        F('reverse', nums),
        F('join', nums),
        F('join', users, ', ', kw({ attribute: 'name' })),
      ),
    "3|2||a|3|3|['a', 'b', 'c']|['b', 'a', 'C']|[2, 1, 3]|312|bob, Al, cy",
  ],
  [
    `{{ x|default('dflt') }}|{{ ''|default('e') }}|{{ ''|d('e', true) }}|{{ none|default('n') }}|{{ 0|d(5, boolean=true) }}`,
    () =>
      all(
        F('default', u, 'dflt'),
        F('default', '', 'e'),
        F('d', '', 'e', true),
        F('default', null, 'n'),
        F('d', 0, 5, kw({ boolean: true })),
      ),
    'dflt||e|None|5',
  ],
  [
    `{{ words|map('upper')|list }}|{{ nums|map('string')|list }}|{{ users|map(attribute='nick', default='?')|list }}|{{ users|map(attribute='tags.0')|list }}|{{ [1.5, 2.5]|map('round', 0, 'floor')|list }}`,
    () =>
      all(
        F('map', words, 'upper'),
        F('map', nums, 'string'),
        F('map', users, kw({ attribute: 'nick', default: '?' })),
        F('map', users, kw({ attribute: 'tags.0' })),
        F('map', [1.5, 2.5], 'round', 0, 'floor'),
      ),
    "['B', 'A', 'C', 'A']|['3', '1', '2']|['?', '?', '?']|['x', Undefined, 'y']|[1.0, 2.0]",
  ],
  [
    `{{ [0, 1, 2, 3, none, '']|select|list }}|{{ nums|select('odd')|list }}|{{ nums|reject('odd')|list }}|{{ nums|select('>', 1)|list }}|{{ users|selectattr('age', 'equalto', 3)|map(attribute='name')|list }}|{{ users|rejectattr('tags')|map(attribute='name')|list }}|{{ words|select('in', ['a', 'b'])|list }}`,
    () =>
      all(
        F('select', [0, 1, 2, 3, null, '']),
        F('select', nums, 'odd'),
        F('reject', nums, 'odd'),
        F('select', nums, '>', 1),
        F('map', F('selectattr', users, 'age', 'equalto', 3), kw({ attribute: 'name' })),
        F('map', F('rejectattr', users, 'tags'), kw({ attribute: 'name' })),
        F('select', words, 'in', ['a', 'b']),
      ),
    "[1, 2, 3]|[3, 1]|[2]|[3, 2]|['bob', 'cy']|['Al']|['b', 'a']",
  ],
  [
    `{{ users|sort(attribute='tags.0') }}`,
    () => F('sort', users, kw({ attribute: 'tags.0' })),
    'ERR: list object has no element 0',
  ],
  [`{{ nums|map('nope')|list }}`, () => F('map', nums, 'nope'), "ERR: No filter named 'nope'."],
  [`{{ nums|select('nope')|list }}`, () => F('select', nums, 'nope'), "ERR: No test named 'nope'."],
  [
    `{{ users[0]|attr('name') }}|{{ [1]|attr('append') is callable }}|{{ d|attr('items') is callable }}|{{ d|attr('a') }}`,
    () =>
      all(
        F('attr', users[0], 'name'),
        typeof F('attr', [1], 'append') === 'function',
        typeof F('attr', d, 'items') === 'function',
        F('attr', d, 'a'),
      ),
    '|True|True|',
  ],
] satisfies Case[]);

test('filters: map/select stay synchronous unless a called filter or test is async', async () => {
  const asyncCtx = {
    ...ctx,
    filter: (name: string) => (name === 'slow' ? async (_c: unknown, v: unknown) => `<${v}>` : filters[name]),
    test: (name: string) =>
      name === 'slowodd' ? async (_c: unknown, v: unknown) => Number(v) % 2 === 1 : undefined,
  };
  const sync = filters.map!(ctx, ['a'], 'upper');
  assert.deepEqual(sync, ['A']);
  const mapped = filters.map!(asyncCtx, ['a', 'b'], 'slow');
  assert.ok(mapped instanceof Promise);
  assert.deepEqual(await mapped, ['<a>', '<b>']);
  assert.deepEqual(await filters.select!(asyncCtx, [1, 2, 3], 'slowodd'), [1, 3]);
});

test('filters: escape returns Markup and never double-escapes', () => {
  const once = F('escape', '<a>');
  assert.ok(once instanceof Markup);
  assert.equal(F('escape', once), once);
  assert.equal(toStr(F('safe', '<b>')), '<b>');
});
