/**
 * The golden corpus: every test/jinja/corpus/<area>/<name>.jinja rendered by our engine must give
 * exactly what Python Jinja2 3.1 gave (the .out file), or fail the way Jinja2 failed (the .err
 * file: error kind and template line). Expected files come from scripts/jinja-golden.py.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CorpusCase, loadCorpus, shortDiff } from './helpers/corpus.js';
import { createCorpusEnvironment, describeThrown, renderNamed, TemplateError } from './helpers/engine.js';

const cases = loadCorpus();
// One environment for the whole corpus, as the generator uses: partials are parsed once.
const env = createCorpusEnvironment();

type Outcome = { type: 'output'; text: string } | { type: 'thrown'; error: unknown };

async function run(c: CorpusCase): Promise<Outcome> {
  try {
    // Templates may mutate context lists and dicts: each run gets its own copy.
    return { type: 'output', text: await renderNamed(env, c.name, structuredClone(c.context)) };
  } catch (error) {
    return { type: 'thrown', error };
  }
}

test('the corpus is big enough to mean something', () => {
  assert.ok(cases.length >= 300, `only ${cases.length} corpus templates`);
  const errors = cases.filter((c) => c.expected.type === 'error').length;
  assert.ok(errors >= 25, `only ${errors} error cases`);
});

for (const c of cases) {
  test(c.name, async () => {
    const outcome = await run(c);
    const expected = c.expected;
    if (expected.type === 'output') {
      if (outcome.type === 'thrown') {
        assert.fail(
          `expected output ${JSON.stringify(expected.text.slice(0, 200))}\nbut: ${describeThrown(outcome.error)}`,
        );
      }
      if (outcome.text !== expected.text)
        assert.fail(`output differs from Jinja2\n${shortDiff(expected.text, outcome.text)}`);
      return;
    }
    const want = `${expected.kind} error at line ${expected.line} (Jinja2: ${expected.message})`;
    if (outcome.type === 'output')
      assert.fail(`expected ${want}\nbut rendered ${JSON.stringify(outcome.text.slice(0, 200))}`);
    if (!(outcome.error instanceof TemplateError)) {
      assert.fail(`expected TemplateError, ${want}\nbut: ${describeThrown(outcome.error)}`);
    }
    const got = { kind: outcome.error.kind, line: outcome.error.line };
    assert.deepEqual(
      got,
      { kind: expected.kind, line: expected.line },
      `expected ${want}\nbut: ${describeThrown(outcome.error)}`,
    );
  });
}
