/**
 * Publications on disk: `<publications>/<project>.json`, and each product's ODCS contract in
 * `<publications>/<project>/<model>.odcs.yaml`. Files are written to a temporary name and
 * renamed, so a reader never sees half a publication.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { odcsContract } from './odcs.js';
import type { MeshProblem } from './problems.js';
import { PUBLICATION_FORMAT, type Publication } from './publication-types.js';

export function publicationPath(publicationsDir: string, project: string): string {
  return join(publicationsDir, `${project}.json`);
}

/** The ODCS file of one product: `<model>.odcs.yaml`, `<model>_v<N>.odcs.yaml` for a version. */
export function odcsPath(
  publicationsDir: string,
  project: string,
  product: { name: string; version: unknown },
): string {
  const stem =
    product.version === null || product.version === undefined
      ? product.name
      : `${product.name}_v${product.version}`;
  return join(publicationsDir, project, `${stem}.odcs.yaml`);
}

export type ReadPublicationResult =
  | { ok: true; publication: Publication }
  | { ok: false; missing: boolean; problem: MeshProblem };

export async function readPublication(
  publicationsDir: string,
  project: string,
): Promise<ReadPublicationResult> {
  const file = publicationPath(publicationsDir, project);
  if (!existsSync(file))
    return {
      ok: false,
      missing: true,
      problem: {
        code: 'E_NO_PUBLICATION',
        message: `project '${project}' has not been published yet (no ${file}): build and publish it first (tessera mesh build)`,
        file,
      },
    };
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Publication;
    if (data?.format !== PUBLICATION_FORMAT || !Array.isArray(data.products))
      throw new Error(
        `not a Tessera publication (format '${String(data?.format)}', expected '${PUBLICATION_FORMAT}')`,
      );
    return { ok: true, publication: data };
  } catch (err) {
    return {
      ok: false,
      missing: false,
      problem: { code: 'E_BAD_PUBLICATION', message: `cannot read ${file}: ${(err as Error).message}`, file },
    };
  }
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Writes the publication and one ODCS document per product; returns the files written. */
export async function writePublication(publicationsDir: string, publication: Publication): Promise<string[]> {
  const written: string[] = [];
  // Contracts first: the JSON file is what consumers read, so it lands last.
  for (const product of publication.products) {
    const file = odcsPath(publicationsDir, publication.project, product);
    await writeAtomically(file, stringify(odcsContract(publication, product), { lineWidth: 0 }));
    written.push(file);
  }
  const file = publicationPath(publicationsDir, publication.project);
  await writeAtomically(file, `${JSON.stringify(publication, null, 2)}\n`);
  written.unshift(file);
  return written;
}

/** Every readable publication in the folder (other projects' files that fail to read are skipped). */
export async function readAllPublications(publicationsDir: string): Promise<Publication[]> {
  if (!existsSync(publicationsDir)) return [];
  const out: Publication[] = [];
  for (const file of (await readdir(publicationsDir)).filter((f) => f.endsWith('.json')).sort()) {
    const read = await readPublication(publicationsDir, file.slice(0, -'.json'.length));
    if (read.ok) out.push(read.publication);
  }
  return out;
}
