/**
 * `docs generate`: write target/catalog.json from the warehouse's view of the project (and with
 * `--static`, target/static_index.html: the marketplace for this project in one file).
 * `docs serve`: the marketplace for this one project, from its own artifacts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { open, outputFor } from './context.js';
import { type CommonFlags, withProjectFlags } from './options.js';
import { reportError } from './output.js';

type ServeFlags = CommonFlags & { port: string; host: string; webRoot?: string };

export function registerDocs(program: Command): void {
  const docs = program.command('docs').description('Generate and serve documentation');
  withProjectFlags(docs.command('generate').description('Write target/catalog.json (and the manifest)'))
    .option('--no-compile', 'skip compiling the project first')
    .option('--empty-catalog', 'write the catalog without asking the warehouse')
    .option('--static', 'also write target/static_index.html: the marketplace of this project in one file')
    .action(async (flags: CommonFlags & { compile: boolean; emptyCatalog?: boolean; static?: boolean }) => {
      const out = outputFor(flags);
      try {
        const { docsGenerate, projectDocsSite, staticDocsHtml } = await import('../app/index.js');
        const inv = await open(flags, 'generate', out);
        const catalog = await docsGenerate(inv, { compile: flags.compile, emptyCatalog: flags.emptyCatalog });
        out.info(
          `Catalog written to ${inv.workspace.root.config.targetPath}/catalog.json (${Object.keys(catalog.nodes).length} nodes, ${Object.keys(catalog.sources).length} sources)`,
        );
        if (flags.static) {
          const site = await projectDocsSite(inv);
          try {
            const file = join(inv.targetDir, 'static_index.html');
            await writeFile(file, await staticDocsHtml(site));
            out.info(`Static docs written to ${file}`);
          } finally {
            await site.close();
          }
        }
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
  withProjectFlags(
    docs
      .command('serve')
      .description("Serve this project's data products in the marketplace UI, from its own artifacts"),
  )
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--web-root <dir>', 'folder of the built web marketplace (default: the bundled one)')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port ${flags.port} is not a port`);
    const { projectDocsSite } = await import('../app/index.js');
    const inv = await open(flags, 'serve', out);
    const site = await projectDocsSite(inv, { webRoot: flags.webRoot });
    const address = await site.app.listen({ port, host: flags.host });
    const count = site.publication.products.length;
    out.info(
      `Serving ${count} data product${count === 1 ? '' : 's'} of ${site.publication.project} at ${address}`,
    );
    if (count === 0) out.warn('the project has no public models: only public models are data products');
    out.info('Press Ctrl+C to stop');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await site.close();
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}
