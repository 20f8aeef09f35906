/** `init`: create a new project folder with a DuckDB profile and a first model. */

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../app/errors.js';
import { Output, reportError } from './output.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Create a new dbt project that runs on embedded DuckDB')
    .argument('<name>', 'project name (letters, digits, underscores)')
    .action(async (name: string) => {
      const out = new Output({});
      try {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          throw new CommandError([
            {
              message: `project name '${name}' must be letters, digits and underscores, not starting with a digit`,
              code: 'E_NAME',
            },
          ]);
        if (existsSync(name))
          throw new CommandError([{ message: `folder '${name}' already exists`, code: 'E_EXISTS' }]);
        for (const d of ['models/example', 'seeds', 'macros', 'tests', 'snapshots', 'analyses'])
          await mkdir(join(name, d), { recursive: true });
        await writeFile(
          join(name, 'dbt_project.yml'),
          `name: ${name}\nversion: '1.0.0'\nprofile: ${name}\n\nmodel-paths: ["models"]\nseed-paths: ["seeds"]\ntest-paths: ["tests"]\nmacro-paths: ["macros"]\nsnapshot-paths: ["snapshots"]\nanalysis-paths: ["analyses"]\nclean-targets: ["target", "dbt_packages"]\n\nmodels:\n  ${name}:\n    example:\n      +materialized: view\n`,
        );
        await writeFile(
          join(name, 'profiles.yml'),
          `${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${name}.duckdb\n      threads: 4\n`,
        );
        await writeFile(
          join(name, 'models/example/my_first_model.sql'),
          `select 1 as id, 'hello' as greeting\n`,
        );
        await writeFile(
          join(name, 'models/example/schema.yml'),
          `version: 2\nmodels:\n  - name: my_first_model\n    description: A first model\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n`,
        );
        out.info(`Created ${name}/. Next: cd ${name} && tessera build`);
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
}
