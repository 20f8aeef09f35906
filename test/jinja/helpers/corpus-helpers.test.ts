/**
 * The corpus files themselves (no engine involved): every case has exactly one expected file,
 * no expected file is orphaned, error files are well-formed; and the diff helper reads right.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CORPUS_ROOT, corpusLoader, listTemplateNames, loadCorpus, shortDiff } from './corpus.js';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

test('every corpus case has exactly one of .out / .err, and no expected file is orphaned', () => {
  const problems: string[] = [];
  for (const path of allFiles(CORPUS_ROOT)) {
    const dot = path.lastIndexOf('.');
    const base = path.slice(0, dot);
    const ext = path.slice(dot);
    if (ext === '.jinja' && existsSync(`${base}.out`) === existsSync(`${base}.err`)) {
      problems.push(`${path}: needs exactly one of .out/.err`);
    }
    if ((ext === '.out' || ext === '.err' || ext === '.json') && !existsSync(`${base}.jinja`)) {
      problems.push(`${path}: no matching .jinja`);
    }
    if (!['.jinja', '.partial', '.json', '.out', '.err', '.md', '.gitattributes'].includes(ext))
      problems.push(`${path}: unknown file`);
  }
  assert.deepEqual(problems, []);
});

test('corpus cases load with object contexts and positive error lines', () => {
  const cases = loadCorpus();
  assert.ok(cases.length >= 300, `${cases.length} cases`);
  for (const c of cases) {
    assert.equal(typeof c.context, 'object', c.name);
    assert.ok(!Array.isArray(c.context) && c.context !== null, c.name);
    if (c.expected.type === 'error') assert.ok(c.expected.line >= 1, `${c.name}: line ${c.expected.line}`);
  }
});

test('the corpus loader serves partials by corpus-relative name and nothing outside it', () => {
  const load = corpusLoader();
  const partials = listTemplateNames('.partial');
  assert.ok(partials.includes('include/header.partial'));
  assert.match(load('include/header.partial') ?? '', /<header>/);
  assert.equal(load('include/no-such.partial'), undefined);
  assert.equal(load('../corpus.test.ts'), undefined);
  assert.equal(load('include'), undefined);
});

test('shortDiff points at the first differing line and column', () => {
  assert.equal(shortDiff('same', 'same'), '(identical)');
  const diff = shortDiff('a\nbXc\nd', 'a\nbYc\nd');
  assert.match(diff, /line 2, column 2/);
  assert.match(diff, /> expected +2: "bXc\\n"/);
  assert.match(diff, /> actual +2: "bYc\\n"/);
  assert.match(shortDiff('abc', 'ab'), /lengths: expected 3, actual 2/);
  assert.match(shortDiff('a\n', 'a'), /> expected +1: "a\\n"\n> actual +1: "a"\n/);
});
