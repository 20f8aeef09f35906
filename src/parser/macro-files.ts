/**
 * Macro files and docs files: every `{% macro %}`, `{% test %}` and `{% materialization %}` block
 * becomes a registry entry; every `{% docs %}` block a Documentation.
 */
import type { MacroEntry } from '../compiler/index.js';
import type { Environment, Template } from '../jinja/index.js';
import type { ProjectFile } from './files.js';

export interface MacroFileResult {
  template: Template;
  entries: MacroEntry[];
}

const BLOCK = /\{%-?\s*(macro|test|materialization)\s+([A-Za-z_][A-Za-z0-9_]*)[\s\S]*?\{%-?\s*end\1\s*-?%\}/g;

/** Source text of each top-level block, keyed by `<tag>:<name>` (for the manifest's `macro_sql`). */
function blockSources(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(BLOCK)) out.set(`${m[1]}:${m[2]}`, m[0]);
  return out;
}

/** The macro name a block defines: `test_<name>` for tests, `materialization_<name>_<adapter>` for materializations. */
export function macroNameFor(
  tag: string,
  name: string,
  headerArgs: readonly unknown[],
  headerKwargs: Record<string, unknown>,
): { name: string; adapter?: string } {
  if (tag === 'test') return { name: `test_${name}` };
  if (tag === 'materialization') {
    const adapter = String(
      headerKwargs.adapter ??
        (headerArgs[0] === 'default' || headerArgs.length === 0 ? 'default' : headerArgs[0]),
    );
    return { name: `materialization_${name}_${adapter}`, adapter };
  }
  return { name };
}

export function parseMacroFile(
  env: Environment,
  file: ProjectFile,
  text: string,
  packageName: string,
): MacroFileResult {
  const template = env.fromString(text, file.originalFilePath);
  const sources = blockSources(text);
  const entries: MacroEntry[] = [];
  for (const def of template.definitions) {
    if (def.tag !== 'macro' && def.tag !== 'test' && def.tag !== 'materialization') continue;
    const { name, adapter } = macroNameFor(def.tag, def.name, def.headerArgs ?? [], def.headerKwargs ?? {});
    entries.push({
      name,
      packageName,
      template,
      definition: def,
      uniqueId: `macro.${packageName}.${name}`,
      originalFilePath: file.originalFilePath,
      path: file.absolute,
      macroSql: sources.get(`${def.tag}:${def.name}`) ?? '',
      tag: def.tag,
      adapter,
      line: def.line,
    });
  }
  return { template, entries };
}

export interface DocBlock {
  name: string;
  packageName: string;
  originalFilePath: string;
  path: string;
  contents: string;
}

const DOCS = /\{%-?\s*docs\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g;

/** `{% docs name %}…{% enddocs %}` blocks of a markdown file (contents trimmed as dbt does). */
export function parseDocsFile(file: ProjectFile, text: string, packageName: string): DocBlock[] {
  const out: DocBlock[] = [];
  for (const m of text.matchAll(DOCS)) {
    out.push({
      name: m[1]!,
      packageName,
      originalFilePath: file.originalFilePath,
      path: file.path,
      contents: m[2]!.trim(),
    });
  }
  return out;
}
