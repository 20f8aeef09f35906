// Reading artifacts back: manifest.json for `state:` comparison and cross-project (mesh) refs,
// run_results.json for `tessera retry` and `result:` selection. The checks are light (kind,
// schema version, the keys we rely on); a full schema validation would cost more than it saves.
import { readFile } from 'node:fs/promises';
import { ArtifactError, type ArtifactResult } from './errors.js';
import type { Manifest } from './manifest.js';
import type { RunResultsArtifact } from './run-results.js';

const SCHEMA_VERSION = /^https:\/\/schemas\.getdbt\.com\/dbt\/([a-z-]+)\/v(\d+)\.json$/;

/** Schema versions whose shape is close enough to the ones we write to be read as such. */
export const READABLE_MANIFEST_VERSIONS = [10, 11, 12] as const;
export const READABLE_RUN_RESULTS_VERSIONS = [4, 5, 6] as const;

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJsonText(text: string, file: string): ArtifactResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const position =
      offset === undefined ? lineAndColumn(text, text.length) : lineAndColumn(text, Number(offset));
    return {
      ok: false,
      error: new ArtifactError('invalid-json', `not valid JSON: ${message}`, file, position),
    };
  }
}

async function readJson(file: string): Promise<ArtifactResult<unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { ok: false, error: new ArtifactError('artifact-not-found', `no artifact at ${file}`, file) };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: new ArtifactError('artifact-unreadable', `cannot read ${file}: ${reason}`, file),
    };
  }
  return parseJsonText(text, file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks the kind and version named by metadata.dbt_schema_version. */
function checkSchema(
  value: unknown,
  file: string,
  kind: string,
  readable: readonly number[],
): ArtifactError | Record<string, unknown> {
  if (!isObject(value) || !isObject(value.metadata)) {
    return new ArtifactError('wrong-artifact', `expected a dbt ${kind} artifact: no metadata object`, file);
  }
  const url = value.metadata.dbt_schema_version;
  const match = typeof url === 'string' ? SCHEMA_VERSION.exec(url) : null;
  if (!match || match[1] !== kind) {
    return new ArtifactError(
      'wrong-artifact',
      `expected a dbt ${kind} artifact, found schema ${String(url)}`,
      file,
    );
  }
  const version = Number(match[2]);
  if (!readable.includes(version)) {
    const supported = readable.map((v) => `v${v}`).join(', ');
    return new ArtifactError(
      'unsupported-version',
      `${kind} schema v${version} is not supported (readable: ${supported}); regenerate it with a current version`,
      file,
    );
  }
  return value;
}

function missingKey(
  value: Record<string, unknown>,
  keys: readonly string[],
  file: string,
): ArtifactError | null {
  for (const key of keys) {
    if (!isObject(value[key]))
      return new ArtifactError('invalid-artifact', `"${key}" is missing or not an object`, file);
  }
  return null;
}

const MANIFEST_MAPS = ['nodes', 'sources', 'macros', 'docs', 'exposures', 'parent_map', 'child_map'] as const;

/** Reads a manifest.json (schema v10–v12) with light validation. */
export async function readManifest(file: string): Promise<ArtifactResult<Manifest>> {
  const parsed = await readJson(file);
  if (!parsed.ok) return parsed;
  const checked = checkSchema(parsed.value, file, 'manifest', READABLE_MANIFEST_VERSIONS);
  if (checked instanceof ArtifactError) return { ok: false, error: checked };
  const missing = missingKey(checked, MANIFEST_MAPS, file);
  if (missing) return { ok: false, error: missing };
  for (const [id, node] of Object.entries(checked.nodes as Record<string, unknown>)) {
    if (!isObject(node) || node.unique_id !== id || typeof node.resource_type !== 'string') {
      return { ok: false, error: new ArtifactError('invalid-artifact', `node "${id}" is malformed`, file) };
    }
  }
  // Older manifests lack maps added later; give them their empty form so callers need not care.
  for (const key of [
    'groups',
    'group_map',
    'unit_tests',
    'semantic_models',
    'saved_queries',
    'metrics',
    'disabled',
    'selectors',
  ]) {
    if (!isObject(checked[key])) checked[key] = {};
  }
  return { ok: true, value: checked as unknown as Manifest };
}

/** Reads a run_results.json (schema v4–v6) with light validation of every result entry. */
export async function readRunResults(file: string): Promise<ArtifactResult<RunResultsArtifact>> {
  const parsed = await readJson(file);
  if (!parsed.ok) return parsed;
  const checked = checkSchema(parsed.value, file, 'run-results', READABLE_RUN_RESULTS_VERSIONS);
  if (checked instanceof ArtifactError) return { ok: false, error: checked };
  if (!Array.isArray(checked.results)) {
    return {
      ok: false,
      error: new ArtifactError('invalid-artifact', '"results" is missing or not an array', file),
    };
  }
  for (const [index, result] of checked.results.entries()) {
    if (!isObject(result) || typeof result.unique_id !== 'string' || typeof result.status !== 'string') {
      const message = `result #${index + 1} lacks a string "unique_id" and "status"`;
      return { ok: false, error: new ArtifactError('invalid-artifact', message, file) };
    }
  }
  if (!isObject(checked.args)) checked.args = {};
  return { ok: true, value: checked as unknown as RunResultsArtifact };
}
