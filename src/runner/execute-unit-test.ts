/**
 * A unit test: the model's SQL with each `given` input replaced by fixture rows, compared with
 * the `expect` rows on the columns the test names. A difference fails the test with a readable
 * diff of expected and actual rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CompilableNode, CompilerError } from '../compiler/index.js';
import type { NodeStatus } from './results.js';
import type { RunState } from './run-state.js';
import { type FixtureColumn, type FixtureInput, fixtureRows, rowsToSql } from './unit-test-fixtures.js';

export interface UnitTestNode {
  unique_id: string;
  name: string;
  model: string;
  package_name: string;
  original_file_path: string;
  given: (FixtureInput & { input: string })[];
  expect: FixtureInput;
  overrides: {
    macros?: Record<string, unknown>;
    vars?: Record<string, unknown>;
    env_vars?: Record<string, unknown>;
  } | null;
  depends_on: { nodes: string[] };
}

export interface UnitTestOutcome {
  compiledSql: string;
  status: NodeStatus;
  failures: number;
  message: string | null;
}

const INPUT = /^\s*(ref|source)\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?\)\s*$/;

/** What a unit test needs of a source to put a fixture in its place. */
export interface FixtureSource {
  unique_id: string;
  source_name: string;
  name: string;
  database: string | null;
  schema: string;
  identifier: string;
}

export async function executeUnitTest(
  state: RunState,
  test: UnitTestNode,
  nodes: Record<string, CompilableNode>,
  sources: Record<string, FixtureSource>,
  projectRoot: string,
  onCompiled: (sql: string) => void,
): Promise<UnitTestOutcome> {
  const { adapter, compiler } = state;
  const model = nodes[test.depends_on.nodes[0]!];
  if (!model)
    throw new CompilerError(
      `unit test ${test.name}: model '${test.model}' was not found`,
      'E_UNIT_TEST_MODEL',
      test.original_file_path,
    );
  const readFixture = (name: string) => {
    for (const ext of ['.csv', '.sql', '']) {
      const file = join(projectRoot, 'tests', 'fixtures', `${name}${ext}`);
      if (existsSync(file)) return readFileSync(file, 'utf8');
    }
    throw new CompilerError(
      `unit test ${test.name}: fixture '${name}' not found under tests/fixtures/`,
      'E_UNIT_TEST_FIXTURE',
      test.original_file_path,
    );
  };

  // Each input's columns come from the real upstream relation, so casts match production types.
  const fixtures = new Map<string, string>();
  for (const given of test.given) {
    const m = INPUT.exec(given.input);
    if (!m)
      throw new CompilerError(
        `unit test ${test.name}: input '${given.input}' must be ref('…') or source('…', '…')`,
        'E_UNIT_TEST_INPUT',
        test.original_file_path,
      );
    const target =
      m[1] === 'ref'
        ? Object.values(nodes).find(
            (n) =>
              n.name === (m[3] ?? m[2]) &&
              (m[3] === undefined || n.package_name === m[2]) &&
              n.resource_type !== 'test',
          )
        : Object.values(sources).find((s) => s.source_name === m[2] && s.name === m[3]);
    if (!target)
      throw new CompilerError(
        `unit test ${test.name}: input ${given.input} was not found`,
        'E_UNIT_TEST_INPUT',
        test.original_file_path,
      );
    const relation =
      'source_name' in target
        ? compiler.sourceRelation(target as never)
        : compiler.relationFor(target as CompilableNode);
    const columns: FixtureColumn[] = (await adapter.getColumns(relation)).map((c) => ({
      name: c.name,
      type: c.dataType,
    }));
    if (columns.length === 0)
      throw new CompilerError(
        `unit test ${test.name}: cannot read the columns of ${relation.render()} — build it first (e.g. tessera run --empty or build its parents)`,
        'E_UNIT_TEST_INPUT',
        test.original_file_path,
      );
    const rows = fixtureRows(given, readFixture);
    fixtures.set(target.unique_id, 'sql' in rows ? rows.sql : rowsToSql(adapter.dialect, rows, columns));
  }

  const extra = overridesContext(test, compiler.session);
  const compiled = await compiler.compile(model, { extra, fixtures });
  onCompiled(compiled.sql);

  const actualColumns: FixtureColumn[] = (await adapter.describeQuery(compiled.sql)).map((c) => ({
    name: c.name,
    type: c.type,
  }));
  const expectedRows = fixtureRows(test.expect, readFixture);
  let expectedSql: string;
  let compared: FixtureColumn[];
  if ('sql' in expectedRows) {
    expectedSql = expectedRows.sql;
    compared = (await adapter.describeQuery(expectedSql)).map(
      (c) =>
        actualColumns.find((a) => a.name.toLowerCase() === c.name.toLowerCase()) ?? {
          name: c.name,
          type: c.type,
        },
    );
  } else {
    const named = new Set(expectedRows.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())));
    // `rows: []` expects no output at all: every column of it is compared.
    compared =
      expectedRows.length === 0
        ? actualColumns
        : actualColumns.filter((c) => named.has(c.name.toLowerCase()));
    const unknown = [...named].filter((n) => !actualColumns.some((c) => c.name.toLowerCase() === n));
    if (unknown.length)
      throw new CompilerError(
        `unit test ${test.name}: expected column(s) ${unknown.join(', ')} are not in the output of ${model.name}`,
        'E_UNIT_TEST_EXPECT',
        test.original_file_path,
      );
    expectedSql = rowsToSql(adapter.dialect, expectedRows, compared);
  }
  const cols = compared.map((c) => adapter.quote(c.name)).join(', ');
  const diffSql = `with actual as (select ${cols} from (\n${compiled.sql}\n) as model_output),
expected as (select ${cols} from (\n${expectedSql}\n) as expected_rows)
select 'expected' as dbt_diff, * from (select * from expected except all select * from actual) missing
union all
select 'actual' as dbt_diff, * from (select * from actual except all select * from expected) extra`;
  const diff = await adapter.execute(diffSql);
  if (diff.rows.length === 0)
    return { compiledSql: compiled.sql, status: 'pass', failures: 0, message: null };
  return {
    compiledSql: compiled.sql,
    status: 'fail',
    failures: diff.rows.length,
    message: formatDiff(
      diff.columns.map((c) => c.name),
      diff.rows,
    ),
  };
}

/** `overrides:` for one unit test: vars, env_vars, macros (by name) and `is_incremental`. */
function overridesContext(
  test: UnitTestNode,
  session: { lookupVar(n: string, p: string): unknown; envVar(n: string, f?: unknown): string },
): Record<string, unknown> {
  const o = test.overrides ?? {};
  const extra: Record<string, unknown> = {};
  if (o.vars)
    extra.var = (name: unknown, fallback?: unknown) => {
      const key = String(name);
      if (Object.hasOwn(o.vars!, key)) return o.vars![key];
      const v = session.lookupVar(key, test.package_name);
      return v === undefined ? (fallback ?? null) : v;
    };
  if (o.env_vars)
    extra.env_var = (name: unknown, fallback?: unknown) => {
      const key = String(name);
      return Object.hasOwn(o.env_vars!, key) ? String(o.env_vars![key]) : session.envVar(key, fallback);
    };
  for (const [name, value] of Object.entries(o.macros ?? {})) {
    if (name === 'is_incremental') extra.__is_incremental = Boolean(value);
    else extra[name.slice(name.lastIndexOf('.') + 1)] = () => value;
  }
  // Namespaced names (`audit_helper._get_comparison_bounds`) are also answered by the namespace.
  if (o.macros) extra.__macro_overrides = o.macros;
  return extra;
}

/** Expected rows missing from the output (`-`) and unexpected rows in it (`+`), as a table. */
export function formatDiff(columns: string[], rows: unknown[][]): string {
  const cells = rows.map((r) =>
    r.map((v, i) =>
      i === 0 ? (v === 'expected' ? '-' : '+') : v === null || v === undefined ? 'null' : String(v),
    ),
  );
  const header = ['', ...columns.slice(1)];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    'actual differs from expected (- expected row missing, + unexpected row):',
    '',
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.map(line),
  ].join('\n');
}
