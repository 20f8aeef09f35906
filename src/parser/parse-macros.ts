/**
 * The first parse steps: macro files (built-ins, packages, root project) into the registry and the
 * manifest's `macros`, then docs blocks. Both are always read, also on a warm parse: templates need
 * the registry, and the hash of everything read tells the partial-parse cache whether macros changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INTERNAL_PACKAGE, type MacroRegistry } from '../compiler/index.js';
import type { ProjectConfig } from '../config/index.js';
import type { Environment } from '../jinja/index.js';
import { type FindFiles, type ProjectFile, findFiles as walkFiles } from './files.js';
import { type DocBlock, parseDocsFile, parseMacroFile } from './macro-files.js';
import type { Documentation, Macro } from './node-types.js';
import { issueOf, type ParseIssue } from './parse-issues.js';
import { makeDoc, makeMacro } from './resource-defaults.js';
import type { PackageProject, Workspace } from './workspace.js';

export interface MacrosAndDocs {
  macros: Record<string, Macro>;
  docs: Record<string, Documentation>;
  docBlocks: DocBlock[];
  errors: ParseIssue[];
  /** Hash of every macro file's path and text: any change means a full re-parse, as in dbt. */
  macroHash: string;
}

/** Packages first, the root project last (later ones may override by name in resolution). */
export function projectsInOrder(ws: Workspace): PackageProject[] {
  return [...ws.packages, ws.root];
}

export function readMacrosAndDocs(
  workspace: Workspace,
  env: Environment,
  registry: MacroRegistry,
  findFiles: FindFiles = walkFiles,
): MacrosAndDocs {
  const errors: ParseIssue[] = [];
  const macros: Record<string, Macro> = {};
  const docs: Record<string, Documentation> = {};
  const hash = createHash('sha256');
  const macroSources: { pkg: string; files: ProjectFile[] }[] = [
    { pkg: INTERNAL_PACKAGE, files: findFiles(workspace.internalMacrosDir, ['.'], ['.sql']) },
    ...projectsInOrder(workspace).map((p) => ({
      pkg: p.name,
      files: [
        ...findFiles(p.dir, p.config.macroPaths, ['.sql']),
        ...findFiles(p.dir, p.config.testPaths, ['.sql']).filter((f) => f.path.startsWith('generic/')),
      ],
    })),
  ];
  for (const { pkg, files } of macroSources) {
    for (const file of files) {
      try {
        const text = readFileSync(file.absolute, 'utf8');
        hash.update(`${pkg}\0${file.absolute}\0${text}\0`);
        const { entries } = parseMacroFile(env, file, text, pkg);
        for (const entry of entries) {
          registry.add(entry);
          macros[entry.uniqueId] = makeMacro({
            name: entry.name,
            package_name: pkg,
            original_file_path: file.originalFilePath,
            macro_sql: entry.macroSql,
            path: file.originalFilePath,
          });
        }
      } catch (err) {
        errors.push(issueOf(err, file.originalFilePath));
      }
    }
  }

  const docBlocks: DocBlock[] = [];
  for (const p of projectsInOrder(workspace)) {
    for (const file of findFiles(p.dir, docsPaths(p.config), ['.md'])) {
      const blocks = parseDocsFile(file, readFileSync(file.absolute, 'utf8'), p.name);
      for (const b of blocks) {
        docBlocks.push(b);
        const doc = makeDoc({
          name: b.name,
          package_name: p.name,
          original_file_path: b.originalFilePath,
          block_contents: b.contents,
          path: b.path,
        });
        docs[doc.unique_id] = doc;
      }
    }
  }
  return { macros, docs, docBlocks, errors, macroHash: hash.digest('hex') };
}

function docsPaths(config: ProjectConfig): string[] {
  if (config.docsPaths.length) return config.docsPaths;
  return [
    ...config.modelPaths,
    ...config.seedPaths,
    ...config.snapshotPaths,
    ...config.analysisPaths,
    ...config.macroPaths,
    ...config.testPaths,
  ];
}

/** The docs block `name` (of `pkg` when given), preferring the calling package's own. */
export function findDoc(
  blocks: DocBlock[],
  name: string,
  pkg: string | undefined,
  from: string,
): string | undefined {
  const matches = blocks.filter((b) => b.name === name && (pkg === undefined || b.packageName === pkg));
  return (matches.find((b) => b.packageName === from) ?? matches[0])?.contents;
}
