/**
 * `tessera registry serve | token create | token revoke | domain create`: run the data product
 * registry, and administer it over its API with the admin token (read from an environment
 * variable, never a flag, so it stays out of shell history). The registry modules are loaded
 * only when a registry command runs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { outputFor } from './context.js';
import { type Output, reportError } from './output.js';

type LogFlags = { logFormat?: 'text' | 'json'; quiet?: boolean };
type ServeFlags = LogFlags & {
  port: string;
  host: string;
  store: string;
  adminTokenEnv: string;
  read: string;
  webRoot?: string;
  maxBodyBytes: string;
};
type AdminFlags = LogFlags & { registry: string; adminTokenEnv: string };

/** The built marketplace, when this checkout or package has one. */
const BUNDLED_WEB = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export function registerRegistry(program: Command): void {
  const registry = program
    .command('registry')
    .description('Run the data product registry, or administer one: serve, token, domain');
  const withLog = (cmd: Command) =>
    cmd
      .option('--log-format <format>', 'text or json', 'text')
      .option('-q, --quiet', 'print only errors and the command result');
  const withAdmin = (cmd: Command) =>
    withLog(cmd)
      .requiredOption('--registry <url>', 'the registry, e.g. http://127.0.0.1:8484')
      .option(
        '--admin-token-env <name>',
        'environment variable holding the admin token',
        'TESSERA_ADMIN_TOKEN',
      );

  withLog(registry.command('serve').description('Serve the registry API (and the web marketplace)'))
    .option('--port <port>', 'port to listen on', '8484')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--store <store>',
      'duckdb:<path> or postgres://user@host:port/db',
      'duckdb:tessera-registry.duckdb',
    )
    .option('--admin-token-env <name>', 'environment variable holding the admin token', 'TESSERA_ADMIN_TOKEN')
    .option('--read <access>', 'open: anyone may read; token: reads need a token', 'open')
    .option('--web-root <dir>', 'static web marketplace to serve at / (default: the bundled one, if built)')
    .option('--max-body-bytes <n>', 'largest publication accepted, in bytes', String(5 * 1024 * 1024))
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serve(flags);
    });

  const token = registry.command('token').description('Domain tokens (admin)');
  withAdmin(token.command('create').description('Issue a token for a domain; it is printed once'))
    .requiredOption('--domain <name>', 'the domain the token publishes for')
    .action(async (flags: AdminFlags & { domain: string }) => {
      process.exitCode = await admin(flags, async (client, out) => {
        const issued = await client.createToken(flags.domain);
        out.info(
          `Token ${issued.id} for domain ${issued.domain} (shown once; keep it in TESSERA_REGISTRY_TOKEN):`,
        );
        out.result(issued.token);
      });
    });
  withAdmin(
    token.command('revoke').description('Revoke a token by its id').argument('<id>', 'token id'),
  ).action(async (id: string, flags: AdminFlags) => {
    process.exitCode = await admin(flags, async (client, out) => {
      await client.revokeToken(id);
      out.result(`Revoked token ${id}`);
    });
  });

  const domain = registry.command('domain').description('Domains (admin)');
  withAdmin(domain.command('create').description('Create a domain'))
    .requiredOption('--name <name>', 'domain name (lower case)')
    .requiredOption('--owner <team>', 'owning team')
    .option('--description <text>', 'what the domain covers', '')
    .action(async (flags: AdminFlags & { name: string; owner: string; description: string }) => {
      process.exitCode = await admin(flags, async (client, out) => {
        await client.createDomain({ name: flags.name, owner: flags.owner, description: flags.description });
        out.result(`Created domain ${flags.name}`);
      });
    });
}

function adminToken(envName: string): string {
  const value = process.env[envName];
  if (!value) throw new Error(`set the admin token in the environment variable ${envName}`);
  return value;
}

async function serve(flags: ServeFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const { createRegistryServer, openStore } = await import('../registry/index.js');
    if (flags.read !== 'open' && flags.read !== 'token') throw new Error('--read must be open or token');
    const port = Number(flags.port);
    const maxBodyBytes = Number(flags.maxBodyBytes);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port ${flags.port} is not a port`);
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0)
      throw new Error('--max-body-bytes must be positive');
    const token = adminToken(flags.adminTokenEnv);
    const webRoot = flags.webRoot ?? (existsSync(BUNDLED_WEB) ? BUNDLED_WEB : undefined);
    const store = await openStore(flags.store);
    const app = await createRegistryServer({
      store,
      adminToken: token,
      readAccess: flags.read,
      webRoot,
      maxBodyBytes,
    });
    const address = await app.listen({ port, host: flags.host });
    out.info(`Registry (${store.kind} store, reading ${flags.read}) listening on ${address}`);
    out.info(webRoot ? `Web marketplace from ${webRoot}` : 'No web marketplace (pass --web-root)');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    out.info('Stopping the registry');
    await app.close();
    await store.close();
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}

async function admin(
  flags: AdminFlags,
  work: (client: import('../registry/index.js').RegistryClient, out: Output) => Promise<void>,
): Promise<number> {
  const out = outputFor(flags);
  try {
    const { RegistryClient } = await import('../registry/index.js');
    await work(new RegistryClient(flags.registry, adminToken(flags.adminTokenEnv)), out);
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}
