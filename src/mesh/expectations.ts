/**
 * Consumer-driven expectations: data tests a consumer declares on the upstream products it reads
 * (`expectations:` under a project of its dependencies.yml). They travel in the consumer's
 * publication; the producer runs them against its new build and names whoever would break.
 */
import { relative } from 'node:path';
import type { ProjectDependency } from '../config/index.js';
import type { ConsumerExpectation, Publication } from './publication-types.js';

/** Keys of a test entry that configure the test rather than feed the macro. */
const CONFIG_KEYS = new Set([
  'severity',
  'where',
  'error_if',
  'warn_if',
  'limit',
  'fail_calc',
  'tags',
  'meta',
]);

/** Flattens the `expectations:` of a project's dependencies into one entry per data test. */
export function expectationsFromDependencies(
  dependencies: readonly ProjectDependency[],
  projectDir: string,
): ConsumerExpectation[] {
  const out: ConsumerExpectation[] = [];
  for (const dep of dependencies)
    for (const e of dep.expectations ?? []) {
      const base = { project: dep.name, product: e.product, version: e.version };
      const at = (loc: { file: string; line: number }) => ({
        file: relative(projectDir, loc.file),
        line: loc.line,
      });
      for (const t of e.dataTests) out.push({ ...base, column_name: null, ...testEntry(t), ...at(e.loc) });
      for (const c of e.columns)
        for (const t of c.dataTests)
          out.push({ ...base, column_name: c.name, ...testEntry(t), ...at(c.loc) });
    }
  return out;
}

/** `not_null`, `{accepted_values: {values: […]}}` or `{accepted_values: {arguments: {…}, config: {…}}}`. */
function testEntry(entry: unknown): Pick<ConsumerExpectation, 'test_name' | 'kwargs' | 'config'> {
  if (typeof entry === 'string') return { test_name: entry, kwargs: {}, config: {} };
  const [name, value] = Object.entries((entry ?? {}) as Record<string, unknown>)[0] ?? ['', {}];
  const body = (value ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...((body.config ?? {}) as Record<string, unknown>) };
  const kwargs: Record<string, unknown> = { ...((body.arguments ?? {}) as Record<string, unknown>) };
  for (const [key, v] of Object.entries(body)) {
    if (key === 'config' || key === 'arguments') continue;
    if (CONFIG_KEYS.has(key)) config[key] = v;
    else kwargs[key] = v;
  }
  return { test_name: name, kwargs, config };
}

/** Every expectation other projects published on `producer`'s products, with who declared it. */
export function expectationsOn(
  producer: string,
  publications: readonly Publication[],
): { consumer: string; expectation: ConsumerExpectation }[] {
  return publications
    .filter((p) => p.project !== producer)
    .flatMap((p) =>
      (p.expectations ?? [])
        .filter((e) => e.project === producer)
        .map((expectation) => ({ consumer: p.project, expectation })),
    );
}

/** The outcome of one consumer's expectation against the producer's build. */
export interface ExpectationResult {
  consumer: string;
  expectation: ConsumerExpectation;
  /** `error`: it could not run (the product or a column is gone, the SQL failed). */
  status: 'pass' | 'warn' | 'fail' | 'error';
  failures: number;
  message: string | null;
  sql?: string;
}

/** Broken expectations (fail or error) block a publication and fail `mesh diff`. */
export const isBroken = (r: ExpectationResult): boolean => r.status === 'fail' || r.status === 'error';

export function describeExpectation(e: ConsumerExpectation): string {
  const product = `${e.product}${e.version === null ? '' : ` v${e.version}`}`;
  return `${e.test_name}${e.column_name ? ` on ${product}.${e.column_name}` : ` on ${product}`}`;
}

/** One line per broken expectation, naming the consumer and where it declared it. */
export function formatExpectationResults(
  results: readonly ExpectationResult[],
  style: 'text' | 'markdown' = 'text',
): string[] {
  const broken = results.filter(isBroken);
  if (results.length === 0) return [];
  const md = style === 'markdown';
  const lines = [
    md
      ? `**Consumer expectations:** ${results.length - broken.length} of ${results.length} pass.`
      : `Consumer expectations: ${results.length - broken.length} of ${results.length} pass`,
  ];
  for (const r of broken) {
    const e = r.expectation;
    const what = `${r.consumer} expects ${describeExpectation(e)} (${e.file}:${e.line})`;
    const why = r.status === 'error' ? `could not run: ${r.message}` : `${r.failures} failing rows`;
    lines.push(
      md ? `- \`${r.consumer}\`: ${what.slice(r.consumer.length + 1)}: ${why}` : `  BROKEN ${what}: ${why}`,
    );
  }
  return lines;
}
