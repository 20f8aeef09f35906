/** `unit_tests:` from properties YAML into manifest unit-test definitions attached to their model. */
import type { PropertiesFile } from '../config/index.js';
import type { JsonObject, ManifestNode, UnitTestDefinition } from './node-types.js';
import type { ParseIssue } from './parse-issues.js';
import { makeUnitTest, makeUnitTestExpect, makeUnitTestInput } from './resource-defaults.js';

export function buildUnitTests(
  files: readonly PropertiesFile[],
  packageName: string,
  nodes: Record<string, ManifestNode>,
): { unitTests: Record<string, UnitTestDefinition>; errors: ParseIssue[] } {
  const unitTests: Record<string, UnitTestDefinition> = {};
  const errors: ParseIssue[] = [];
  for (const file of files) {
    for (const u of file.unitTests) {
      const model = Object.values(nodes).find(
        (n) => n.resource_type === 'model' && n.name === u.model && n.package_name === packageName,
      );
      if (!model) {
        errors.push({
          message: `unit test '${u.name}' is for model '${u.model}', which does not exist`,
          code: 'E_UNIT_TEST_MODEL',
          file: file.file,
          line: u.loc.line,
          column: u.loc.column,
        });
        continue;
      }
      const test = makeUnitTest({
        name: u.name,
        model: u.model,
        package_name: packageName,
        original_file_path: file.file,
        description: u.description,
        given: u.given.map((g) =>
          makeUnitTestInput({
            input: g.input,
            rows: (g.rows ?? null) as never,
            format: g.format ?? 'dict',
            fixture: g.fixture ?? null,
          }),
        ),
        expect: makeUnitTestExpect({
          rows: (u.expect.rows ?? null) as never,
          format: u.expect.format ?? 'dict',
          fixture: u.expect.fixture ?? null,
        }),
        overrides: (u.overrides as never) ?? null,
        config: {
          tags: (u.config.tags as string[] | undefined) ?? [],
          meta: (u.config.meta as JsonObject | undefined) ?? {},
          enabled: u.config.enabled !== false,
          static_analysis: null,
        },
      });
      test.depends_on.nodes = [model.unique_id];
      if (test.config.enabled) unitTests[test.unique_id] = test;
    }
  }
  return { unitTests, errors };
}
