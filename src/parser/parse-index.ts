/**
 * The parse index (`<target>/partial_parse.index.json`): lets a `parse` with nothing changed stop
 * before it loads the project config, the 60 MB partial-parse cache or the modules that build
 * nodes. A parse that succeeds records here every input it depended on — the stamps (mtime, size)
 * of each file under the project's resource folders and of the config files, the env vars read
 * while rendering config and templates, the command-line options, the Tessera build — and the
 * stamp of the manifest it left on disk, with the lines it printed. A later parse whose inputs all
 * match, and which finds that same manifest, has nothing to do but print those lines again.
 *
 * Deliberately light (node built-ins and the folder walk only): the CLI imports it before anything
 * else, so a warm parse costs little more than starting Node.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkFiles } from './files.js';
import type { Workspace } from './workspace.js';

export const PARSE_INDEX_FILE = 'partial_parse.index.json';
const INDEX_FORMAT = 1;
/** A file modified this close to the moment its stamp was taken may change again within one mtime tick. */
export const RACY_WINDOW_MS = 2000;
/** The folder dbt and Tessera write artifacts to unless `target-path` says otherwise. */
const DEFAULT_TARGET = 'target';
const MANIFEST_FILE = 'manifest.json';
/** The partial-parse cache (`partial-parse.ts`), named here because this module must stay light. */
export const PARTIAL_PARSE_FILE = 'partial_parse.json';
/** Files at a project's root that shape the parse when present (dbt_project.yml, package specs…). */
const PROJECT_CONFIG_FILES = [
  'dbt_project.yml',
  'packages.yml',
  'dependencies.yml',
  'package-lock.yml',
  'selectors.yml',
];
/** Env vars every parse depends on without reading them through the tracked env (home folder). */
const ALWAYS_WATCHED_ENV = ['HOME', 'DBT_PROFILES_DIR'];

/** What a parse depended on besides file contents: everything that changes a parse when changed. */
export interface ParseIndexInputs {
  toolVersion: string;
  /** The command-line options that reach the parse (project dir, profile, target, vars, threads…). */
  options: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

/** The files a parse read, as folders to list again and single files to stat again. */
export interface WatchedPaths {
  /** Folders whose files (recursively) are inputs: a new, removed or changed file is a change. */
  dirs: string[];
  /** Single files (config, profiles.yml candidates); a missing one is recorded as missing. */
  files: string[];
}

/** A printed line the parse replays when nothing changed. */
export interface IndexedLine {
  level: 'info' | 'warn';
  message: string;
}

interface StoredIndex {
  format: number;
  inputs: string;
  /** Env vars whose values are hashed into `inputs`. */
  envNames: string[];
  dirs: string[];
  files: string[];
  /** Hash of every watched path with its stamp. */
  stamps: string;
  /** `mtimeMs:size` of the manifest the parse wrote (or left in place), then of the cache. */
  manifest: string;
  lines: IndexedLine[];
}

/** Where the index of a project lives: only its default target folder is known without the config. */
export function parseIndexPath(projectDir: string): string | undefined {
  const dir = resolve(projectDir);
  let config: string;
  try {
    config = readFileSync(join(dir, 'dbt_project.yml'), 'utf8');
  } catch {
    return undefined;
  }
  // A project that moves its target folder is not served from the index (read from the config only).
  if (/^\s*["']?target-path["']?\s*:/m.test(config)) return undefined;
  return join(dir, DEFAULT_TARGET, PARSE_INDEX_FILE);
}

/** The current stamps of the watched paths: a hash, and the newest mtime seen (for the racy check). */
export function stampWatched(watched: WatchedPaths): { hash: string; newestMtimeMs: number } {
  const hash = createHash('sha256');
  let newest = 0;
  const add = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st === undefined) {
      hash.update(`${path}\0-\n`);
      return;
    }
    if (st.mtimeMs > newest) newest = st.mtimeMs;
    hash.update(`${path}\0${st.mtimeMs}\0${st.size}\n`);
  };
  for (const file of watched.files) add(file);
  for (const dir of watched.dirs) {
    hash.update(`dir\0${dir}\n`);
    for (const file of walkFiles(dir)) add(file);
  }
  return { hash: hash.digest('hex'), newestMtimeMs: newest };
}

function inputsHash(inputs: ParseIndexInputs, envNames: readonly string[]): string {
  const env = inputs.env;
  const values = envNames.map((name) => [name, envHash(env[name])]);
  const dbtEnv = Object.keys(env)
    .filter((k) => k.startsWith('DBT_ENV_') && env[k] !== undefined)
    .sort()
    .map((k) => [k, envHash(env[k])]);
  const text = JSON.stringify({
    format: INDEX_FORMAT,
    tool: inputs.toolVersion,
    build: buildStamp(),
    options: inputs.options,
    env: values,
    dbtEnv,
  });
  return createHash('sha256').update(text).digest('hex');
}

/** Hashed: secret values never reach the disk. */
function envHash(value: string | undefined): string | null {
  return value === undefined ? null : createHash('sha256').update(value).digest('hex');
}

/**
 * The stamps of the manifest and of the partial-parse cache: another command may rewrite the
 * manifest, and deleting the cache is how a user asks for a full parse.
 */
function artifactsStamp(targetDir: string): string | undefined {
  const manifest = statSync(join(targetDir, MANIFEST_FILE), { throwIfNoEntry: false });
  const cache = statSync(join(targetDir, PARTIAL_PARSE_FILE), { throwIfNoEntry: false });
  if (!manifest || !cache) return undefined;
  return `${manifest.mtimeMs}:${manifest.size}:${cache.mtimeMs}:${cache.size}`;
}

export type IndexCheck =
  | { current: true; lines: IndexedLine[] }
  | {
      current: false;
      reason: string;
      /** True when the index existed but a watched file changed since it was written. */
      filesChanged: boolean;
      /** The stamps just taken of the watched paths the index named, for the parse to reuse. */
      stamped?: { watched: WatchedPaths; hash: string; newestMtimeMs: number };
    };

/**
 * Whether the manifest next to `indexPath` is what a parse with `inputs` would write now. Never
 * throws: anything unreadable or different is a reason for a real parse.
 */
export function checkParseIndex(indexPath: string, inputs: ParseIndexInputs): IndexCheck {
  const miss = (reason: string, filesChanged = false): IndexCheck => ({
    current: false,
    reason,
    filesChanged,
  });
  let stored: StoredIndex;
  try {
    stored = JSON.parse(readFileSync(indexPath, 'utf8')) as StoredIndex;
  } catch {
    return miss('no parse index');
  }
  if (stored?.format !== INDEX_FORMAT || !Array.isArray(stored.envNames) || !Array.isArray(stored.lines))
    return miss('parse index unreadable');
  if (inputsHash(inputs, stored.envNames) !== stored.inputs)
    return miss('options, env vars or Tessera build changed');
  if (artifactsStamp(dirname(indexPath)) !== stored.manifest)
    return miss('manifest.json or the partial-parse cache changed');
  const watched = { dirs: stored.dirs, files: stored.files };
  let now: ReturnType<typeof stampWatched>;
  try {
    now = stampWatched(watched);
  } catch {
    return miss('project files unreadable', true);
  }
  if (now.hash !== stored.stamps)
    return {
      current: false,
      reason: 'project files changed',
      filesChanged: true,
      stamped: { watched, ...now },
    };
  return { current: true, lines: stored.lines };
}

export interface ParseIndexRecord {
  inputs: ParseIndexInputs;
  /** Env vars the config and the templates read. */
  envNames: readonly string[];
  watched: WatchedPaths;
  /**
   * The watched stamps, taken while the parse ran; `takenAt`: when it began reading files. A file
   * whose mtime is not older than that (minus the racy window) may have changed under the parse.
   */
  stamps: { hash: string; newestMtimeMs: number; takenAt: number };
  lines: IndexedLine[];
}

/**
 * Writes the index after a successful parse (temp file + rename). Skipped — and any older index
 * removed — when a watched file was modified so recently that a later edit could keep its stamp,
 * or when the manifest is missing: the next parse then simply parses.
 */
export function writeParseIndex(indexPath: string, record: ParseIndexRecord): boolean {
  const manifest = artifactsStamp(dirname(indexPath));
  if (manifest === undefined || record.stamps.newestMtimeMs >= record.stamps.takenAt - RACY_WINDOW_MS) {
    removeParseIndex(indexPath);
    return false;
  }
  const envNames = [...new Set([...record.envNames, ...ALWAYS_WATCHED_ENV])].sort();
  const stored: StoredIndex = {
    format: INDEX_FORMAT,
    inputs: inputsHash(record.inputs, envNames),
    envNames,
    dirs: record.watched.dirs,
    files: record.watched.files,
    stamps: record.stamps.hash,
    manifest,
    lines: record.lines,
  };
  const temp = `${indexPath}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(indexPath), { recursive: true });
    writeFileSync(temp, JSON.stringify(stored));
    renameSync(temp, indexPath);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/**
 * The stamps for the index a parse will write: those `check` just took when they cover the same
 * paths (a file edit: one walk instead of two), else taken now. Stamps taken before the parse
 * read a file are safe either way: an edit in between leaves the file with another stamp.
 */
export function stampsFor(
  watched: WatchedPaths,
  check: IndexCheck | undefined,
): { hash: string; newestMtimeMs: number } {
  const before = check && !check.current ? check.stamped : undefined;
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (before && same(before.watched.dirs, watched.dirs) && same(before.watched.files, watched.files))
    return { hash: before.hash, newestMtimeMs: before.newestMtimeMs };
  return stampWatched(watched);
}

export function removeParseIndex(indexPath: string): void {
  rmSync(indexPath, { force: true });
}

/** The config files of a project folder (present or not) that shape a parse of it. */
export function projectConfigFiles(projectDir: string): string[] {
  return PROJECT_CONFIG_FILES.map((name) => join(projectDir, name));
}

/**
 * Everything a parse of `workspace` reads: each project's resource folders (models, seeds,
 * snapshots, analyses, macros, tests, docs), its config files, the installed-packages folder, the
 * built-in macros, and `extraFiles` (the profiles.yml candidates).
 */
export function watchedPaths(workspace: Workspace, extraFiles: readonly string[]): WatchedPaths {
  const dirs = new Set<string>([workspace.internalMacrosDir]);
  const files = [...extraFiles, ...projectConfigFiles(workspace.root.dir)];
  // Its mtime changes when a package is installed or removed.
  files.push(join(workspace.root.dir, workspace.root.config.packagesInstallPath));
  for (const p of [...workspace.packages, workspace.root]) {
    const c = p.config;
    const folders = [
      ...c.modelPaths,
      ...c.seedPaths,
      ...c.snapshotPaths,
      ...c.analysisPaths,
      ...c.macroPaths,
      ...c.testPaths,
      ...c.docsPaths,
    ];
    for (const folder of folders) dirs.add(join(p.dir, folder));
    if (p !== workspace.root) files.push(...projectConfigFiles(p.dir));
  }
  return { dirs: [...dirs], files };
}

/** Whether a `mesh.yml` at or above `dir` may bring upstream projects in (then the index is not used). */
export function insideMesh(dir: string): boolean {
  let current = resolve(dir);
  for (;;) {
    if (existsSync(join(current, 'mesh.yml'))) return true;
    const parent = dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

/** The code folders whose change can change a written manifest (nodes, artifacts, access checks). */
const MANIFEST_CODE = [
  'parser',
  'config',
  'compiler',
  'jinja',
  'artifacts',
  'app',
  'mesh',
  'graph',
  'adapters',
  'cli',
];
const stampsOfBuild = new Map<string, string>();

/**
 * The modification times of the code in `folders` (siblings of this one). A release changes the
 * version, but a development build changes only files, and state from older code must not be reused.
 */
export function buildStamp(folders: readonly string[] = MANIFEST_CODE): string {
  const memo = folders.join(',');
  const known = stampsOfBuild.get(memo);
  if (known !== undefined) return known;
  const here = dirname(fileURLToPath(import.meta.url));
  const parts: string[] = [];
  for (const folder of folders) {
    const dir = join(here, '..', folder);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const st = statSync(join(dir, name), { throwIfNoEntry: false });
      if (st?.isFile()) parts.push(`${folder}/${name}:${st.mtimeMs}:${st.size}`);
    }
  }
  const stamp = createHash('sha256').update(parts.join('\n')).digest('hex');
  stampsOfBuild.set(memo, stamp);
  return stamp;
}
