// The static extractor reads ref/source/config without rendering; calls of inert macros (text and
// `{{ param }}` only) with literal arguments do not send a model to rendering any more.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isInertMacroSql, staticExtract } from '../../src/parser/static-extract.js';

describe('static extraction with inert macros', () => {
  test('a macro is inert when it only prints text and its parameters', () => {
    assert.equal(isInertMacroSql('{% macro cents(col) %}({{ col }} * 100){% endmacro %}'), true);
    assert.equal(
      isInertMacroSql(
        '{% macro r(expression, digits=2) -%}\n  round({{ expression }}, {{ digits }})\n{%- endmacro %}',
      ),
      true,
    );
    assert.equal(isInertMacroSql("{% macro m() %}{{ ref('x') }}{% endmacro %}"), false);
    assert.equal(isInertMacroSql('{% macro m(a) %}{{ a | upper }}{% endmacro %}'), false);
    assert.equal(isInertMacroSql('{% macro m(a) %}{% if a %}1{% endif %}{% endmacro %}'), false);
    assert.equal(isInertMacroSql("{% macro m(a=var('x')) %}{{ a }}{% endmacro %}"), false);
  });

  test('calls of inert macros with literal arguments are skipped, anything else renders', () => {
    const inert = (name: string) => name.startsWith('bench_');
    const sql = "select {{ bench_round(bench_add('a', 'b'), digits=3) }} from {{ ref('orders') }}";
    assert.deepEqual(staticExtract(sql, inert), { refs: [{ name: 'orders' }], sources: [], config: {} });
    // Without the check (or for other names, variables, filters, context functions) it renders.
    assert.equal(staticExtract(sql), undefined);
    for (const expr of ['bench_round(x)', "bench_round('a') | upper", "var('x')", 'bench_a(1, b==2)'])
      assert.equal(
        staticExtract(`select {{ ${expr} }}`, () => true),
        undefined,
        expr,
      );
  });
});
