import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment, TemplateError } from '../../../src/jinja/index.js';

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<TemplateError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    assert.ok(e instanceof TemplateError, `not a TemplateError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a TemplateError');
}

test('syntax errors carry template name, line, column and the offending line', async () => {
  const env = new Environment();
  const e = await failure(() => env.fromString('ok\n{% if x %}\n  {% endfor %}', 'models/a.sql'));
  assert.equal(e.kind, 'syntax');
  assert.equal(e.templateName, 'models/a.sql');
  assert.deepEqual([e.line, e.column], [3, 6]);
  assert.equal(e.sourceLine, '  {% endfor %}');
  assert.match(e.message, /unknown tag 'endfor'.*'elif' or 'else' or 'endif'/);
  assert.match(e.format(), /^models\/a.sql:3:6: /);

  const eof = await failure(() => env.fromString('{% for x in y %}\nbody'));
  assert.equal(eof.line, 2);
  assert.match(eof.message, /Unexpected end of template.*'endfor' or 'else'/);

  const unclosed = await failure(() => env.fromString('a {{ x'));
  assert.equal(unclosed.kind, 'syntax');
  const comment = await failure(() => env.fromString('\n{# never closed'));
  assert.deepEqual([comment.line, comment.column], [2, 1]);
});

test('unknown filters and tests fail at compile time, except inside if (as Jinja2)', async () => {
  const env = new Environment();
  const e = await failure(() => env.fromString('a\n{{ x | nope }}'));
  assert.deepEqual([e.kind, e.line, e.message], ['syntax', 2, "No filter named 'nope'."]);
  const t = await failure(() => env.fromString('{{ x is nope }}'));
  assert.equal(t.message, "No test named 'nope'.");
  const soft = env.fromString('{% if false %}{{ x | nope }}{% endif %}ok');
  assert.equal(await soft.render(), 'ok');
  const late = await failure(env.renderString('{% if true %}\n{{ x | nope }}{% endif %}'));
  assert.deepEqual([late.kind, late.line], ['runtime', 2]);
});

test('runtime errors point at the expression, inside macros and included templates too', async () => {
  const files: Record<string, string> = {
    'lib.sql': '{% macro m(x) %}\n  {{ x.a.b }}\n{% endmacro %}',
    'part.sql': 'part\n\n   {{ 1 // 0 }}',
  };
  const env = new Environment({ loader: (n) => files[n] });
  const inMacro = await failure(
    env.renderString('{% from "lib.sql" import m %}\n{{ m({}) }}', {}, 'main.sql'),
  );
  assert.deepEqual(
    [inMacro.kind, inMacro.templateName, inMacro.line, inMacro.column],
    ['undefined', 'lib.sql', 2, 7],
  );
  assert.match(inMacro.message, /has no attribute 'a'/);
  const inInclude = await failure(env.renderString('x\n{% include "part.sql" %}', {}, 'main.sql'));
  assert.deepEqual([inInclude.templateName, inInclude.line, inInclude.kind], ['part.sql', 3, 'runtime']);
  const missing = await failure(env.renderString('\n\n{% include "nope.sql" %}', {}, 'main.sql'));
  assert.deepEqual([missing.line, missing.kind], [3, 'runtime']);
  const args = await failure(env.renderString('{% macro m(a) %}{% endmacro %}\n{{ m(1, 2) }}'));
  assert.equal(args.line, 2);
  assert.equal(args.message, "macro 'm' takes not more than 1 argument(s)");
  const kw = await failure(env.renderString('{% macro m(a) %}{% endmacro %}{{ m(b=1) }}'));
  assert.equal(kw.message, "macro 'm' takes no keyword argument 'b'");
});

test('host exceptions are wrapped with kind host, the host message and the cause', async () => {
  const env = new Environment();
  const boom = new RangeError('warehouse unreachable');
  const e = await failure(
    env.renderString('select\n  {{ run_query("x") }}', {
      run_query: async () => {
        throw boom;
      },
    }),
  );
  assert.deepEqual([e.kind, e.message, e.line, e.column], ['host', 'warehouse unreachable', 2, 6]);
  assert.equal(e.cause, boom);
});

test('undefined modes: default, strict and lenient', async () => {
  const def = new Environment();
  assert.equal(
    await def.renderString('[{{ x }}]{% for a in x %}no{% endfor %}{{ x is defined }}'),
    '[]False',
  );
  const attr = await failure(def.renderString('\n{{ x.y }}'));
  assert.deepEqual([attr.kind, attr.line, attr.message], ['undefined', 2, "'x' is undefined"]);
  const call = await failure(def.renderString('{{ nope() }}'));
  assert.equal(call.kind, 'undefined');

  const strict = new Environment({ undefined: 'strict' });
  for (const src of ['{{ x }}', '{% if x %}{% endif %}', '{% for a in x %}{% endfor %}', '{{ x == 1 }}']) {
    const e = await failure(strict.renderString(src));
    assert.equal(e.kind, 'undefined', src);
    assert.equal(e.line, 1, src);
  }
  assert.equal(await strict.renderString('{{ x is defined }}|{{ x | default("d") }}'), 'False|d');

  const lenient = new Environment({ undefined: 'lenient' });
  assert.equal(await lenient.renderString('[{{ x.y.z }}][{{ x.y() }}][{{ x["k"].w }}]'), '[][][]');
});

test('return() outside a macro is an error, not a leaked MacroReturn', async () => {
  const env = new Environment();
  const { MacroReturn } = await import('../../../src/jinja/index.js');
  const e = await failure(
    env.renderString('{{ return(1) }}', {
      return: (v: unknown) => {
        throw new MacroReturn(v);
      },
    }),
  );
  assert.equal(e.kind, 'runtime');
});

test('host calls of bound macros with bad arguments reject with a TemplateError', async () => {
  const env = new Environment();
  const tpl = env.fromString('\n{% macro m(a) %}{{ a }}{% endmacro %}', 'macros/m.sql');
  const e = await failure(tpl.bind('m', {})(1, 2));
  assert.deepEqual([e.kind, e.templateName, e.line], ['runtime', 'macros/m.sql', 2]);
  assert.equal(e.message, "macro 'm' takes not more than 1 argument(s)");
});
