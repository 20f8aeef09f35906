/**
 * `parse`: read the project and write target/manifest.json. With partial parsing on, the parse
 * index is checked first (`src/parser/parse-index.ts`): when no input changed since the last parse
 * and its manifest is still on disk, the command prints what that parse printed and stops, before
 * the heavy modules are even imported.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { TESSERA_VERSION } from '../artifacts/metadata.js';
// Light leaf module, imported directly (not through src/parser/index.ts): startup time.
import { checkParseIndex, type IndexedLine, insideMesh, parseIndexPath } from '../parser/parse-index.js';
import type { CommonFlags } from './options.js';
import { invocationOptions, withProjectFlags } from './options.js';
import { Output, reportError } from './output.js';

export function registerParse(program: Command): void {
  withProjectFlags(
    program.command('parse').description('Parse the project and write target/manifest.json'),
  ).action(async (flags: CommonFlags) => {
    const out = new Output({ logFormat: flags.logFormat, quiet: flags.quiet });
    try {
      await parseCommand(flags, out);
    } catch (err) {
      process.exitCode = reportError(out, err);
    }
  });
}

async function parseCommand(flags: CommonFlags, out: Output): Promise<void> {
  const started = performance.now();
  const takenAt = Date.now();
  const lines: IndexedLine[] = [];
  const say = (level: 'info' | 'warn' | 'error', message: string) => {
    if (level !== 'error') lines.push({ level, message });
    if (level === 'warn') out.warn(message);
    else if (level === 'error') out.error(message);
    else out.info(message);
  };
  const options = invocationOptions(flags, 'parse', say);
  const env = process.env;
  const projectDir = resolve(options.projectDir ?? '.');
  const indexed = options.partialParse !== false && !insideMesh(projectDir);
  const indexPath = indexed ? parseIndexPath(projectDir) : undefined;
  const inputs = {
    toolVersion: TESSERA_VERSION,
    options: {
      projectDir,
      profilesDir: options.profilesDir === undefined ? undefined : resolve(options.profilesDir),
      profile: options.profile,
      target: options.target,
      vars: options.vars,
      threads: options.threads,
      fullRefresh: options.fullRefresh ?? false,
    },
    env,
  };
  const check = indexPath ? checkParseIndex(indexPath, inputs) : undefined;
  if (check?.current) {
    for (const line of check.lines) line.level === 'warn' ? out.warn(line.message) : out.info(line.message);
    out.info(`Wrote target/manifest.json in ${elapsed(started)}s`);
    return;
  }

  const app = await import('../app/index.js');
  const parser = await import('../parser/index.js');
  if (!indexPath) {
    const { open } = await import('./context.js');
    const inv = await open(flags, 'parse', out);
    await app.writeArtifacts(inv, undefined, 0, 'parse');
    out.info(`Wrote ${inv.workspace.root.config.targetPath}/manifest.json in ${elapsed(started)}s`);
    return;
  }
  // Whatever happens next, the old index no longer vouches for the manifest.
  parser.removeParseIndex(indexPath);
  const config = await app.openConfig(options);
  const watched = parser.watchedPaths(config.workspace, config.profilesCandidates);
  // `takenAt` precedes every read of this parse: a file edited after its stamp was taken has
  // another stamp, and one edited after it was read has an mtime past `takenAt`, too recent to index.
  const stamps = { ...parser.stampsFor(watched, check), takenAt };
  if (check && !check.current && check.filesChanged) forgetManifestStamp(indexPath);
  const { summarize } = await import('./context.js');
  const inv = await app.openInvocation(
    { ...options, keepNodesJson: true, cacheWriteInBackground: true },
    config,
  );
  out.mask = (text) => inv.masker.mask(text);
  say('info', summarize(inv));
  // The nodes are written as parsed: the manifest takes the text the cache was written from.
  const { rememberJson } = await import('../artifacts/index.js');
  if (inv.project.nodesJson) rememberJson(inv.project.nodes, inv.project.nodesJson);
  inv.project.nodesJson = undefined;
  // The manifest stamp and the parse index record the cache's stamp: it must be on disk first.
  await inv.project.cacheWrite;
  await app.writeArtifacts(inv, undefined, 0, 'parse');
  parser.writeParseIndex(indexPath, {
    inputs,
    envNames: [...config.envReads.keys(), ...Object.keys(inv.project.envReads)],
    watched,
    stamps,
    lines: lines.map((l) => ({ level: l.level, message: inv.masker.mask(l.message) })),
  });
  out.info(`Wrote ${inv.workspace.root.config.targetPath}/manifest.json in ${elapsed(started)}s`);
}

/**
 * A file changed since the last parse, but the parse may still come wholly from the cache (a
 * touched file, a docs block): the manifest stamp of `writeArtifacts` does not watch docs files,
 * so it is dropped and the manifest written again.
 */
function forgetManifestStamp(indexPath: string): void {
  rmSync(join(dirname(indexPath), 'partial_parse.manifest.json'), { force: true });
}

function elapsed(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}
