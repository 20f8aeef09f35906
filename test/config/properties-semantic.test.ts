// Semantic models and metrics in properties YAML: read as written (not rendered), with their
// positions; and `deprecation_date` written the way dbt writes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPropertiesFile } from '../../src/config/index.js';
import { isoDeprecationDate } from '../../src/config/properties-nodes.js';
import { render } from './helpers.js';

const text = `version: 2
semantic_models:
  - name: facts
    model: ref('orders')
    measures:
      - name: n
        agg: count
        expr: 1
metrics:
  - name: total
    label: Total
    type: SIMPLE
    type_params:
      measure: n
    filter: "{{ Dimension('order__day') }} > 1"
  - name: broken
    type: simple
`;

describe('semantic layer properties', () => {
  it('reads semantic models and metrics without rendering their templates', async () => {
    const r = await readPropertiesFile('/p/models/sl.yml', text, { render, env: {} });
    assert.ok(!r.ok, 'the metric without a label is an error');
    const problems = r.errors.map((e) => `${e.line}: ${e.message}`).join('\n');
    assert.match(problems, /^16: .*broken/m);

    const fixed = await readPropertiesFile(
      '/p/models/sl.yml',
      text.replace('type: simple\n', 'label: B\n    type: simple\n'),
      {
        render,
        env: {},
      },
    );
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.errors.map((e) => e.message).join('\n'));
    const file = fixed.value;
    assert.equal(file.semanticModels?.[0]?.model, "ref('orders')");
    assert.deepEqual(file.semanticModels?.[0]?.measures, [{ name: 'n', agg: 'count', expr: 1 }]);
    const total = file.metrics?.[0];
    assert.equal(total?.type, 'simple');
    assert.deepEqual(total?.filter, ["{{ Dimension('order__day') }} > 1"]);
    assert.equal(total?.loc.line, 10);
  });

  it('deprecation_date becomes an ISO datetime with an offset', () => {
    assert.match(isoDeprecationDate('2024-01-01'), /^2024-01-01T00:00:00[+-]\d\d:\d\d$/);
    assert.equal(isoDeprecationDate('2024-01-01T10:30:00Z'), '2024-01-01T10:30:00+00:00');
    assert.equal(isoDeprecationDate('2024-01-01 10:30:00+0200'), '2024-01-01T10:30:00+02:00');
    assert.equal(isoDeprecationDate('2024-01-01T10:30:00.5-05:00'), '2024-01-01T10:30:00.500000-05:00');
    assert.equal(isoDeprecationDate('someday'), 'someday');
  });
});
