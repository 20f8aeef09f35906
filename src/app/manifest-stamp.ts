/**
 * Lets a warm `parse` skip rewriting manifest.json: after a parse writes the manifest, the stamps
 * (mtime, size) of it and of the partial-parse cache are recorded. A later parse that came wholly
 * from that same cache, with the same DBT_ENV_* variables (artifact metadata, secret masking) and
 * Tessera version, would write the same nodes again; any other command rewriting the manifest
 * changes its stamp, and any re-parse rewrites the cache, so both then write it anew.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TESSERA_VERSION } from '../artifacts/index.js';
import { PARTIAL_PARSE_FILE } from '../parser/index.js';

const STAMP_FILE = 'partial_parse.manifest.json';
const MANIFEST_FILE = 'manifest.json';

interface ManifestStamp {
  inputs: string;
  cache: string;
  manifest: string;
}

/** True when `targetDir/manifest.json` is the one the last parse wrote from the current cache. */
export function manifestIsCurrent(targetDir: string, env: Record<string, string | undefined>): boolean {
  let recorded: Partial<ManifestStamp>;
  try {
    recorded = JSON.parse(readFileSync(join(targetDir, STAMP_FILE), 'utf8')) as Partial<ManifestStamp>;
  } catch {
    return false;
  }
  const now = currentStamp(targetDir, env);
  return (
    now !== undefined &&
    recorded.inputs === now.inputs &&
    recorded.cache === now.cache &&
    recorded.manifest === now.manifest
  );
}

/**
 * Records the stamps after a parse wrote the manifest; a stamp that cannot be written is skipped.
 * `cacheWrittenSince`: the parse re-parsed, so the cache only counts if this parse wrote it (not
 * with partial parsing off, nor when the cache could not be written).
 */
export function recordManifestStamp(
  targetDir: string,
  env: Record<string, string | undefined>,
  cacheWrittenSince?: Date,
): void {
  const now = currentStamp(targetDir, env);
  if (!now) return;
  if (cacheWrittenSince && Number(now.cache.split(':')[0]) < cacheWrittenSince.getTime()) return;
  try {
    writeFileSync(join(targetDir, STAMP_FILE), JSON.stringify(now));
  } catch {
    // Without the stamp the next parse simply writes the manifest again.
  }
}

function currentStamp(targetDir: string, env: Record<string, string | undefined>): ManifestStamp | undefined {
  const cache = fileStamp(join(targetDir, PARTIAL_PARSE_FILE));
  const manifest = fileStamp(join(targetDir, MANIFEST_FILE));
  if (!cache || !manifest) return undefined;
  // Hashed: secret values never reach the disk.
  const dbtEnv = Object.entries(env)
    .filter(([k, v]) => k.startsWith('DBT_ENV_') && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const inputs = createHash('sha256')
    .update(JSON.stringify([TESSERA_VERSION, dbtEnv]))
    .digest('hex');
  return { inputs, cache, manifest };
}

function fileStamp(path: string): string | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? `${st.mtimeMs}:${st.size}` : undefined;
}
