/**
 * The properties-YAML step of a parse: every schema file read and rendered (with target, var and
 * env_var, as dbt does), or taken from the partial-parse cache when unchanged.
 */
import type { CompileSession } from '../compiler/index.js';
import { type PropertiesFile, type ReadPropertiesOptions, readPropertiesFile } from '../config/index.js';
import type { FindFiles } from './files.js';
import { issueOf, type ParseIssue } from './parse-issues.js';
import { projectsInOrder } from './parse-macros.js';
import {
  type CachedPropertiesFile,
  checkStamp,
  type PartialParseState,
  readStamped,
} from './partial-parse.js';
import type { SessionOptions } from './session.js';
import type { Workspace } from './workspace.js';

export interface PropertiesEntry extends CachedPropertiesFile {
  absolute: string;
  /** Parsed in this run (not taken from the cache). */
  fresh: boolean;
}

export interface PropertiesStep {
  workspace: Workspace;
  findFiles: FindFiles;
  previous: PartialParseState | undefined;
  render: ReadPropertiesOptions['render'];
  /** The env that records what templates read. */
  env: Record<string, string | undefined>;
  options: Pick<SessionOptions, 'cliVars' | 'masker' | 'target'>;
  session: Omit<CompileSession, 'bindMacro' | 'graph'>;
  /** Filled in: problems, and the project-relative paths of the files read anew. */
  errors: ParseIssue[];
  warnings: ParseIssue[];
  reparsed: string[];
}

export async function readPropertiesEntries(step: PropertiesStep): Promise<PropertiesEntry[]> {
  const { previous, errors, warnings, options } = step;
  const entries: PropertiesEntry[] = [];
  for (const p of projectsInOrder(step.workspace)) {
    const dirs = [
      ...p.config.modelPaths,
      ...p.config.seedPaths,
      ...p.config.snapshotPaths,
      ...p.config.analysisPaths,
      ...p.config.macroPaths,
      ...p.config.testPaths,
    ];
    for (const file of step.findFiles(p.dir, dirs, ['.yml', '.yaml'])) {
      const cached = previous?.propertiesFiles[file.absolute];
      const check =
        cached?.pkg === p.name ? checkStamp(file.absolute, cached.stamp, previous!.startedAt) : undefined;
      if (cached && check?.unchanged) {
        const stamp = check.stamp ?? cached.stamp;
        entries.push({ ...cached, stamp, absolute: file.absolute, fresh: false });
        warnings.push(...cached.warnings);
        continue;
      }
      const { text, stamp } = (check && !check.unchanged && check.read) || readStamped(file.absolute);
      step.reparsed.push(file.originalFilePath);
      const r = await readPropertiesFile(file.originalFilePath, text, {
        render: step.render,
        env: step.env,
        cliVars: options.cliVars,
        secrets: options.masker,
        context: yamlContext(step.session, p.name, options.target),
      });
      const fileWarnings = r.warnings.map((e) => issueOf(e));
      if (!r.ok) errors.push(...r.errors.map((e) => issueOf(e)));
      else
        entries.push({
          pkg: p.name,
          stamp,
          file: r.value,
          warnings: fileWarnings,
          tests: [],
          absolute: file.absolute,
          fresh: true,
        });
      warnings.push(...fileWarnings);
    }
  }
  return entries;
}

/** `<pkg>:<name>` of every entry declared in a properties file that changed (old or new version). */
export function changedPatchKeys(
  previous: PartialParseState | undefined,
  entries: PropertiesEntry[],
): Set<string> {
  const out = new Set<string>();
  if (!previous) return out;
  const add = (pkg: string, file: PropertiesFile | undefined) => {
    if (!file) return;
    for (const list of [file.models, file.seeds, file.analyses, file.snapshots])
      for (const e of list) out.add(`${pkg}:${e.name}`);
    // A version's file has a stem of its own (`dim_v2`, or `defined_in`).
    for (const m of file.models)
      for (const v of m.versions) out.add(`${pkg}:${v.definedIn ?? `${m.name}_v${v.v}`}`);
  };
  const current = new Set<string>();
  for (const e of entries) {
    current.add(e.absolute);
    if (!e.fresh) continue;
    add(e.pkg, e.file);
    const old = previous.propertiesFiles[e.absolute];
    add(old?.pkg ?? e.pkg, old?.file);
  }
  for (const [absolute, old] of Object.entries(previous.propertiesFiles))
    if (!current.has(absolute)) add(old.pkg, old.file);
  return out;
}

function yamlContext(
  session: Omit<CompileSession, 'bindMacro' | 'graph'>,
  pkg: string,
  target: Record<string, unknown>,
): Record<string, unknown> {
  return {
    target,
    var: (name: string, fallback?: unknown) => session.lookupVar(String(name), pkg) ?? fallback ?? null,
    env_var: (name: string, fallback?: unknown) => session.envVar(String(name), fallback),
    project_name: session.projectName,
  };
}
