// Generates synthetic dbt projects for benchmarks, deterministic for a given seed.
//
//   npx tsx bench/gen-project.ts --models 1000 --out /tmp/proj1k [--chain] [--seed 1] [--force]
//
// Default ("dag") shape, in the style of dbt-labs' mock DAG projects: seeds and sources at the
// bottom, then layers of models where each model refs 1-3 models of earlier layers (one always
// from the layer just below, so the DAG is as deep as it has layers). About 20% of the models
// call `config(materialized=...)`, some call project macros, and every folder has a schema YAML
// with `unique` and `not_null` tests on each model's `id`. Every model outputs the same three
// columns (id, category, amount), so the project also runs: `dbt seed` then `dbt run`.
//
// --chain: the trivial chain for the run benchmark; model_0 selects constants and model_i is
// `select * from ref('model_{i-1}')`, all views. DuckDB binds a view through every view below
// it and stops at `max_expression_depth` (default 1000, 2 per level), so chains longer than
// ~500 need that setting raised in the profile (bench/dbt-core/run-chain.sh does).
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface GenerateProjectOptions {
  /** Number of models (seeds and sources come on top). */
  models: number;
  /** Chained views instead of the layered DAG. */
  chain: boolean;
  /** PRNG seed for the DAG shape; the same options always give the same files. */
  seed: number;
}

/** A file of the generated project, path relative to the project root. */
export interface ProjectFile {
  path: string;
  content: string;
}

/** The profile every generated project asks for; the bench scripts write it. */
export const PROFILE_NAME = 'tessera_bench';
const MODELS_PER_FOLDER = 100;
const SEED_ROWS = 20;
const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta'];
const CONFIG_SHARE = 0.2;
const MACRO_SHARE = 0.15;

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function projectYaml(name: string, materialized: string): string {
  return [
    `name: ${name}`,
    'version: "1.0.0"',
    'config-version: 2',
    `profile: ${PROFILE_NAME}`,
    '',
    'models:',
    `  ${name}:`,
    `    +materialized: ${materialized}`,
    '',
  ].join('\n');
}

/** The chained-view project: model_0 selects constants, model_i selects * from model_{i-1}. */
export function generateChainProject(models: number): ProjectFile[] {
  const files: ProjectFile[] = [{ path: 'dbt_project.yml', content: projectYaml('bench_chain', 'view') }];
  files.push({ path: 'models/model_0.sql', content: "select 1 as id, 'chain' as label\n" });
  for (let i = 1; i < models; i++) {
    files.push({ path: `models/model_${i}.sql`, content: `select * from {{ ref('model_${i - 1}') }}\n` });
  }
  return files;
}

/** A node a model can read from: another model, a seed (via ref) or a source table. */
interface Input {
  /** The Jinja call that reads it, e.g. `ref('model_3')`. */
  call: string;
}

interface PlannedModel {
  name: string;
  folder: string;
  layer: number;
  parents: Input[];
}

/** log2-ish depth: 1,000 models give 10 layers, 10,000 give 14; never an empty layer. */
function layerCount(models: number): number {
  return Math.min(models, Math.max(2, Math.ceil(Math.log2(models))));
}

function seedCsv(random: () => number): string {
  const lines = ['id,category,amount'];
  for (let id = 1; id <= SEED_ROWS; id++) {
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    lines.push(`${id},${category},${(random() * 1000).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

const MACROS = `{#- Helpers used by some generated models, so parsing and rendering include macro calls. -#}

{% macro bench_add(left, right) -%}
  ({{ left }} + coalesce({{ right }}, 0))
{%- endmacro %}

{% macro bench_round(expression, digits=2) -%}
  round({{ expression }}, {{ digits }})
{%- endmacro %}

{% macro bench_normalize(column) -%}
  lower(trim({{ column }}))
{%- endmacro %}
`;

function modelSql(model: PlannedModel, random: () => number): string {
  const lines: string[] = [];
  if (random() < CONFIG_SHARE) {
    const materialized = random() < 0.7 ? 'table' : 'view';
    lines.push(`{{ config(materialized='${materialized}', tags=['layer_${model.layer}']) }}`, '');
  }
  const useMacros = random() < MACRO_SHARE;
  const ctes = model.parents.map(
    (parent, index) => `p${index} as (\n    select * from {{ ${parent.call} }}\n)`,
  );
  lines.push(`with\n\n${ctes.join(',\n\n')}\n`);
  // With macros the sum is one Jinja expression of nested calls: bench_add(bench_add(...), ...).
  let amount = useMacros ? "'p0.amount'" : 'p0.amount';
  for (let index = 1; index < model.parents.length; index++) {
    amount = useMacros
      ? `bench_add(${amount}, 'p${index}.amount')`
      : `${amount} + coalesce(p${index}.amount, 0)`;
  }
  lines.push(
    'select',
    '    p0.id,',
    useMacros ? "    {{ bench_normalize('p0.category') }} as category," : '    p0.category,',
    useMacros ? `    {{ bench_round(${amount}) }} as amount` : `    ${amount} as amount`,
    'from p0',
  );
  for (let index = 1; index < model.parents.length; index++) {
    lines.push(`left join p${index} on p0.id = p${index}.id`);
  }
  return `${lines.join('\n')}\n`;
}

function schemaYaml(models: PlannedModel[]): string {
  const lines = ['version: 2', '', 'models:'];
  for (const model of models) {
    lines.push(
      `  - name: ${model.name}`,
      `    description: Layer ${model.layer} model reading ${model.parents.length} input(s).`,
      '    columns:',
      '      - name: id',
      '        data_tests:',
      '          - unique',
      '          - not_null',
    );
  }
  return `${lines.join('\n')}\n`;
}

function sourcesYaml(tables: string[]): string {
  const lines = [
    'version: 2',
    '',
    'sources:',
    '  - name: bench_raw',
    '    schema: "{{ target.schema }}"',
    '    tables:',
  ];
  // Source tables are loaded by seeds named raw_source_*; `identifier` maps one to the other.
  for (const table of tables) lines.push(`      - name: ${table}`, `        identifier: raw_${table}`);
  return `${lines.join('\n')}\n`;
}

/** Picks the inputs of one model; the first always comes from the layer just below. */
function pickParents(random: () => number, layers: Input[][], layer: number): Input[] {
  const below = layers[layer - 1]!;
  const parents = [below[Math.floor(random() * below.length)]!];
  const wanted = 1 + Math.floor(random() * 3);
  for (let attempt = 0; parents.length < wanted && attempt < 6; attempt++) {
    const fromLayer = layers[Math.floor(random() * layer)]!;
    const candidate = fromLayer[Math.floor(random() * fromLayer.length)]!;
    if (!parents.includes(candidate)) parents.push(candidate);
  }
  return parents;
}

/** The layered project: seeds and sources, then layers of models with tests and macros. */
export function generateDagProject(models: number, seed: number): ProjectFile[] {
  const random = createRandom(seed);
  const files: ProjectFile[] = [{ path: 'dbt_project.yml', content: projectYaml('bench_dag', 'view') }];
  files.push({ path: 'macros/bench_helpers.sql', content: MACROS });

  // Layer "0" of the inputs: ~5% of the model count, half seeds read with ref(), half sources.
  const rawCount = Math.max(2, Math.round(models * 0.05));
  const raw: Input[] = [];
  const sourceTables: string[] = [];
  for (let i = 0; i < rawCount; i++) {
    if (i % 2 === 0) {
      const name = `raw_seed_${i}`;
      files.push({ path: `seeds/${name}.csv`, content: seedCsv(random) });
      raw.push({ call: `ref('${name}')` });
    } else {
      const table = `source_${i}`;
      files.push({ path: `seeds/raw_${table}.csv`, content: seedCsv(random) });
      sourceTables.push(table);
      raw.push({ call: `source('bench_raw', '${table}')` });
    }
  }
  files.push({ path: 'models/sources.yml', content: sourcesYaml(sourceTables) });

  const layerTotal = layerCount(models);
  const layers: Input[][] = [raw];
  const planned: PlannedModel[] = [];
  let next = 0;
  for (let layer = 1; layer <= layerTotal; layer++) {
    const size = Math.floor((models * layer) / layerTotal) - Math.floor((models * (layer - 1)) / layerTotal);
    const inputs: Input[] = [];
    for (let i = 0; i < size; i++) {
      const name = `model_${next}`;
      const folder = `models/layer_${String(layer).padStart(2, '0')}/part_${String(Math.floor(i / MODELS_PER_FOLDER)).padStart(3, '0')}`;
      planned.push({ name, folder, layer, parents: pickParents(random, layers, layer) });
      inputs.push({ call: `ref('${name}')` });
      next++;
    }
    layers.push(inputs);
  }

  const byFolder = new Map<string, PlannedModel[]>();
  for (const model of planned) {
    files.push({ path: `${model.folder}/${model.name}.sql`, content: modelSql(model, random) });
    byFolder.set(model.folder, [...(byFolder.get(model.folder) ?? []), model]);
  }
  for (const [folder, folderModels] of byFolder) {
    files.push({ path: `${folder}/schema.yml`, content: schemaYaml(folderModels) });
  }
  return files;
}

/** All files of the project the options describe, in a stable order. */
export function generateProject(options: GenerateProjectOptions): ProjectFile[] {
  return options.chain
    ? generateChainProject(options.models)
    : generateDagProject(options.models, options.seed);
}

/** Writes the files under `outDir`; refuses a non-empty folder that is not a dbt project. */
export function writeProject(outDir: string, files: ProjectFile[], force: boolean): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!force) throw new Error(`${outDir} is not empty (pass --force to replace a generated project)`);
    if (!existsSync(join(outDir, 'dbt_project.yml')))
      throw new Error(`${outDir} has no dbt_project.yml; not deleting`);
    rmSync(outDir, { recursive: true });
  }
  for (const file of files) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

function parsePositiveInt(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} expects a positive integer, got '${text}'`);
  return value;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: '1000' },
      out: { type: 'string' },
      chain: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      force: { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const options = {
    models: parsePositiveInt(values.models, '--models'),
    chain: values.chain ?? false,
    seed: parsePositiveInt(values.seed, '--seed'),
  };
  const files = generateProject(options);
  writeProject(values.out, files, values.force ?? false);
  const kind = options.chain ? 'chained-view' : 'layered';
  console.log(`${values.out}: ${kind} project, ${options.models} models, ${files.length} files`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`gen-project: ${(error as Error).message}`);
    process.exit(1);
  }
}
