import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderString } from '../../src/config/index.js';
import { Environment } from '../../src/jinja/index.js';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The real Jinja engine, as the CLI wires it. */
export const render: RenderString = (source, context) => new Environment().renderString(source, context);

export function tempDir(prefix = 'tessera-config-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
