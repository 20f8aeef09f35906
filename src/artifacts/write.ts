// Writing artifacts so that a crash or Ctrl-C never leaves a half-written file behind: the JSON goes
// to a temporary file in the same folder, then is renamed over the old file (rename within one file
// system is atomic), so readers see either the old or the new artifact. No fsync: artifacts are
// rebuilt by the next command, and flushing a 60 MB manifest cost more than the rest of its write
// (a power loss may lose the newest artifact, never leave a torn one behind the rename).
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteJsonOptions {
  /**
   * Applied to the serialised JSON before it reaches the disk: the config layer passes a function
   * that replaces DBT_ENV_SECRET_* values. It sees JSON text, so a secret is matched as it appears
   * JSON-escaped.
   */
  mask?: (text: string) => string;
  /** Indent for humans; off by default (dbt writes compact JSON, and big manifests stay fast). */
  indent?: number;
}

/**
 * The JSON text already made for a record that is about to be written again: the parse serialises
 * its nodes once for the partial-parse cache, and the manifest reuses that text. One at a time,
 * used once.
 */
let remembered: { value: Record<string, unknown>; text: string } | undefined;

/**
 * Records that `text` is `JSON.stringify(value)`, so the next artifact holding `value` (or a copy
 * of it with more entries after its own) as a top-level property splices the text in instead of
 * serialising it again. The caller vouches that `value`'s entries are not changed before that write.
 */
export function rememberJson(value: Record<string, unknown>, text: string): void {
  remembered = { value, text };
}

/** The JSON text of `value` for an artifact, in parts (a spliced 56 MB part is not copied). */
function serialise(value: unknown, options: WriteJsonOptions): string[] {
  const parts = options.indent === undefined ? splicedParts(value) : undefined;
  if (parts) return options.mask ? parts.map(options.mask) : parts;
  const text = JSON.stringify(value, null, options.indent);
  if (text === undefined) throw new TypeError('value cannot be serialised to JSON');
  return [options.mask ? options.mask(text) : text];
}

/**
 * `JSON.stringify(value)` in parts, with the remembered text spliced in for the top-level property
 * that holds the remembered record; undefined when none does. Masking each part is masking the
 * whole: parts end between properties, never inside a string.
 */
function splicedParts(value: unknown): string[] | undefined {
  if (!remembered || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  let spliced: string[] | undefined;
  const parts: string[] = [];
  let pending = '{';
  let first = true;
  for (const [key, v] of entries) {
    const known = spliced ? undefined : rememberedTextOf(v);
    const text = known ? undefined : JSON.stringify(v);
    if (!known && text === undefined) continue; // as JSON.stringify: undefined and functions are left out
    pending += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (known) {
      spliced = known;
      parts.push(pending, ...known);
      pending = '';
    } else pending += text;
  }
  if (!spliced) return undefined;
  remembered = undefined;
  parts.push(`${pending}}`);
  return parts;
}

/**
 * The JSON of `candidate` in parts when it is the remembered record or a copy of it: the same keys
 * holding the same objects, in the same order, perhaps followed by more entries (serialised here).
 */
function rememberedTextOf(candidate: unknown): string[] | undefined {
  if (!remembered || candidate === null || typeof candidate !== 'object') return undefined;
  const { value, text } = remembered;
  if (candidate === value) return [text];
  const keys = Object.keys(value);
  const candidateKeys = Object.keys(candidate);
  if (keys.length === 0 || candidateKeys.length < keys.length) return undefined;
  const record = candidate as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (candidateKeys[i] !== key || record[key] !== value[key]) return undefined;
  }
  const extra: Record<string, unknown> = {};
  for (let i = keys.length; i < candidateKeys.length; i++)
    extra[candidateKeys[i]!] = record[candidateKeys[i]!];
  const extraText = JSON.stringify(extra);
  return extraText === '{}' ? [text] : [text.slice(0, -1), `,${extraText.slice(1)}`];
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Characters encoded per write: a 60 MB manifest is not copied into one more 60 MB buffer. */
const CHUNK_CHARS = 4 * 1024 * 1024;

/** `text` as UTF-8 buffers of about CHUNK_CHARS characters, never splitting a surrogate pair. */
export function* utf8Chunks(text: string): Generator<Buffer> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield Buffer.from(text.slice(start, end), 'utf8');
    start = end;
  }
}

/**
 * Serialises `value` and replaces `path` atomically. If serialisation or writing fails, the
 * previous file at `path` is left untouched and the error is thrown.
 */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options: WriteJsonOptions = {},
): Promise<void> {
  const parts = serialise(value, options);
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      for (const text of parts) {
        for (const chunk of utf8Chunks(text)) {
          for (let done = 0; done < chunk.length; )
            done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
        }
      }
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The synchronous twin, for exit handlers that cannot await. */
export function writeJsonAtomicSync(path: string, value: unknown, options: WriteJsonOptions = {}): void {
  const text = serialise(value, options).join('');
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFileSync(fd, text, 'utf8');
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** File names dbt uses inside the target folder. */
export const ARTIFACT_FILE_NAMES = {
  manifest: 'manifest.json',
  runResults: 'run_results.json',
} as const;

/** Writes `<targetDir>/manifest.json` atomically. */
export function writeManifest(
  targetDir: string,
  manifest: unknown,
  options: WriteJsonOptions = {},
): Promise<void> {
  return writeJsonAtomic(join(targetDir, ARTIFACT_FILE_NAMES.manifest), manifest, options);
}

/** Writes `<targetDir>/run_results.json` atomically. */
export function writeRunResults(
  targetDir: string,
  runResults: unknown,
  options: WriteJsonOptions = {},
): Promise<void> {
  return writeJsonAtomic(join(targetDir, ARTIFACT_FILE_NAMES.runResults), runResults, options);
}
