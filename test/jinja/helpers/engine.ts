/**
 * The one place the Jinja verification tests touch the engine's public API
 * (src/jinja/index.ts): `new Environment({ loader })`, `env.getTemplate(name)`,
 * `template.render(context)`, and `TemplateError` with `kind`/`line`/`column`/`templateName`.
 */
import { Environment, TemplateError } from '../../../src/jinja/index.js';
import { CORPUS_ROOT, corpusLoader } from './corpus.js';

export { TemplateError };

/** An environment configured like the golden generator's: loader rooted at the corpus. */
export function createCorpusEnvironment(extra: Record<string, string> = {}, root = CORPUS_ROOT): Environment {
  const fromDisk = corpusLoader(root);
  return new Environment({ loader: (name: string) => extra[name] ?? fromDisk(name) });
}

/** Render a named template with a context; errors propagate untouched. */
export async function renderNamed(
  env: Environment,
  name: string,
  context: Record<string, unknown>,
): Promise<string> {
  const template = await env.getTemplate(name);
  return template.render(context);
}

/** How a failure looks in a test message, whatever was thrown. */
export function describeThrown(error: unknown): string {
  if (error instanceof TemplateError) {
    return `TemplateError(kind=${error.kind}, line=${error.line}, column=${error.column}): ${error.format()}`;
  }
  // A stack starts with `Name: message`, so it alone says everything.
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `non-Error thrown: ${String(error)}`;
}
