import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment } from '../../../src/jinja/index.js';

// Expected outputs were produced by Python Jinja2 3.1.6 (with the do and loopcontrols extensions).
const CASES: [source: string, context: Record<string, unknown>, expected: string][] = [
  [
    '{% for x in [1,2,3] %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.cycle("a","b") }}|{% endfor %}',
    {},
    '032TrueFalse3a|121FalseFalse3b|210FalseTrue3a|',
  ],
  [
    '{% for x in [1,1,2] %}{{ loop.changed(x) }}{{ loop.previtem }}{{ loop.nextitem }}|{% endfor %}',
    {},
    'True1|False12|True1|',
  ],
  [
    '{% for x in [{"c":[{"c":[]}]}] recursive %}{{ loop.depth }}{{ loop.depth0 }}{{ loop(x.c) }}{% endfor %}',
    {},
    '1021',
  ],
  ['{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{{ loop.length }}{% else %}none{% endfor %}', {}, '2242'],
  ['{% for x in [] %}a{% else %}empty{% endfor %}', {}, 'empty'],
  ['{% for k, v in {"a": 1, "b": 2}.items() %}{{ k }}={{ v }};{% endfor %}', {}, 'a=1;b=2;'],
  ['{% set a, b = "xy" %}{{ b }}{{ a }}', {}, 'yx'],
  ['{% set x | upper %}abc{% endset %}{{ x }}', {}, 'ABC'],
  [
    '{% if 1: %}a{% elif 2: %}b{% else: %}c{% endif %}{% for x in [1]: %}{{ x }}{% endfor %}{% macro m(): %}m{% endmacro %}{{ m() }}',
    {},
    'a1m',
  ],
  ['  {%- if true %}\n  x\n  {%+ if true %}y{% endif %}\n{% endif -%}\n  z', {}, '\n  x\n  y\nz'],
  ['{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n', {}, '\n  1\n\n  2\n'],
  [
    '{{ 2 + 3 * 4 ** 2 // 3 }} {{ -2 ** 2 }} {{ not 1 == 2 }} {{ 1 ~ (2 + 3) }} {{ "a" in "abc" and 2 not in [1] }} {{ 10 - 2 - 3 }}',
    {},
    '18 4 True 15 True 5',
  ],
  [
    '{{ 1 if 0 else 2 if 0 else 3 }} {{ [1, 2][1:] }} {{ {"a": 1}.a }} {{ (1, 2)[0] }} {{ "x".upper() }} {{ foo.0 }}',
    { foo: [9] },
    '3 [2] 1 1 X 9',
  ],
  ['{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}', {}, '3'],
  ['{% raw %}{{ not }}{% endraw %} {%- raw -%}  {{ a }}  {%- endraw -%} |', {}, '{{ not }}{{ a }}|'],
  ['{% do x.append(1) %}{{ x }}', { x: [] }, '[1]'],
  [
    '{{ "%s=%d"|format("a", 3) }} {{ "a\\tb\\n\\x41\\u00e9" }} {{ \'it\\\'s\' }} {{ "\\d" }}',
    {},
    "a=3 a\tb\nAé it's \\d",
  ],
  [
    '{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}',
    {},
    '3',
  ],
  [
    '{% macro m(a, b) %}{{ a }}{{ b }}{{ varargs }}{% endmacro %}{{ m(1, 2, 3, 4) }}{{ m(1) }}',
    {},
    '12(3, 4)1()',
  ],
  ['{{ 1_000 }} {{ 0x1F }} {{ 1e3 }} {{ 2.50 }} {{ 0b101 }}', {}, '1000 31 1000.0 2.5 5'],
  ['{{ x }}\n', {}, ''],
  [
    '{% filter upper %}a{{ "b" }}{% endfilter %}{% filter replace("A", "z")|upper %}ab{% endfilter %}',
    {},
    'ABAB',
  ],
  [
    '{% for a in [1, 2] %}{% for b in [3] %}{{ loop.index }}{{ a }}{{ b }}{% break %}{% endfor %}{% endfor %}',
    {},
    '113123',
  ],
  ['{% block b %}in block {{ 1 }}{% endblock %}', {}, 'in block 1'],
  ['{{ (1, 2) }} {{ () }} {{ [] }} {{ {} }} {{ (1) }}', {}, '(1, 2) () [] {} 1'],
  ['{% set t = (1,) %}{{ t }}{% set x = 1, 2 %}{{ x }}', {}, '(1,)(1, 2)'],
];

test('statements, loops, scoping and expressions match Jinja2', async () => {
  const env = new Environment();
  for (const [source, context, expected] of CASES) {
    assert.equal(await env.renderString(source, structuredClone(context)), expected, source);
  }
});

test('trim_blocks, lstrip_blocks and keep_trailing_newline are options (off by default)', async () => {
  const src = '{% if true %}\n  x\n  {% endif %}\ny';
  assert.equal(await new Environment().renderString(src), '\n  x\n  \ny');
  assert.equal(await new Environment({ trimBlocks: true, lstripBlocks: true }).renderString(src), '  x\ny');
  assert.equal(await new Environment().renderString('a\n'), 'a');
  assert.equal(await new Environment({ keepTrailingNewline: true }).renderString('a\n'), 'a\n');
  assert.equal(await new Environment().renderString('a\r\nb\r\n'), 'a\nb');
});

test('names first stored at top level start undefined for nested frames (Jinja2 scoping)', async () => {
  const env = new Environment();
  const cases: [string, string][] = [
    ['[{{ x }}]{% set x = 1 %}[{{ x }}]', '[5][1]'],
    ['{% for i in [1, 2] %}[{{ x }}]{% set x = i %}{% endfor %}[{{ x }}]', '[5][5][5]'],
    ['{% for i in [1, 2] %}{% if i == 2 %}{% set x = i %}{% endif %}[{{ x }}]{% endfor %}', '[5][2]'],
    ['{% macro m() %}[{{ x }}]{% endmacro %}{{ m() }}{% set x = 3 %}{{ m() }}', '[][3]'],
    ['{% set y %}[{{ x }}]{% set x = 2 %}{% endset %}{{ y }}[{{ x }}]', '[5][5]'],
    ['{% if false %}{% set x = 7 %}{% else %}{% set x = 8 %}{% endif %}[{{ x }}]', '[8]'],
  ];
  for (const [source, expected] of cases)
    assert.equal(await env.renderString(source, { x: 5 }), expected, source);
});
