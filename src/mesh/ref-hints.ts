/**
 * A ref to another project that found nothing gets a hint from that project's publication:
 * which products it offers, which versions a product has, or that the model is not public.
 */
import type { MeshProblem } from './problems.js';
import type { Publication } from './publication-types.js';

// The parser's message names the ref as `'<package>.<model>'` and, when pinned, `(version N)`.
const MISSING_REF = /depends on a node named '([^'.]+)\.([^']+)'(?: \(version ([^)]+)\))?/;

export function withRefHint<P extends MeshProblem>(problem: P, publications: readonly Publication[]): P {
  if (problem.code !== 'E_REF_NOT_FOUND') return problem;
  const match = MISSING_REF.exec(problem.message);
  const pub = match && publications.find((p) => p.project === match[1]);
  if (!match || !pub) return problem;
  const [, project, name, version] = match;
  const versions = pub.products.filter((p) => p.name === name).map((p) => p.version);
  let hint: string;
  if (versions.length && version !== undefined)
    hint = versions.every((v) => v === null)
      ? `'${project}' publishes ${name} without versions: drop v=${version}`
      : `'${project}' publishes ${name} in versions ${versions.join(', ')}`;
  else if (pub.restricted.some((r) => r.name === name)) hint = `${name} is not public in '${project}'`;
  else
    hint = `'${project}' publishes ${pub.products.map((p) => p.name).join(', ') || 'no products'} (published ${pub.published_at})`;
  return { ...problem, message: `${problem.message}: ${hint}` };
}
