/** Opening a project from CLI flags, with the output object every command prints through. */
import type { Invocation } from '../app/index.js';
import { type CommonFlags, invocationOptions } from './options.js';
import { Output } from './output.js';

export function outputFor(flags: CommonFlags): Output {
  return new Output({ logFormat: flags.logFormat, quiet: flags.quiet });
}

export async function open(flags: CommonFlags, command: string, out: Output): Promise<Invocation> {
  const opts = invocationOptions(flags, command, (level, message) =>
    level === 'warn' ? out.warn(message) : level === 'error' ? out.error(message) : out.info(message),
  );
  const { openProject } = await import('../app/index.js');
  const inv = await openProject(opts);
  out.mask = (text) => inv.masker.mask(text);
  out.info(summarize(inv));
  return inv;
}

/** The `Found 3 models, 4 data tests, … macros` line every command prints once the project is read. */
export function summarize(inv: Invocation): string {
  const counts = new Map<string, number>();
  for (const n of Object.values(inv.project.nodes))
    counts.set(n.resource_type, (counts.get(n.resource_type) ?? 0) + 1);
  const parts = [
    ['model', 'models'],
    ['test', 'data tests'],
    ['seed', 'seeds'],
    ['snapshot', 'snapshots'],
    ['analysis', 'analyses'],
  ]
    .filter(([k]) => counts.get(k!))
    .map(([k, label]) => `${counts.get(k!)} ${label}`);
  const nSources = Object.keys(inv.project.sources).length;
  if (nSources) parts.push(`${nSources} sources`);
  parts.push(`${Object.keys(inv.project.macros).length} macros`);
  return `Found ${parts.join(', ')}`;
}
