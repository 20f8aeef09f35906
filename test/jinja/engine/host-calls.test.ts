import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment, Kwargs, MacroReturn, splitArgs } from '../../../src/jinja/index.js';

const later = <T>(v: T) => new Promise<T>((resolve) => setTimeout(() => resolve(v), 1));

test('async host functions are awaited in expressions, filters, loops and call blocks', async () => {
  const env = new Environment({
    filters: { shout: async (_ctx, v) => `${await later(String(v).toUpperCase())}!` },
  });
  const ctx = {
    fetch: (x: number) => later(x * 2),
    items: () => later(['a', 'b']),
    check: (x: string) => later(x === 'b'),
  };
  const src =
    '{{ fetch(2) + 1 }}|{{ "hi"|shout }}|' +
    '{% for x in items() %}{% if check(x) %}{{ x|shout }}{% endif %}{% endfor %}|' +
    '{% macro wrap() %}<{{ caller(fetch(5)) }}>{% endmacro %}{% call(v) wrap() %}{{ fetch(v) }}{% endcall %}|' +
    '{% set xs = items() %}{{ xs|length }}';
  assert.equal(await env.renderString(src, ctx), '5|HI!|B!|<20>|2');
});

test('host methods keep their object as `this`; keyword arguments arrive as one Kwargs last', async () => {
  const seen: unknown[][] = [];
  class Relation {
    constructor(readonly name: string) {}
    include(...args: unknown[]): string {
      seen.push(args);
      const { kwargs } = splitArgs(args);
      return kwargs.database === false ? this.name : `db.${this.name}`;
    }
  }
  const env = new Environment();
  const out = await env.renderString(
    '{{ this.include(database=false) }} {{ this.include() }} {{ this.name }}',
    {
      this: new Relation('orders'),
    },
  );
  assert.equal(out, 'orders db.orders orders');
  assert.equal(seen.length, 2);
  assert.ok(seen[0]![0] instanceof Kwargs);
  assert.deepEqual((seen[0]![0] as Kwargs).values, { database: false });
  assert.deepEqual(seen[1], []);
});

test('*args and **kwargs splats', async () => {
  const env = new Environment();
  const f = (...args: unknown[]) => {
    const { args: pos, kwargs } = splitArgs(args);
    return `${pos.join(',')};${Object.entries(kwargs)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
  };
  assert.equal(await env.renderString('{{ f(1, *[2, 3], a=4, **{"b": 5}) }}', { f }), '1,2,3;a=4,b=5');
  assert.equal(await env.renderString('{{ f(*[1], **{}) }}', { f }), '1;');
});

test('what adapter.dispatch returns (a macro) is called', async () => {
  const env = new Environment();
  const macros = env.fromString('{% macro default__hash(x) %}md5({{ x }}){% endmacro %}', 'macros.sql');
  const ctx: Record<string, unknown> = {
    adapter: {
      dispatch: (name: string, pkg: string) => (pkg === 'pkg' ? macros.bind(`default__${name}`, ctx) : null),
    },
  };
  assert.equal(await env.renderString("{{ adapter.dispatch('hash', 'pkg')('id') }}", ctx), 'md5(id)');
});

test('MacroReturn ends the innermost macro with a value; host callers receive that value', async () => {
  const env = new Environment();
  const ctx = {
    return: (v: unknown) => {
      throw new MacroReturn(v);
    },
  };
  const tpl = env.fromString(
    '{% macro cols() %}ignored{{ return(["a", "b"]) }}never{% endmacro %}' +
      '{% macro outer() %}{% set c = cols() %}{{ c|join("+") }}{% endmacro %}' +
      '{{ outer() }}|{{ cols()|length }}',
  );
  assert.equal(await tpl.render(ctx), 'a+b|2');
  assert.deepEqual(await tpl.bind('cols', ctx)(), ['a', 'b']);
  assert.equal(await tpl.bind('outer', ctx)(), 'a+b');
});

test('macros called from host code take Kwargs and return their text', async () => {
  const env = new Environment();
  const tpl = env.fromString('{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}');
  const m = tpl.bind('m', {});
  assert.equal(await m('x'), 'x-2');
  assert.equal(await m('x', new Kwargs({ b: 3 })), 'x-3');
  assert.equal(await m(new Kwargs({ a: 'k' })), 'k-2');
});

test('Proxy globals are consulted by name at lookup time, not copied', async () => {
  const env = new Environment();
  const asked: string[] = [];
  const globals = new Proxy({} as Record<string, unknown>, {
    has: (_t, name) => typeof name === 'string' && name.startsWith('lazy_'),
    get: (_t, name) => {
      asked.push(String(name));
      return `<${String(name)}>`;
    },
  });
  const tpl = env.fromString('{% macro m() %}{{ lazy_a }} {{ lazy_b }} {{ other }}{% endmacro %}');
  assert.equal(await tpl.bind('m', globals)(), '<lazy_a> <lazy_b> ');
  assert.deepEqual(asked, ['lazy_a', 'lazy_b']);
  // Getters on a class are found too.
  class Ctx {
    get project_name(): string {
      return 'jaffle';
    }
  }
  assert.equal(await env.renderString('{{ project_name }}', new Ctx()), 'jaffle');
});

test('host undefined is None; Object.prototype members are not template names', async () => {
  const env = new Environment();
  assert.equal(
    await env.renderString('{{ f() }}|{{ toString }}|{{ constructor }}', { f: () => undefined }),
    'None||',
  );
});
