// The data-test-config project: a table `gaps` (ids 0–9, `v` null for the five even ids) and five
// `not_null` tests on `v` that differ only in their configs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeGapsProject(dir: string, options: { storeFailures?: boolean } = {}): void {
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(
    join(dir, 'models', 'gaps.sql'),
    "{{ config(materialized='table') }}\nselect i as id, case when i % 2 = 0 then null else i end as v from generate_series(0, 9) t(i)\n",
  );
  const defaultConfig = options.storeFailures ? '\n              config: {store_failures: true}' : '';
  writeFileSync(
    join(dir, 'models', 'schema.yml'),
    `version: 2
models:
  - name: gaps
    columns:
      - name: v
        data_tests:
          - not_null:
              name: nulls_default${defaultConfig}
          - not_null:
              name: nulls_warn_only
              config: {severity: warn}
          - not_null:
              name: nulls_thresholds
              config: {warn_if: ">1", error_if: ">10"}
          - not_null:
              name: nulls_fail_calc
              config: {fail_calc: "count(*) - 5"}
          - not_null:
              name: nulls_limit
              config: {limit: 2}
`,
  );
}
