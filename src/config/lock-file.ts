import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { PackageSpec } from './packages.js';
import { isPlainObject, parseYaml } from './yaml-positions.js';

export const LOCK_FILE_NAME = 'package-lock.yml';

/** What package-lock.yml holds: every installed package pinned, and the hash of the spec it came from. */
export interface LockFile {
  packages: Record<string, unknown>[];
  sha1_hash: string;
}

// Python's json.dumps(sort_keys=True) spacing, so hashes read like dbt's.
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${pythonJson(value[k])}`).join(', ')}}`;
  }
  // json.dumps escapes every non-ASCII character.
  return JSON.stringify(value ?? null).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One entry as dbt serialises a package spec for hashing: its fields, defaults, and the raw entry. */
function hashedForm(spec: PackageSpec): Record<string, unknown> {
  const r = spec.rendered;
  const unrendered = spec.unrendered;
  switch (spec.kind) {
    case 'local':
      return { local: r.local, unrendered };
    case 'git':
      return {
        git: r.git,
        revision: r.revision ?? null,
        'warn-unpinned': r['warn-unpinned'] ?? null,
        subdirectory: r.subdirectory ?? null,
        unrendered,
      };
    case 'hub':
      return {
        package: r.package,
        version: r.version,
        install_prerelease: r['install-prerelease'] ?? false,
        unrendered,
      };
    default:
      return { ...r, unrendered };
  }
}

/**
 * sha1 of the package specs (one sorted JSON line each, as dbt computes it, so a lock written by
 * dbt is recognised): when packages.yml changes the hash no longer matches and deps resolves again.
 */
export function packagesHash(specs: readonly PackageSpec[]): string {
  const lines = specs.map((s) => pythonJson(hashedForm(s))).sort();
  return createHash('sha1').update(lines.join('\n')).digest('hex');
}

export async function readLockFile(projectDir: string): Promise<LockFile | undefined> {
  const file = join(projectDir, LOCK_FILE_NAME);
  if (!existsSync(file)) return undefined;
  const { source, errors } = parseYaml(file, await readFile(file, 'utf8'));
  const data = source.data;
  if (errors.length > 0 || !isPlainObject(data) || !Array.isArray(data.packages)) return undefined;
  return {
    packages: data.packages.filter(isPlainObject),
    sha1_hash: typeof data.sha1_hash === 'string' ? data.sha1_hash : '',
  };
}

export async function writeLockFile(projectDir: string, lock: LockFile): Promise<string> {
  const file = join(projectDir, LOCK_FILE_NAME);
  // dbt writes the lock with sorted keys; doing the same keeps diffs quiet when both tools are used.
  await writeFile(file, stringify(lock, { sortMapEntries: true }), 'utf8');
  return file;
}
