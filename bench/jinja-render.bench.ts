/**
 * Renders/s of a 40-line dbt-style model: a config() call, a loop over columns, if/else, string
 * operations and three macro calls (via adapter.dispatch, one ending through a host `return()`,
 * one plain). Macros are bound lazily against a per-render Proxy context, as the dbt compiler will.
 * Run: npx tsx bench/jinja-render.bench.ts [seconds]
 */
import { Environment, Kwargs, MacroReturn, splitArgs } from '../src/jinja/index.js';

const MACROS = `
{% macro default__cast_text(expr) -%}
  cast({{ expr }} as {{ 'varchar' if target.type == 'duckdb' else 'text' }})
{%- endmacro %}

{% macro get_audit_columns(prefix) -%}
  {%- set cols = [] -%}
  {%- for name in ['loaded_at', 'batch_id'] -%}
    {%- do cols.append(prefix ~ '_' ~ name) -%}
  {%- endfor -%}
  {{ return(cols) }}
{%- endmacro %}

{% macro quote_col(name) -%}
  "{{ name | replace('"', '""') }}"
{%- endmacro %}
`;

const MODEL = `{{ config(materialized='incremental', unique_key='id', tags=['daily', 'core']) }}
{%- set columns = ['id', 'customer_name', 'email', 'created_at', 'status', 'amount'] -%}
{%- set audit = get_audit_columns('etl') %}
with source as (
    select * from {{ ref('stg_orders') }}
),

renamed as (
    select
    {%- for col in columns %}
        {%- if col == 'email' %}
        lower({{ quote_col(col) }}) as {{ col }}
        {%- elif col.endswith('_at') %}
        {{ adapter.dispatch('cast_text', 'my_pkg')(col) }} as {{ col | upper }}
        {%- else %}
        {{ quote_col(col) }} as {{ col }}
        {%- endif %}{{ ',' if not loop.last }}
    {%- endfor %}
    {%- for a in audit %},
        null as {{ a }}
    {%- endfor %}
    from source
    where status != 'deleted'
)

select
    *,
    '{{ this.schema }}' as source_schema,
    {{ var('multiplier', 1) }} * amount as scaled_amount
from renamed
{% if is_incremental() %}
where created_at > (select max(created_at) from {{ this }})
{% else %}
-- full refresh of {{ this.identifier | lower }} ({{ columns | length }} columns)
{% endif %}
`;

class Relation {
  constructor(
    readonly schema: string,
    readonly identifier: string,
  ) {}
  toString(): string {
    return `"main"."${this.schema}"."${this.identifier}"`;
  }
}

const env = new Environment();
const macrosTpl = env.fromString(MACROS, 'macros/utils.sql');

function makeContext(): Record<string, unknown> {
  const configured: Record<string, unknown> = {};
  const base: Record<string, unknown> = {
    config: (...args: unknown[]) => {
      Object.assign(configured, splitArgs(args).kwargs);
      return '';
    },
    ref: async (name: string) => new Relation('analytics', name),
    var: (name: string, fallback: unknown) => (name === 'multiplier' ? fallback : null),
    is_incremental: () => false,
    this: new Relation('analytics', 'orders'),
    target: { type: 'duckdb', schema: 'analytics' },
    return: (v: unknown) => {
      throw new MacroReturn(v);
    },
    adapter: {
      dispatch(name: string, _pkg: string) {
        return macrosTpl.bind(`default__${name}`, context);
      },
    },
  };
  // Names resolve lazily: macros of the project are bound on first use, as the host will do.
  const context: Record<string, unknown> = new Proxy(base, {
    has: (t, name) =>
      typeof name === 'string' && (name in t || macrosTpl.definitions.some((d) => d.name === name)),
    get: (t, name) => {
      if (typeof name !== 'string') return undefined;
      if (name in t) return t[name];
      return macrosTpl.definitions.some((d) => d.name === name) ? macrosTpl.bind(name, context) : undefined;
    },
  });
  return context;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const model = env.fromString(MODEL, 'models/orders.sql');
  const sample = await model.render(makeContext());
  if (!sample.includes('lower("email") as email') || !sample.includes('etl_batch_id')) {
    throw new Error(`unexpected output:\n${sample}`);
  }
  void Kwargs;
  for (let i = 0; i < 2000; i++) await model.render(makeContext()); // warm-up
  let n = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) await model.render(makeContext());
    n += 200;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(sample);
  console.log(
    `jinja-render: ${Math.round(n / elapsed)} renders/s (${n} renders in ${elapsed.toFixed(2)} s wall)`,
  );
  // On a shared machine wall time includes waiting for a core; CPU time does not.
  console.log(
    `jinja-render: ${Math.round(n / cpuSeconds)} renders per CPU-second (${cpuSeconds.toFixed(2)} s CPU)`,
  );
}

await main();
