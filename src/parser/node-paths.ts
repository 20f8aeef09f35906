// Path-derived fields of manifest entities (`path`, `fqn`, `checksum`), following dbt's rules:
// `path` is relative to the resource folder, and the fqn is the package, the folders under the
// resource folder, then the resource's name.
import { createHash } from 'node:crypto';
import type { FileHash } from './node-types.js';

function splitPosix(path: string): string[] {
  const parts = (path.includes('\\') ? path.replaceAll('\\', '/') : path).split('/');
  // Called for every node: the filtering copy only when there is something to drop.
  for (const part of parts)
    if (part === '' || part === '.') return parts.filter((p) => p !== '' && p !== '.');
  return parts;
}

/**
 * `models/staging/stg.sql` → `staging/stg.sql`. Assumes a one-folder resource path; callers with
 * `model-paths: ['src/models']` pass `path` explicitly.
 */
export function pathInResourceFolder(originalFilePath: string): string {
  const parts = splitPosix(originalFilePath);
  return (parts.length > 1 ? parts.slice(1) : parts).join('/');
}

/** The folders of a path, without the file name: `staging/stg.sql` → `['staging']`. */
export function folderParts(path: string): string[] {
  return splitPosix(path).slice(0, -1);
}

/** The file name without its extension: `snapshots/orders_snap.sql` → `orders_snap`. */
export function fileStem(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const last = path.slice(cut + 1);
  const base = last !== '' && last !== '.' ? last : (splitPosix(path).at(-1) ?? '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `[package, ...folders of path, ...tail]`. */
export function fqnFromPath(packageName: string, path: string, ...tail: string[]): string[] {
  return [packageName, ...folderParts(path), ...tail];
}

/** dbt fingerprints file contents with surrounding whitespace stripped. */
export function fileChecksum(contents: string): FileHash {
  return { name: 'sha256', checksum: createHash('sha256').update(contents.trim(), 'utf8').digest('hex') };
}

/** The checksum of nodes that have no file of their own (generic tests). */
export function emptyChecksum(): FileHash {
  return { name: 'none', checksum: '' };
}

/** Seconds since the epoch as a float, like Python's time.time() that dbt stores in created_at. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}
