/**
 * Runs consumers' expectations against a producer's build: each becomes a generic test on the
 * producer's relation, compiled with the producer's own compiler (its macros, its ref to the
 * product) and run on its warehouse, like any data test of the project.
 */
import type { CompilableNode } from '../compiler/index.js';
import {
  type ConsumerExpectation,
  type ExpectationResult,
  expectationsOn,
  type Publication,
} from '../mesh/index.js';
import { makeSqlOperationNode } from '../parser/index.js';
import { genericTestKwargs, wrapTestSql } from '../runner/index.js';
import { connect, type Invocation } from './invocation.js';

/**
 * Runs every expectation the `consumers`' publications declare on the project of `inv`; an
 * expectation on a product the project no longer has (or whose relation was never built in this
 * target) comes back as an `error` that says so.
 */
export async function runConsumerExpectations(
  inv: Invocation,
  consumers: readonly Publication[],
): Promise<ExpectationResult[]> {
  const project = inv.workspace.root.name;
  const wanted = expectationsOn(project, consumers);
  if (wanted.length === 0) return [];
  const { adapter, compiler } = await connect(inv);
  try {
    const results: ExpectationResult[] = [];
    for (const { consumer, expectation } of wanted) {
      const base = { consumer, expectation, failures: 0 };
      const model = productNode(inv, expectation);
      if (!model) {
        results.push({
          ...base,
          status: 'error',
          message: `${project} has no public model ${label(expectation)}`,
        });
        continue;
      }
      const relation = compiler.relationFor(model);
      if (!(await adapter.getRelation(relation.database, relation.schema!, relation.identifier!))) {
        results.push({
          ...base,
          status: 'error',
          message: `${relation.render()} does not exist in target '${inv.profile.targetName}': build ${project} first`,
        });
        continue;
      }
      const node = expectationNode(inv, expectation, consumer);
      try {
        const compiled = await compiler.compile(node, { prepare: genericTestKwargs(node) });
        const config = {
          ...node.config,
          ...Object.assign({}, ...compiled.captured.configs),
          ...expectation.config,
        };
        const row = (await adapter.execute(wrapTestSql(compiled.sql, config))).rows[0] ?? [0, false, false];
        const failures = Number(row[0] ?? 0);
        const severity = String(config.severity ?? 'error').toLowerCase();
        const broken = truthy(row[2]) || truthy(row[1]);
        const status = !broken ? 'pass' : severity === 'warn' ? 'warn' : 'fail';
        results.push({
          ...base,
          status,
          failures,
          message: status === 'pass' ? null : `got ${failures} failing row${failures === 1 ? '' : 's'}`,
          sql: compiled.sql,
        });
      } catch (err) {
        results.push({ ...base, status: 'error', message: (err as Error).message ?? String(err) });
      }
    }
    return results;
  } finally {
    await adapter.close();
  }
}

const label = (e: ConsumerExpectation) =>
  `'${e.product}'${e.version === null ? '' : ` version ${e.version}`}`;

function productNode(inv: Invocation, e: ConsumerExpectation): CompilableNode | undefined {
  const project = inv.workspace.root.name;
  const models = Object.values(inv.project.nodes).filter(
    (n) => n.resource_type === 'model' && n.package_name === project && n.name === e.product,
  ) as unknown as (CompilableNode & { version?: unknown; latest_version?: unknown; access?: string })[];
  const pick =
    e.version === null
      ? (models.find((m) => m.version == null || String(m.version) === String(m.latest_version)) ?? models[0])
      : models.find((m) => String(m.version) === String(e.version));
  return pick?.access === 'public' ? pick : undefined;
}

/** A throwaway node of the producer's package holding the generic test call. */
function expectationNode(inv: Invocation, e: ConsumerExpectation, consumer: string): CompilableNode {
  const version =
    e.version === null ? '' : `, version=${JSON.stringify(String(e.version)).replaceAll('"', "'")}`;
  const name = e.test_name.includes('.') ? e.test_name : `test_${e.test_name}`;
  const macro = e.test_name.includes('.') ? e.test_name.replace('.', '.test_') : name;
  const node = makeSqlOperationNode({
    name: `expectation_of_${consumer}`,
    package_name: inv.workspace.root.name,
    original_file_path: `${consumer}/${e.file}`,
    path: `expectations/${consumer}.sql`,
    schema: String(inv.target.schema),
    raw_code: `{{ ${macro}(**_dbt_generic_test_kwargs) }}`,
  });
  return Object.assign(node, {
    test_metadata: {
      name: e.test_name,
      kwargs: {
        ...(e.column_name === null ? {} : { column_name: e.column_name }),
        ...e.kwargs,
        model: `{{ get_where_subquery(ref('${e.product}'${version})) }}`,
      },
    },
    config: { ...node.config, ...e.config },
  }) as unknown as CompilableNode;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || (typeof v === 'bigint' && v !== 0n);
}
