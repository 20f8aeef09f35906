import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Environment, TemplateError } from '../../../src/jinja/index.js';

/**
 * Random templates stressing whitespace control, raw, comments and Jinja2's scoping rules,
 * with what Python Jinja2 3.1 gave (fixtures/gen-differential.py generates the file).
 */
interface DifferentialCase {
  src: string;
  out?: string;
  err?: 'syntax' | 'undefined' | 'runtime';
  msg?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/differential.json', import.meta.url), 'utf8'),
) as {
  ctx: Record<string, unknown>;
  cases: DifferentialCase[];
};

test('random templates render exactly as Python Jinja2 renders them', async () => {
  const env = new Environment();
  assert.ok(fixture.cases.length >= 200);
  for (const c of fixture.cases) {
    let got: { out?: string; err?: string; msg?: string };
    try {
      got = { out: await env.renderString(c.src, structuredClone(fixture.ctx)) };
    } catch (e) {
      assert.ok(e instanceof TemplateError, `${c.src}\nthrew ${String(e)}`);
      got = { err: e.kind, msg: e.message };
    }
    if (c.out !== undefined) {
      assert.equal(got.out, c.out, `${c.src}\n(error: ${got.msg})`);
    } else {
      // Python reports a TypeError on an undefined operand where we report an UndefinedError.
      const kinds: (string | undefined)[] = c.err === 'runtime' ? ['runtime', 'undefined'] : [c.err];
      assert.ok(kinds.includes(got.err), `${c.src}\nexpected ${c.err}: ${c.msg}\ngot ${JSON.stringify(got)}`);
    }
  }
});
