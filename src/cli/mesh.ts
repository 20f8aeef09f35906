/** `tessera mesh ls | graph | build | test`: the projects of a mesh workspace (mesh.yml). */
import type { Command } from 'commander';
import { outputFor } from './context.js';
import { projectEvents, reportProject, summary } from './mesh-output.js';
import { type CommonFlags, invocationOptions } from './options.js';
import { reportError } from './output.js';

type MeshFlags = CommonFlags & {
  workspace?: string;
  project?: string[];
  failFast?: boolean;
  publish?: boolean;
  output?: 'text' | 'json';
  select?: string[];
  registry?: string;
};

const many = (v: string, prev: string[] = []) => [...prev, ...v.split(/[\s,]+/).filter(Boolean)];

export function registerMesh(program: Command): void {
  const mesh = program
    .command('mesh')
    .description('Work on a mesh of domain projects (mesh.yml): ls, graph, build, test');
  const withWorkspace = (cmd: Command) =>
    cmd
      .option('--workspace <dir>', 'folder holding mesh.yml (default: current folder)')
      .option('--log-format <format>', 'text or json', 'text')
      .option('-q, --quiet', 'print only errors and the command result');
  withWorkspace(mesh.command('ls').description('List the projects of the mesh and their publications'))
    .option('--output <format>', 'text or json', 'text')
    .option(
      '-s, --select <terms...>',
      "nodes across projects: 'orders:fct_orders+' (a trailing + crosses into downstream projects), 'project:orders+', or any dbt selector",
      many,
    )
    .action(async (flags: MeshFlags) => {
      process.exitCode = await list(flags);
    });
  withWorkspace(mesh.command('graph').description('Print the project-level dependency edges')).action(
    async (flags: MeshFlags) => {
      process.exitCode = await graph(flags);
    },
  );
  withWorkspace(
    mesh
      .command('diff')
      .description(
        "Classify the changes to a project's data products since its last publication; fail on unversioned breaking changes",
      ),
  )
    .requiredOption('-p, --project <name>', 'the project whose products changed')
    .option('--state <dir>', 'publications to compare with (default: the mesh publications folder)')
    .option(
      '--registry <url>',
      'read upstream publications from this registry (token: TESSERA_REGISTRY_TOKEN)',
    )
    .option('-t, --target <name>', 'target of the project profile to use')
    .option('--format <format>', 'text or markdown (for a pull-request comment)', 'text')
    .action(async (flags: MeshFlags & { project: string; state?: string; format: 'text' | 'markdown' }) => {
      const out = outputFor(flags);
      try {
        const { meshDiff, openMesh } = await import('../app/index.js');
        const { formatPublicationDiff } = await import('../mesh/index.js');
        const { workspace } = await openMesh(flags.workspace ?? '.');
        const diff = await meshDiff(workspace, flags.project, {
          stateDir: flags.state,
          registry: flags.registry,
          target: flags.target,
        });
        out.result(formatPublicationDiff(diff, flags.format));
        process.exitCode = diff.ok ? 0 : 1;
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
  withWorkspace(
    mesh
      .command('check')
      .description(
        'Coupling report: refs between domains, select *, consumers per product, unused products, gaps',
      ),
  )
    .option('--output <format>', 'text or json', 'text')
    .action(async (flags: MeshFlags) => {
      const out = outputFor(flags);
      try {
        const { meshCheck, openMesh } = await import('../app/index.js');
        const { formatCouplingReport } = await import('../mesh/index.js');
        const { workspace } = await openMesh(flags.workspace ?? '.');
        const report = await meshCheck(workspace);
        out.result(flags.output === 'json' ? JSON.stringify(report, null, 2) : formatCouplingReport(report));
      } catch (err) {
        process.exitCode = reportError(out, err);
      }
    });
  for (const name of ['build', 'test'] as const)
    withWorkspace(
      mesh
        .command(name)
        .description(
          name === 'build'
            ? 'Build all projects as one DAG (no barrier between projects) and publish each one that passes'
            : 'Run the data tests of every project as one DAG',
        ),
    )
      .option('-t, --target <name>', 'target of each project profile to use')
      .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: profiles-dir of mesh.yml)')
      .option('--vars <yaml>', "variables as a YAML dictionary, e.g. '{key: value}'")
      .option('--threads <n>', 'how many nodes to run at once, across all projects')
      .option(
        '-p, --project <name...>',
        'only these projects (upstreams are read from their publications)',
        many,
      )
      .option(
        '-s, --select <terms...>',
        "nodes across projects: 'orders:fct_orders+' (a trailing + crosses into downstream projects), 'project:orders+', or any dbt selector",
        many,
      )
      .option('-x, --fail-fast', 'stop a project at its first failure')
      .option('--full-refresh', 'rebuild incremental models and reload seeds from scratch')
      .option('--no-publish', 'build without publishing')
      .option(
        '--registry <url>',
        'read upstream publications from this registry and publish there too (token: TESSERA_REGISTRY_TOKEN)',
      )
      .action(async (flags: MeshFlags) => {
        process.exitCode = await run(name, flags);
      });
}

async function list(flags: MeshFlags): Promise<number> {
  if (flags.select?.length) return listNodes(flags);
  const out = outputFor(flags);
  try {
    const { openMesh } = await import('../app/index.js');
    const { readPublication } = await import('../mesh/index.js');
    const { workspace, order } = await openMesh(flags.workspace ?? '.');
    const rows = [];
    for (const p of order) {
      const pub = await readPublication(workspace.publicationsDir, p.name);
      rows.push({
        name: p.name,
        path: p.path,
        upstream: p.upstream.map((u) => u.name),
        published_at: pub.ok ? pub.publication.published_at : null,
        products: pub.ok ? pub.publication.products.map((d) => d.name) : [],
      });
    }
    if (flags.output === 'json') out.result(JSON.stringify(rows, null, 2));
    else
      for (const r of rows)
        out.result(
          `${r.name.padEnd(16)} ${r.path.padEnd(20)} upstream: ${r.upstream.join(', ') || '-'}; ${
            r.published_at
              ? `published ${r.published_at}: ${r.products.join(', ') || 'no products'}`
              : 'not published'
          }`,
        );
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}

/** `mesh ls --select …`: the selected nodes as `project:unique_id`, in build order. */
async function listNodes(flags: MeshFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const { meshSelectedNodes, openMesh } = await import('../app/index.js');
    const { workspace, order } = await openMesh(flags.workspace ?? '.');
    const picked = await meshSelectedNodes(workspace, order, flags.select ?? [], { command: 'list' });
    if (flags.output === 'json') out.result(JSON.stringify(picked, null, 2));
    else for (const p of picked) for (const id of p.nodes) out.result(`${p.project}:${id}`);
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}

async function graph(flags: MeshFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const { openMesh } = await import('../app/index.js');
    const { projectEdges } = await import('../mesh/index.js');
    const { workspace, order } = await openMesh(flags.workspace ?? '.');
    const fromManifest = new Set(workspace.manifests.map((m) => m.name));
    for (const e of projectEdges(workspace)) {
      const note = fromManifest.has(e.from)
        ? '   (dbt manifest: read, never built)'
        : e.external
          ? '   (outside the workspace: read from its publication)'
          : '';
      out.result(`${e.from} -> ${e.to}${note}`);
    }
    out.result(`build order: ${order.map((p) => p.name).join(', ')}`);
    return 0;
  } catch (err) {
    return reportError(out, err);
  }
}

async function run(command: 'build' | 'test', flags: MeshFlags): Promise<number> {
  const out = outputFor(flags);
  try {
    const { openMesh, runMesh } = await import('../app/index.js');
    const { workspace, order } = await openMesh(flags.workspace ?? '.');
    const {
      projectDir: _d,
      command: _c,
      ...options
    } = invocationOptions(flags, `mesh ${command}`, (level, message) =>
      level === 'warn' ? out.warn(message) : level === 'error' ? out.error(message) : out.info(message),
    );
    const width = Math.max(...order.map((p) => p.name.length));
    const outcome = await runMesh(workspace, order, {
      ...options,
      command,
      projects: flags.project,
      select: flags.select,
      registry: flags.registry,
      failFast: flags.failFast,
      publish: flags.publish,
      events: (project) => projectEvents(out, project.name, width),
      onProject: (e) => {
        if (e.phase === 'start') out.result(`== ${e.project.name} (${e.project.path}) ==`);
        else reportProject(out, e.outcome);
      },
    });
    out.result(`\nMesh ${command}: ${summary(outcome.projects)}`);
    return outcome.exitCode;
  } catch (err) {
    return reportError(out, err);
  }
}
