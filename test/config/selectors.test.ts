import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSelectorsFile, parseSelectors } from '../../src/config/index.js';
import { render, tempDir } from './helpers.js';

describe('selectors.yml', () => {
  it('loads string and mapping definitions, and the default', async () => {
    const dir = tempDir();
    const file = join(dir, 'selectors.yml');
    writeFileSync(
      file,
      [
        'selectors:',
        '  - name: nightly',
        '    description: nightly models',
        '    definition: "tag:nightly"',
        '  - name: marts_but_not_legacy',
        "    default: \"{{ env_var('IS_DEFAULT', 'true') }}\"",
        '    definition:',
        '      union:',
        '        - method: path',
        '          value: models/marts',
        '        - exclude:',
        '            - method: tag',
        '              value: legacy',
        '',
      ].join('\n'),
    );
    const r = await loadSelectorsFile(file, { render, env: {} });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.map((e) => e.format())));
    assert.equal(r.value.selectors.length, 2);
    assert.equal(r.value.selectors[0]!.definition, 'tag:nightly');
    assert.equal(r.value.selectors[0]!.description, 'nightly models');
    assert.deepEqual((r.value.selectors[1]!.definition as any).union[0], {
      method: 'path',
      value: 'models/marts',
    });
    assert.equal(r.value.defaultSelector, 'marts_but_not_legacy');
    assert.equal(r.value.selectors[1]!.loc.line, 5);
  });

  it('rejects two defaults, duplicates, missing definitions and unknown keys', async () => {
    const r = await parseSelectors(
      '/p/selectors.yml',
      'selectors:\n  - {name: a, definition: x, default: true}\n  - {name: a, definition: y, default: true}\n  - name: b\n  - name: c\n    definiton: z\n',
    );
    assert.ok(!r.ok);
    const messages = r.errors.map((e) => e.message);
    assert.ok(messages.some((m) => /selector 'a' is defined more than once/.test(m)));
    assert.ok(messages.some((m) => /only one selector may be the default/.test(m)));
    assert.ok(messages.some((m) => /selector 'b' needs a 'definition'/.test(m)));
    assert.ok(
      messages.some((m) => /unknown key 'definiton' in selector; did you mean 'definition'\?/.test(m)),
    );
  });
});
