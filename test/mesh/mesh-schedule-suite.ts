// One schedule across the projects of a mesh, on a real warehouse (see mesh-schedule.test.ts and
// mesh-schedule-postgres.test.ts): no barrier between projects — a consumer's nodes that do not
// read the producer run while the producer is still busy; a node that reads a producer's model
// waits for the model and its tests, and is skipped (naming them) when they fail, while the
// consumer's other nodes still run; `--threads` caps the nodes of all projects together.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { type MeshRunOutcome, openMesh, runMesh } from '../../src/app/index.js';
import { EventBus, type NodeResult } from '../../src/runner/index.js';

/** What the suite needs to know of the warehouse. */
export interface MeshWarehouse {
  /** Runs before the workspace is written (start a server…). */
  ready?: () => Promise<unknown>;
  /** The profiles.yml entry of project `name`, writing to a schema of its own. */
  profile(name: string): string;
  /** A select that takes about half a second. */
  slowSelect: string;
  /** A from-clause item that takes a little while. */
  slowSubquery: string;
  /** The relation of `project`'s model `name` as compiled SQL names it. */
  relation(project: string, name: string): string;
}

export function meshScheduleSuite(warehouse: MeshWarehouse): { dir: () => string } {
  let mesh: string;

  const write = (path: string, text: string) => {
    const file = join(mesh, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };

  before(async () => {
    await warehouse.ready?.();
    mesh = mkdtempSync(join(tmpdir(), 'tessera-mesh-schedule-'));
    write(
      'mesh.yml',
      'name: scheduled\npublications: target/publications\nprofiles-dir: "./"\nprojects: [producer, consumer]\n',
    );
    write('profiles.yml', `${warehouse.profile('producer')}${warehouse.profile('consumer')}`);
    write('producer/dbt_project.yml', "name: producer\nversion: '1.0'\nprofile: producer\n");
    // Slow on purpose: the consumer's own work must not wait for it.
    write('producer/models/slow_model.sql', `{{ config(materialized='table') }}\n${warehouse.slowSelect}\n`);
    write('producer/models/fct.sql', 'select 1 as id union all select 2 as id\n');
    write(
      'producer/models/producer.yml',
      'models:\n  - name: fct\n    access: public\n    columns:\n      - name: id\n        data_tests: [not_null]\n',
    );
    // A test of fct that takes a while, and fails when asked to.
    write(
      'producer/tests/fct_is_fine.sql',
      `select * from {{ ref('fct') }}, ${warehouse.slowSubquery}\nwhere {{ 'true' if var('break_fct', false) else 'false' }}\n`,
    );
    write('consumer/dbt_project.yml', "name: consumer\nversion: '1.0'\nprofile: consumer\n");
    write('consumer/dependencies.yml', 'projects:\n  - name: producer\n');
    write('consumer/models/independent.sql', 'select 42 as answer\n');
    write('consumer/models/reads_fct.sql', "select id * 10 as id10 from {{ ref('producer', 'fct') }}\n");
    write('consumer/models/after_reads.sql', "select count(*) as n from {{ ref('reads_fct') }}\n");
  });

  interface Traced {
    outcome: MeshRunOutcome;
    /** `project:node` as each node finished, across projects. */
    finished: string[];
  }

  async function build(options: { threads?: number; vars?: Record<string, unknown> } = {}): Promise<Traced> {
    const finished: string[] = [];
    const { workspace, order } = await openMesh(mesh);
    const outcome = await runMesh(workspace, order, {
      command: 'build',
      threads: options.threads ?? 4,
      vars: options.vars,
      events: (project) => {
        const bus = new EventBus();
        bus.on((e) => {
          if (e.type === 'node-finished') finished.push(`${project.name}:${e.node.name}`);
        });
        return bus;
      },
    });
    return { outcome, finished };
  }

  const resultsOf = (outcome: MeshRunOutcome, project: string): Map<string, NodeResult> =>
    new Map(
      (outcome.projects.find((p) => p.project === project)?.results ?? []).map((r) => [
        r.unique_id.split('.').slice(2).join('.'),
        r,
      ]),
    );
  const startedAt = (r: NodeResult | undefined) => Date.parse(r?.timing[0]?.started_at ?? 'x');
  const completedAt = (r: NodeResult | undefined) => Date.parse(r?.timing.at(-1)?.completed_at ?? 'x');

  test("a consumer's independent node finishes before the producer's slow model: no barrier", async () => {
    const { outcome, finished } = await build();
    assert.deepEqual(
      outcome.projects.map((p) => `${p.project}:${p.status}:${p.publish?.published}`),
      ['producer:success:true', 'consumer:success:true'],
      JSON.stringify(outcome.projects.map((p) => p.problems ?? p.reason)),
    );
    const slow = finished.indexOf('producer:slow_model');
    assert.ok(slow >= 0 && finished.indexOf('consumer:independent') < slow, finished.join(' '));
    const producer = resultsOf(outcome, 'producer');
    const consumer = resultsOf(outcome, 'consumer');
    assert.ok(
      completedAt(consumer.get('independent')) <= completedAt(producer.get('slow_model')),
      'independent finished first in run_results timings too',
    );
    // Each project still writes its own run_results.json.
    const written = JSON.parse(readFileSync(join(mesh, 'consumer', 'target', 'run_results.json'), 'utf8'));
    assert.deepEqual(written.results.map((r: { unique_id: string }) => r.unique_id).sort(), [
      'model.consumer.after_reads',
      'model.consumer.independent',
      'model.consumer.reads_fct',
    ]);
  });

  test("a node reading a producer's model waits for the model and every test of it", async () => {
    const { outcome } = await build();
    const producer = resultsOf(outcome, 'producer');
    const reads = resultsOf(outcome, 'consumer').get('reads_fct');
    assert.equal(reads?.status, 'success');
    const tests = [...producer.entries()].filter(
      ([id]) => id.startsWith('fct_is_fine') || id.startsWith('not_null'),
    );
    assert.equal(tests.length, 2);
    for (const [id, r] of [['fct', producer.get('fct')] as const, ...tests])
      assert.ok(completedAt(r) <= startedAt(reads), `reads_fct started before ${id} completed`);
    assert.ok((reads?.compiled_code ?? '').includes(`from ${warehouse.relation('producer', 'fct')}`));
  });

  test("a failing producer test skips the consumer's readers, naming it, but not its other nodes", async () => {
    const { outcome, finished } = await build({ vars: { break_fct: true } });
    const status = Object.fromEntries(outcome.projects.map((p) => [p.project, p.status]));
    assert.deepEqual(status, { producer: 'failed', consumer: 'skipped' });
    assert.equal(outcome.exitCode, 1);
    const consumer = resultsOf(outcome, 'consumer');
    assert.equal(consumer.get('independent')?.status, 'success');
    assert.equal(consumer.get('reads_fct')?.status, 'skipped');
    assert.equal(consumer.get('after_reads')?.status, 'skipped');
    assert.match(
      consumer.get('reads_fct')?.message ?? '',
      /upstream model\.producer\.fct \(project 'producer'\): test\.producer\.fct_is_fine fail/,
    );
    const skipped = outcome.projects.find((p) => p.project === 'consumer')!;
    assert.match(skipped.reason ?? '', /^2 nodes skipped: upstream model\.producer\.fct/);
    assert.equal(skipped.publish?.published, false);
    // The skips are printed as they happen, like any node's end.
    assert.ok(finished.includes('consumer:reads_fct') && finished.includes('consumer:after_reads'));
  });

  test('--threads caps the running nodes of all projects together', async () => {
    const { outcome } = await build({ threads: 1 });
    assert.equal(outcome.exitCode, 0);
    const spans = outcome.projects
      .flatMap((p) => p.results)
      .map((r) => [startedAt(r), completedAt(r), r.thread_id] as const)
      .sort((a, b) => a[0] - b[0]);
    assert.ok(spans.every(([, , thread]) => thread === 'Thread-1 (worker)'));
    for (let i = 1; i < spans.length; i++)
      assert.ok(spans[i]![0] >= spans[i - 1]![1], 'two nodes ran at the same time with --threads 1');
  });

  test('mesh test runs the tests of every project in the same schedule', async () => {
    const { workspace, order } = await openMesh(mesh);
    const outcome = await runMesh(workspace, order, {
      command: 'test',
      threads: 2,
      events: () => new EventBus(),
    });
    assert.equal(outcome.exitCode, 0, JSON.stringify(outcome.projects.map((p) => p.problems)));
    assert.deepEqual(
      [...resultsOf(outcome, 'producer').entries()]
        .map(([id, r]) => `${id.split('.')[0]}:${r.status}`)
        .sort(),
      ['fct_is_fine:pass', 'not_null_fct_id:pass'],
    );
    assert.deepEqual(resultsOf(outcome, 'consumer').size, 0);
  });

  return { dir: () => mesh };
}
