import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../src/config/index.js';

describe('parseYaml', () => {
  const text = 'a:\n  b:\n    - x: 1\n    - y: [2, 3]\nc: 2024-01-02\nd: on\ne: n\n';

  it('locates values and keys by path, falling back to the nearest parent', () => {
    const { source, errors } = parseYaml('f.yml', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(source.locate(['a', 'b', 1, 'y', 1]), { file: 'f.yml', line: 4, column: 14 });
    assert.deepEqual(source.locate(['a', 'b', 0, 'x'], 'key'), { file: 'f.yml', line: 3, column: 7 });
    assert.deepEqual(source.locate(['a', 'b', 0, 'nope']), { file: 'f.yml', line: 3, column: 7 });
    assert.deepEqual(source.locate([]), { file: 'f.yml', line: 1, column: 1 });
  });

  it('reads YAML 1.1 like PyYAML: dates become ISO text, on/off are booleans', () => {
    const { source } = parseYaml('f.yml', text);
    assert.deepEqual(source.data, { a: { b: [{ x: 1 }, { y: [2, 3] }] }, c: '2024-01-02', d: true, e: 'n' });
  });

  it('treats an empty file as an empty mapping', () => {
    assert.deepEqual(parseYaml('f.yml', '').source.data, {});
    assert.deepEqual(parseYaml('f.yml', '# only a comment\n').source.data, {});
  });

  it('reports syntax errors with line and column', () => {
    const { errors } = parseYaml('f.yml', 'a:\n  - x\n  y: 1\n');
    assert.equal(errors.length > 0, true);
    assert.equal(errors[0]!.code, 'yaml-syntax');
    assert.equal(errors[0]!.line, 3);
    assert.match(errors[0]!.format(), /^f.yml:3:\d+: YAML syntax error: /);
  });
});

it('a block scalar ending the file without a line break has no trailing newline, as in PyYAML', () => {
  const data = (t: string) => parseYaml('f.yml', t).source.data;
  assert.deepEqual(data('a: |\n  x > 1\n  y'), { a: 'x > 1\ny' });
  assert.deepEqual(data('a: |\n  x > 1\n  y\n'), { a: 'x > 1\ny\n' });
  assert.deepEqual(data('a: |+\n  x\n  y'), { a: 'x\ny' });
  assert.deepEqual(data('a: >\n  x\n  y'), { a: 'x y' });
  assert.deepEqual(data('a: |\n  x\nb: 1'), { a: 'x\n', b: 1 });
});
