// The fast YAML reader must agree with the `yaml` package (the reference) on data and on every
// position it reports, or give up. Checked on hand-written dbt shapes and on random documents.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseYamlFast } from '../../src/config/yaml-fast-path.js';
import { parseYamlFully } from '../../src/config/yaml-positions.js';

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at, [...at, 'missing_key'], [...at, 7]];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** True when the fast reader answered (and agreed); false when it gave up. */
function agrees(text: string): boolean {
  const fast = parseYamlFast('f.yml', text);
  if (!fast) return false;
  const full = parseYamlFully('f.yml', text);
  assert.deepEqual(full.errors, [], `the fast reader accepted invalid YAML:\n${text}`);
  assert.deepEqual(full.warnings, [], `the fast reader accepted YAML with warnings:\n${text}`);
  assert.equal(JSON.stringify(fast.data), JSON.stringify(full.source.data), text);
  for (const path of pathsOf(full.source.data))
    for (const part of ['value', 'key'] as const)
      assert.deepEqual(
        fast.locate(path, part),
        full.source.locate(path, part),
        `${JSON.stringify(path)} ${part}\n${text}`,
      );
  return true;
}

const SCHEMA = `version: 2

models:
  - name: orders   # the main one
    description: "Orders of {{ var('shop') }}"
    config:
      materialized: table
      tags: ['nightly', "daily"]
    columns:
      - name: id
        data_tests:
          - unique
          - not_null
          - accepted_values:
              values: [1, 2.5, -3]
              config: {severity: warn, where: "id > 0"}
      - name: note
        description: it's a note # and a comment, no: 'not read'
  - name: empty_one
    config:
    columns:
sources:
- name: raw
  schema: "{{ target.schema }}"
  tables:
    -
      name: t1
    - name: t2
      identifier: raw_t2
      loaded_at_field: y
      meta: {owner: ana, on_call: no}
`;

describe('fast YAML reader', () => {
  test('reads the usual schema file shapes exactly as the yaml package does', () => {
    assert.ok(agrees(SCHEMA));
    assert.ok(agrees(SCHEMA.replace("it's a note # and a comment, no: 'not read'", "'it''s quoted # kept'")));
    assert.ok(agrees('version: 2\nmodels:\n- name: a\n  columns:\n  - name: id\n'));
    assert.ok(agrees(''));
    assert.ok(agrees('# only a comment\n'));
    assert.ok(
      agrees('a: yes\nb: Off\nc: ~\nd: y\ne: -x\nf: 10\ng: 0.25\nh: a#b\ni: http://x/y\nj: []\nk: {}\n'),
    );
  });

  test('gives up on what it does not read (the full parser takes over)', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a: multi\n  line\n',
      'a: 1\na: 2\n',
      'a: 2024-01-01\n',
      'a: 0o17\n',
      'a: 1e3\n',
      'a: "esc\\n"\n',
      "a: 'open\n  close'\n",
      '- top level list\n',
      'a:\tb\n',
      'on: 1\n',
      'a: b: c\n',
      '---\na: 1\n',
    ])
      assert.equal(agrees(text), false, text);
  });

  test('random documents: same data and positions, or a give-up', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        ...['a', 'name', 'yes', 'no', 'null', '~', 'x y', "it's", 'a # b', '-1', '1.5', 'y', '', 'E0'],
        ...['1_000', '0x1F', '1:30', '.5', '<<', '=', '2024-01-01', 'Y', 'NULL', '+1', '010', 'a: b'],
      ),
      fc.integer({ min: -1000, max: 1000 }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
    );
    const key = fc.constantFrom(
      'name',
      'description',
      'config',
      'tags',
      '+materialized',
      'data_tests',
      'a b',
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    }));
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (doc, flowLists) => {
        const text = stringify(doc, {
          flowCollectionPadding: false,
          ...(flowLists ? { collectionStyle: 'any' } : {}),
        });
        if (agrees(text)) accepted++;
      }),
      { numRuns: 300 },
    );
    // Most generated documents are plain enough for the fast reader; it must not always give up.
    assert.ok(accepted > 30, `only ${accepted} of 300 documents were read fast`);
  });
});
