/**
 * Reading the golden Jinja corpus (test/jinja/corpus/). Layout, shared with
 * scripts/jinja-golden.py which writes the expected files from Python Jinja2 3.1:
 *   <area>/<name>.jinja    a case; its template name is its path relative to the corpus root
 *   <area>/<name>.json     optional render context (plain JSON)
 *   <area>/<name>.partial  a template only included/imported by cases (not a case itself)
 *   <area>/<name>.out      expected output, exact bytes
 *   <area>/<name>.err      expected error: JSON { kind, line, message } (message is informative only)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

export type ExpectedErrorKind = 'syntax' | 'runtime' | 'undefined';

export type Expectation =
  | { type: 'output'; text: string }
  | { type: 'error'; kind: ExpectedErrorKind; line: number; message: string };

export interface CorpusCase {
  /** Template name as the loader sees it, e.g. `for/loop-index.jinja`. */
  name: string;
  source: string;
  context: Record<string, unknown>;
  expected: Expectation;
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Template names relative to the corpus root, with `/` separators, for files with this extension. */
export function listTemplateNames(extension: '.jinja' | '.partial', root = CORPUS_ROOT): string[] {
  return walk(root, [])
    .filter((path) => path.endsWith(extension))
    .map((path) => relative(root, path).split(sep).join('/'));
}

function readExpectation(base: string, name: string): Expectation {
  if (existsSync(`${base}.out`)) return { type: 'output', text: readFileSync(`${base}.out`, 'utf8') };
  if (existsSync(`${base}.err`)) {
    const parsed = JSON.parse(readFileSync(`${base}.err`, 'utf8')) as Record<string, unknown>;
    const { kind, line, message } = parsed;
    if ((kind !== 'syntax' && kind !== 'runtime' && kind !== 'undefined') || typeof line !== 'number') {
      throw new Error(`${name}: malformed .err file`);
    }
    return { type: 'error', kind, line, message: typeof message === 'string' ? message : '' };
  }
  throw new Error(`${name}: no .out or .err file; run python3 scripts/jinja-golden.py`);
}

/** Every case of the corpus, sorted by name. */
export function loadCorpus(root = CORPUS_ROOT): CorpusCase[] {
  return listTemplateNames('.jinja', root).map((name) => {
    const base = join(root, name.slice(0, -'.jinja'.length));
    const source = readFileSync(join(root, name), 'utf8');
    const context = existsSync(`${base}.json`)
      ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Record<string, unknown>)
      : {};
    return { name, source, context, expected: readExpectation(base, name) };
  });
}

/** The loader convention of the corpus: names are paths relative to the corpus root. */
export function corpusLoader(root = CORPUS_ROOT): (name: string) => string | undefined {
  return (name) => {
    const path = resolve(root, name);
    // Names never leave the corpus; a missing file is "not found", not an exception.
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  };
}

/**
 * A short, readable diff of two outputs: the first differing line with a caret under the first
 * differing character, plus one line of context either side.
 */
export function shortDiff(expected: string, actual: string): string {
  if (expected === actual) return '(identical)';
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  const lineNo = expected.slice(0, at).split('\n').length;
  const lineStart = expected.lastIndexOf('\n', at - 1) + 1;
  const column = at - lineStart;
  // Lines keep their '\n' so a missing or extra newline shows in the quoted text.
  const expLines = expected.split(/(?<=\n)/);
  const actLines = actual.split(/(?<=\n)/);
  const show = (lines: string[], i: number) =>
    i >= 1 && i <= lines.length ? JSON.stringify(lines[i - 1]) : '(no line)';
  const rows: string[] = [`first difference at line ${lineNo}, column ${column + 1}:`];
  for (let i = Math.max(1, lineNo - 1); i <= lineNo + 1; i++) {
    if (i > expLines.length && i > actLines.length) break;
    const mark = i === lineNo ? '>' : ' ';
    rows.push(`${mark} expected ${String(i).padStart(3)}: ${show(expLines, i)}`);
    rows.push(`${mark} actual   ${String(i).padStart(3)}: ${show(actLines, i)}`);
  }
  rows.push(`lengths: expected ${expected.length}, actual ${actual.length}`);
  return rows.join('\n');
}
