/**
 * fast-check arbitraries for the Jinja property test: random templates from a small grammar of
 * Jinja fragments (valid and broken), and random mutations of existing templates.
 * Sizes stay small on purpose: loops only iterate literals or range() of a small literal, and
 * there is no `**`, so every well-behaved render finishes in milliseconds.
 */
import fc from 'fast-check';

/** The context every generated template renders with (plain JSON values). */
export const PROPERTY_CONTEXT: Record<string, unknown> = {
  x: 3,
  y: 'str',
  f: 2.5,
  n: null,
  s: 'a,b,c',
  items: [1, 2, 3],
  words: ['b', 'A', 'c'],
  d: { a: 1, b: [1, 2], c: { k: 'v' } },
  rows: [
    { name: 'r1', v: 1, tag: 't' },
    { name: 'r2', v: 2, tag: 'u' },
  ],
};

const NAMES = 'x y f n s items words d rows missing loop ns v k m'.split(' ');
const FILTERS = (
  'abs attr batch capitalize center default d dictsort escape e first float format groupby ' +
  'indent int items join last length count list lower map max min pprint reject rejectattr ' +
  'replace reverse round safe select selectattr slice sort string sum title tojson trim ' +
  'truncate unique upper urlencode wordcount wordwrap xmlattr no_such_filter'
).split(' ');
const TESTS = (
  'defined undefined none string number integer float mapping iterable sequence callable ' +
  'true false eq ne lt gt divisibleby even odd lower upper in sameas no_such_test'
).split(' ');
// No list-mutating methods: `{% for v in items %}{% do items.append(v) %}` never ends in Jinja2 either.
const ATTRS = 'upper lower split items keys get a name length index first'.split(' ');
const BINARY_OPS = ['+', '-', '*', '/', '//', '%', '~', '==', '!=', '<', '>=', 'in', 'not in', 'and', 'or'];

/** Fragments that break the syntax in the usual ways. */
export const BROKEN_PIECES = [
  '{{',
  '{%',
  '}}',
  '%}',
  '{#',
  '#}',
  '{% endif %}',
  '{% endfor %}',
  '{% else %}',
  '{% for %}',
  '{{ 1 + }}',
  '{% if %}',
  '{% raw %}',
  '{% endraw %}',
  '{{ (',
  ')',
  ']',
  '|',
  '{% set %}',
  '{% macro %}',
  '{{ x|nope }}',
  '{% unknown_tag %}',
  '{{ x is nope }}',
  "{{ 'unclosed }}",
  '{%- -%}',
  '{{ , }}',
  '{% endmacro %}',
  '{% break %}',
];

const intLit = fc.integer({ min: -20, max: 20 }).map(String);
const atom = fc.oneof(
  intLit,
  fc.constantFrom('0.5', '1.0', '-2.25', '1e3', '0.1'),
  fc.constantFrom("'a'", '"b c"', "''", "'%s'", "'{}'", "'it\\'s'", '"x\\ny"', "'é'", "'a,b'"),
  fc.constantFrom('none', 'true', 'false', 'None', 'True'),
  fc.constantFrom(...NAMES),
);

const { expr } = fc.letrec<{ expr: string; compound: string }>((tie) => ({
  expr: fc.oneof({ maxDepth: 3 }, atom, tie('compound')),
  compound: fc.oneof(
    fc.tuple(tie('expr'), fc.constantFrom(...BINARY_OPS), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc
      .tuple(tie('expr'), fc.constantFrom(...FILTERS), fc.option(fc.array(atom, { maxLength: 2 })))
      .map(([a, f, args]) => (args === null ? `${a}|${f}` : `${a}|${f}(${args.join(', ')})`)),
    fc
      .tuple(tie('expr'), fc.boolean(), fc.constantFrom(...TESTS), fc.option(atom))
      .map(([a, not, t, arg]) => `${a} is ${not ? 'not ' : ''}${t}${arg === null ? '' : `(${arg})`}`),
    tie('expr').map((a) => `(${a})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.tuple(atom, tie('expr')).map(([k, v]) => `{${k}: ${v}}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a}[${b}]`),
    fc
      .tuple(tie('expr'), fc.option(intLit), fc.option(intLit))
      .map(([a, i, j]) => `${a}[${i ?? ''}:${j ?? ''}]`),
    fc.tuple(tie('expr'), fc.constantFrom(...ATTRS)).map(([a, name]) => `${a}.${name}`),
    fc.tuple(tie('expr'), fc.array(atom, { maxLength: 2 })).map(([a, args]) => `${a}(${args.join(', ')})`),
    fc.array(intLit, { minLength: 1, maxLength: 3 }).map((args) => `range(${args.join(', ')})`),
    fc.tuple(fc.constantFrom('dict', 'namespace', 'cycler', 'joiner'), atom).map(([f, a]) => `${f}(k=${a})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} if ${b} else ${c}`),
    fc.tuple(fc.constantFrom('not ', '-', '+'), tie('expr')).map(([op, a]) => `${op}${a}`),
    fc
      .tuple(fc.constantFrom("'%s-%s' % ", "'{}|{}'.format"), tie('expr'), tie('expr'))
      .map(([head, a, b]) => `${head}(${a}, ${b})`),
  ),
}));

/** What a for loop may iterate: never anything that can grow beyond a few dozen items. */
const iterable = fc.oneof(
  fc.constantFrom('items', 'words', 'd', 'rows', 's', 'missing', "'abc'", 'd.items()', 'rows|groupby("tag")'),
  fc.integer({ min: -3, max: 12 }).map((k) => `range(${k})`),
  fc.array(atom, { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
);

const text = fc.constantFrom('text', ' ', '\n', 'a b', '{', '}', '%', '#', '-', '  \n  ', 'select 1');
const dash = fc.constantFrom('', '-');

const { template } = fc.letrec<{ template: string; stmt: string }>((tie) => {
  const body = fc.array(tie('stmt'), { maxLength: 3 }).map((xs) => xs.join(''));
  return {
    template: fc.array(tie('stmt'), { minLength: 1, maxLength: 5 }).map((xs) => xs.join('')),
    stmt: fc.oneof(
      { maxDepth: 2 },
      text,
      fc.tuple(dash, expr, dash).map(([l, e, r]) => `{{${l} ${e} ${r}}}`),
      fc.constantFrom(...BROKEN_PIECES),
      fc
        .tuple(dash, expr, body, fc.option(fc.tuple(expr, body)), fc.option(body), dash)
        .map(
          ([l, c, b, elif, els, r]) =>
            `{%${l} if ${c} %}${b}${elif === null ? '' : `{% elif ${elif[0]} %}${elif[1]}`}${els === null ? '' : `{% else %}${els}`}{% endif ${r}%}`,
        ),
      fc
        .tuple(fc.constantFrom('v', 'k, v', '(k, v)'), iterable, fc.option(expr), dash, body, fc.option(body))
        .map(
          ([t, it, cond, r, b, els]) =>
            `{% for ${t} in ${it}${cond === null ? '' : ` if ${cond}`} ${r}%}${b}${els === null ? '' : `{% else %}${els}`}{% endfor %}`,
        ),
      fc.constantFrom(
        '{% break %}',
        '{% continue %}',
        '{{ loop.index }}',
        '{{ loop.cycle(1, 2) }}',
        '{{ loop.last }}',
      ),
      fc.tuple(fc.constantFrom('v', 'k, v', 'ns.a', 'x'), expr).map(([t, e]) => `{% set ${t} = ${e} %}`),
      fc
        .tuple(fc.constantFrom('', ' | upper', ' | trim'), body)
        .map(([f, b]) => `{% set blk${f} %}${b}{% endset %}`),
      fc.constant('{% set ns = namespace(a=0) %}'),
      fc
        .tuple(body, expr)
        .map(
          ([b, arg]) =>
            `{% macro m(a, b=1) %}${b}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(${arg}) }}`,
        ),
      fc.tuple(expr, body).map(([arg, b]) => `{% call(z) m(${arg}) %}${b}{{ z }}{% endcall %}`),
      fc
        .tuple(fc.constantFrom('upper', 'trim', 'indent(2)', 'no_such_filter'), body)
        .map(([f, b]) => `{% filter ${f} %}${b}{% endfilter %}`),
      fc.tuple(expr, body).map(([e, b]) => `{% with w = ${e} %}${b}{{ w }}{% endwith %}`),
      expr.map((e) => `{% do ${e} %}`),
      body.map((b) => `{% raw %}${b}{% endraw %}`),
      body.map((b) => `{# ${b} #}`),
      fc.constantFrom(
        "{% include 'include/header.partial' %}",
        "{% include 'include/missing.partial' ignore missing %}",
        "{% import 'import/macros.partial' as lib %}{{ lib.quote(x) }}",
        "{% from 'import/macros.partial' import column_list %}{{ column_list(items) }}",
        "{% include 'no/such.partial' %}",
      ),
    ),
  };
});

/** A random template from the fragment grammar. */
export const randomTemplate: fc.Arbitrary<string> = template;

type Mutation = { kind: string; at: number; piece: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(
    'delete-char',
    'duplicate-char',
    'swap-chars',
    'delete-token',
    'duplicate-token',
    'swap-tokens',
    'truncate',
    'insert-piece',
  ),
  at: fc.nat(),
  piece: fc.constantFrom(...BROKEN_PIECES),
});

const TOKEN = /\{\{-?|-?\}\}|\{%-?|-?%\}|\{#|#\}|\w+|\s+|[^\w\s]/g;

function applyMutation(source: string, m: Mutation): string {
  if (m.kind.endsWith('-token')) {
    const tokens = source.match(TOKEN) ?? [];
    if (tokens.length === 0) return source;
    const i = m.at % tokens.length;
    if (m.kind === 'delete-token') tokens.splice(i, 1);
    else if (m.kind === 'duplicate-token') tokens.splice(i, 0, tokens[i]!);
    else if (i + 1 < tokens.length) [tokens[i], tokens[i + 1]] = [tokens[i + 1]!, tokens[i]!];
    return tokens.join('');
  }
  const i = source.length === 0 ? 0 : m.at % source.length;
  switch (m.kind) {
    case 'delete-char':
      return source.slice(0, i) + source.slice(i + 1);
    case 'duplicate-char':
      return source.slice(0, i + 1) + source.slice(i);
    case 'swap-chars':
      return source.slice(0, i) + source.slice(i + 1, i + 2) + source.slice(i, i + 1) + source.slice(i + 2);
    case 'truncate':
      return source.slice(0, i);
    default:
      return source.slice(0, i) + m.piece + source.slice(i);
  }
}

/**
 * Keep mutants cheap to render: long numbers (a mutated `range(10)` becoming `range(1000000)`)
 * shrink to 99 and `**` becomes `*`. What remains is still arbitrary syntax.
 */
export function keepSmall(source: string): string {
  return source.replace(/\d{3,}/g, '99').replace(/\*\*/g, '*');
}

/** A source with the context it renders with. */
export interface TemplateCase {
  source: string;
  context: Record<string, unknown>;
}

/** A case from `cases` (rendered with its own context) after 1 to 4 random character/token mutations. */
export function mutatedTemplate(cases: readonly TemplateCase[]): fc.Arbitrary<TemplateCase> {
  return fc
    .tuple(fc.nat({ max: cases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([index, mutations]) => {
      const chosen = cases[index]!;
      return { source: keepSmall(mutations.reduce(applyMutation, chosen.source)), context: chosen.context };
    });
}
