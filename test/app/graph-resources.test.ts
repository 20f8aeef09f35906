// The `graph` beside nodes: exposures, metrics and semantic models, source freshness inherited
// from the source, time spines, deprecation dates and verbose regexes, as dbt-core gives them.
// Expected values: test/fixtures/projects/graph_resources/EXPECTED.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeErrors, loadSchemaValidator } from '../artifacts/fixtures/dbt-schemas.js';
import { projectCopy, query, tessera } from '../helpers/projects.js';

test('graph holds exposures, metrics, semantic models and inherited freshness as dbt does', async () => {
  const dir = projectCopy('graph_resources');
  const build = await tessera(dir, 'build');
  assert.equal(build.exitCode, 0, JSON.stringify(build.results.map((r) => r.message)));
  assert.equal(build.results.length, 5, 'three models and two tests, as in dbt');
  const rows = await query(dir, 'select kind, id, a, b from graph_probe order by kind, id');
  const row = (id: string) => rows.find((r) => r.id === id);
  assert.deepEqual(row('exposure.graph_resources.dashboard'), {
    kind: 'exposure',
    id: 'exposure.graph_resources.dashboard',
    a: 'source.graph_resources.raw.t_inherit,model.graph_resources.orders.v1',
    b: 'from_config,top',
  });
  assert.equal(row('metric.graph_resources.orders_30d')?.b, 'order_count|30 day|');
  assert.equal(
    row('metric.graph_resources.orders_total')?.b,
    "order_count||{{ Dimension('order__ordered_at') }} > '2024-01-01'",
  );
  assert.equal(
    row('metric.graph_resources.revenue_per_order')?.a,
    'metric.graph_resources.orders_total,metric.graph_resources.revenue_total',
  );
  assert.equal(row('metric.graph_resources.revenue_total')?.a, 'semantic_model.graph_resources.order_facts');
  assert.deepEqual(
    [
      row('semantic_model.graph_resources.order_facts')?.a,
      row('semantic_model.graph_resources.order_facts')?.b,
    ],
    ['model.graph_resources.orders.v1', 'orders_v1|order_count,revenue'],
  );
  const fresh = (t: string) => [row(`source.graph_resources.${t}`)?.a, row(`source.graph_resources.${t}`)?.b];
  assert.deepEqual(fresh('plain.t_plain'), ['None', 'None']);
  assert.deepEqual(fresh('raw.t_inherit'), ['12', 'None']);
  assert.deepEqual(fresh('raw.t_off'), ['off', 'off']);
  assert.deepEqual(fresh('raw.t_override'), ['12', '1']);
  assert.equal(row('model.graph_resources.all_days')?.a, 'date_day');
  // dbt reads a date without a zone in the machine's zone (+00:00 where EXPECTED.md was made).
  assert.match(String(row('model.graph_resources.orders.v1')?.b), /^2030-01-01T00:00:00[+-]\d\d:\d\d$/);
  assert.equal(row('findall')?.a, 'from:raw_orders,join:x');
  assert.equal(
    row('test.graph_resources.not_null_all_days_date_day.d13bfc0428')?.a,
    'macro.dbt.test_not_null',
  );
  assert.equal(
    row('test.graph_resources.accepted_values_all_days_date_day__2024_01_01.1422d8e2d7')?.a,
    'macro.dbt.test_accepted_values,macro.dbt.get_where_subquery',
  );
});

test('the manifest holds metrics and semantic models, with their lineage, and validates', async () => {
  const dir = projectCopy('graph_resources');
  const build = await tessera(dir, 'run');
  assert.equal(build.exitCode, 0);
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.metrics).sort(), [
    'metric.graph_resources.orders_30d',
    'metric.graph_resources.orders_total',
    'metric.graph_resources.revenue_per_order',
    'metric.graph_resources.revenue_total',
  ]);
  const ratio = manifest.metrics['metric.graph_resources.revenue_per_order'];
  assert.deepEqual(
    ratio.type_params.input_measures.map((m: { name: string }) => m.name),
    ['revenue', 'order_count'],
  );
  assert.deepEqual(ratio.depends_on.nodes, [
    'metric.graph_resources.revenue_total',
    'metric.graph_resources.orders_total',
  ]);
  assert.deepEqual(ratio.metrics, []);
  assert.deepEqual(manifest.metrics['metric.graph_resources.orders_30d'].type_params.cumulative_type_params, {
    window: { count: 30, granularity: 'day' },
    grain_to_date: null,
    period_agg: 'first',
    metric: null,
  });
  const model = manifest.semantic_models['semantic_model.graph_resources.order_facts'];
  assert.equal(model.description, null);
  assert.equal(model.node_relation.alias, 'orders_v1');
  assert.deepEqual(manifest.parent_map['metric.graph_resources.orders_total'], [
    'semantic_model.graph_resources.order_facts',
  ]);
  assert.ok(
    manifest.child_map['model.graph_resources.orders.v1'].includes(
      'semantic_model.graph_resources.order_facts',
    ),
  );
  const validate = loadSchemaValidator('manifest-v12');
  assert.ok(validate(manifest), describeErrors(validate));
});
