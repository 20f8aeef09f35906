/**
 * Walks a workspace into manifest-shaped nodes: macros and docs first (templates need them),
 * then properties YAML, sources, models, seeds, analyses, singular and generic tests; then
 * names relations and links refs/sources into `depends_on`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Compiler,
  CompilerError,
  type CompileSession,
  INTERNAL_PACKAGE,
  MacroRegistry,
} from '../compiler/index.js';
import {
  ConfigError,
  type ProjectConfig,
  type PropertiesFile,
  readPropertiesFile,
  resolveNodeConfig,
} from '../config/index.js';
import { Environment, TemplateError } from '../jinja/index.js';
import { findFiles, type ProjectFile } from './files.js';
import { buildGenericTests } from './generic-tests.js';
import { linkNodes } from './link.js';
import { type DocBlock, parseDocsFile, parseMacroFile } from './macro-files.js';
import { contractChecksum } from './contract-checksum.js';
import { applyNodeConfig, makeAnalysisNode, makeModelNode, makeSeedNode, makeSingularTestNode } from './node-defaults.js';
import { fileStem } from './node-paths.js';
import type { Documentation, Macro, ManifestNode, ModelNode, SourceDefinition } from './node-types.js';
import { applyModelProperties, type PatchIndex, patchIndex } from './patches.js';
import { RelationNamer } from './relation-names.js';
import { makeDoc, makeMacro } from './resource-defaults.js';
import { createSession, type SessionOptions } from './session.js';
import { buildSources } from './sources.js';
import { staticExtract } from './static-extract.js';
import type { PackageProject, Workspace } from './workspace.js';

export interface ParseIssue {
  message: string;
  code: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface ParsedProject {
  workspace: Workspace;
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, Macro>;
  docs: Record<string, Documentation>;
  properties: PropertiesFile[];
  registry: MacroRegistry;
  env: Environment;
  /** Compiler bound to this parse (no warehouse); the runner makes one with an adapter. */
  compiler: Compiler;
  warnings: ParseIssue[];
}

export type ParseResult =
  | { ok: true; project: ParsedProject }
  | { ok: false; errors: ParseIssue[]; warnings: ParseIssue[] };

export type ParseOptions = Omit<SessionOptions, 'workspace' | 'registry'>;

/** The Jinja environment dbt-style templates need: dbt's block tags, dbt's defaults. */
export function dbtEnvironment(): Environment {
  return new Environment({
    blockTags: {
      test: 'signature',
      materialization: 'name-and-args',
      snapshot: 'name-and-args',
      docs: 'name-and-args',
    },
  });
}

function issueOf(err: unknown, file?: string): ParseIssue {
  if (err instanceof ConfigError)
    return { message: err.message, code: err.code, file: err.file, line: err.line, column: err.column };
  if (err instanceof TemplateError)
    return {
      message: err.message,
      code: `jinja-${err.kind}`,
      file: err.templateName ?? file,
      line: err.line,
      column: err.column,
    };
  if (err instanceof CompilerError)
    return {
      message: err.message,
      code: err.code,
      file: err.file ?? file,
      line: err.line,
      column: err.column,
    };
  return { message: err instanceof Error ? err.message : String(err), code: 'E_PARSE', file };
}

function projectsInOrder(ws: Workspace): PackageProject[] {
  return [...ws.packages, ws.root];
}

export async function parseProject(workspace: Workspace, options: ParseOptions): Promise<ParseResult> {
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  const env = dbtEnvironment();
  const dispatchOrders = new Map(
    workspace.root.config.dispatch.map((d) => [d.macroNamespace, d.searchOrder]),
  );
  const registry = new MacroRegistry(workspace.root.name, dispatchOrders);
  const macros: Record<string, Macro> = {};
  const docs: Record<string, Documentation> = {};

  // 1. Macros: built-ins, packages, root project (later ones may override by name in resolution).
  const macroSources: { pkg: string; root: string; files: ProjectFile[] }[] = [
    {
      pkg: INTERNAL_PACKAGE,
      root: workspace.internalMacrosDir,
      files: findFiles(workspace.internalMacrosDir, ['.'], ['.sql']),
    },
    ...projectsInOrder(workspace).map((p) => ({
      pkg: p.name,
      root: p.dir,
      files: [
        ...findFiles(p.dir, p.config.macroPaths, ['.sql']),
        ...findFiles(p.dir, p.config.testPaths, ['.sql']).filter((f) => f.path.startsWith('generic/')),
      ],
    })),
  ];
  for (const { pkg, files } of macroSources) {
    for (const file of files) {
      try {
        const text = await readFile(file.absolute, 'utf8');
        const { entries } = parseMacroFile(env, file, text, pkg);
        for (const entry of entries) {
          registry.add(entry);
          macros[entry.uniqueId] = makeMacro({
            name: entry.name,
            package_name: pkg,
            original_file_path: file.originalFilePath,
            macro_sql: entry.macroSql,
            path: file.originalFilePath,
          });
        }
      } catch (err) {
        errors.push(issueOf(err, file.originalFilePath));
      }
    }
  }

  // 2. Docs blocks.
  const docBlocks: DocBlock[] = [];
  for (const p of projectsInOrder(workspace)) {
    for (const file of findFiles(p.dir, docsPaths(p.config), ['.md'])) {
      const blocks = parseDocsFile(file, await readFile(file.absolute, 'utf8'), p.name);
      for (const b of blocks) {
        docBlocks.push(b);
        const doc = makeDoc({
          name: b.name,
          package_name: p.name,
          original_file_path: b.originalFilePath,
          block_contents: b.contents,
          path: b.path,
        });
        docs[doc.unique_id] = doc;
      }
    }
  }

  const session = createSession({ ...options, workspace, registry });
  const compiler = new Compiler({
    env,
    session,
    nodes: {},
    sources: {},
    docs: (name, pkg, from) => findDoc(docBlocks, name, pkg, from),
  });

  // 3. Properties YAML (rendered with target, var and env_var, as dbt does).
  const properties: { pkg: string; file: PropertiesFile }[] = [];
  for (const p of projectsInOrder(workspace)) {
    const dirs = [
      ...p.config.modelPaths,
      ...p.config.seedPaths,
      ...p.config.snapshotPaths,
      ...p.config.analysisPaths,
      ...p.config.macroPaths,
      ...p.config.testPaths,
    ];
    for (const file of findFiles(p.dir, dirs, ['.yml', '.yaml'])) {
      const text = await readFile(file.absolute, 'utf8');
      const r = await readPropertiesFile(file.originalFilePath, text, {
        render: (src, ctx) => env.renderString(src, ctx),
        env: options.env,
        cliVars: options.cliVars,
        secrets: options.masker,
        context: yamlContext(session, p.name, options.target),
      });
      if (!r.ok) errors.push(...r.errors.map((e) => issueOf(e)));
      else properties.push({ pkg: p.name, file: r.value });
      warnings.push(...r.warnings.map((e) => issueOf(e)));
    }
  }
  if (errors.length) return { ok: false, errors, warnings };
  const patches: PatchIndex = patchIndex(properties);

  const nodes: Record<string, ManifestNode> = {};
  const dependencies: Record<string, ProjectConfig> = Object.fromEntries(
    workspace.packages.map((p) => [p.name, p.config]),
  );
  const targetSchema = String(options.target.schema ?? 'main');
  const nodeConfig = (
    resourceType: 'model' | 'seed' | 'test' | 'analysis' | 'snapshot',
    fqn: string[],
    pkg: string,
    propertiesConfig?: Record<string, unknown>,
    inFileConfig?: Record<string, unknown>,
  ) =>
    resolveNodeConfig({
      root: workspace.root.config,
      resourceType,
      fqn,
      packageName: pkg,
      dependencies,
      propertiesConfig,
      inFileConfig,
    });

  // 4. Models, analyses, singular tests: SQL files whose ref/source/config are captured.
  for (const p of projectsInOrder(workspace)) {
    const kinds: { type: 'model' | 'analysis' | 'test'; files: ProjectFile[] }[] = [
      { type: 'model', files: findFiles(p.dir, p.config.modelPaths, ['.sql']) },
      { type: 'analysis', files: findFiles(p.dir, p.config.analysisPaths, ['.sql']) },
      {
        type: 'test',
        files: findFiles(p.dir, p.config.testPaths, ['.sql']).filter((f) => !f.path.startsWith('generic/')),
      },
    ];
    for (const { type, files } of kinds) {
      for (const file of files) {
        try {
          const raw = await readFile(file.absolute, 'utf8');
          const name = fileStem(file.path);
          const patch =
            type === 'model'
              ? patches.models.get(`${p.name}:${name}`)
              : type === 'analysis'
                ? patches.analyses.get(`${p.name}:${name}`)
                : undefined;
          // dbt keeps the code stripped of surrounding whitespace; analyses get their own path prefix.
          const init = {
            name,
            package_name: p.name,
            original_file_path: file.originalFilePath,
            ...(type === 'analysis' ? {} : { path: file.path }),
            schema: targetSchema,
            raw_code: raw.trim(),
          };
          const node =
            type === 'model'
              ? makeModelNode(init)
              : type === 'analysis'
                ? makeAnalysisNode(init)
                : makeSingularTestNode(init);
          const extracted = staticExtract(raw) ?? (await captureByRendering(compiler, node, raw));
          applyNodeConfig(node, nodeConfig(type, node.fqn, p.name, propertiesConfig(patch), extracted.config));
          if (patch?.tags.length) node.tags = [...new Set([...node.tags, ...patch.tags])];
          (node as { refs: unknown[] }).refs = extracted.refs.map((r) => ({
            name: r.name,
            package: r.package ?? null,
            version: r.version ?? null,
          }));
          (node as { sources: string[][] }).sources = extracted.sources.map(([a, b]) => [a, b]);
          if (patch && type === 'model') {
            applyModelProperties(node as never, patch);
            const model = node as ModelNode;
            model.contract.checksum = contractChecksum(model);
          }
          if (node.config.enabled === false) continue;
          nodes[node.unique_id] = node;
        } catch (err) {
          errors.push(issueOf(err, file.originalFilePath));
        }
      }
    }
    // Seeds.
    for (const file of findFiles(p.dir, p.config.seedPaths, ['.csv'])) {
      const name = fileStem(file.path);
      const patch = patches.seeds.get(`${p.name}:${name}`);
      const node = makeSeedNode({
        name,
        package_name: p.name,
        original_file_path: file.originalFilePath,
        path: file.path,
        schema: targetSchema,
        root_path: p.dir,
        csv_contents: await readFile(file.absolute, 'utf8'),
      });
      applyNodeConfig(node, nodeConfig('seed', node.fqn, p.name, patch?.config));
      if (patch?.tags.length) node.tags = [...new Set([...node.tags, ...patch.tags])];
      if (patch) applyModelProperties(node as never, patch);
      if (node.config.enabled === false) continue;
      nodes[node.unique_id] = node;
    }
  }
  if (errors.length) return { ok: false, errors, warnings };

  // 5. Sources and generic tests.
  const sources = buildSources(properties, workspace, options.target);
  try {
    for (const t of buildGenericTests(properties, nodes, sources, workspace, targetSchema, nodeConfig))
      nodes[t.unique_id] = t;
  } catch (err) {
    errors.push(issueOf(err));
  }

  // 6. Relation names, then refs/sources into depends_on.
  const namer = new RelationNamer(compiler.session, {
    database: (options.target.database as string | undefined) ?? null,
    schema: targetSchema,
  });
  for (const node of Object.values(nodes)) {
    try {
      const names = await namer.names(node as never);
      node.database = names.database;
      node.schema = names.schema;
      node.alias = names.alias;
      if (
        node.resource_type === 'model' ||
        node.resource_type === 'seed' ||
        node.resource_type === 'snapshot' ||
        (node.resource_type === 'test' && node.config.store_failures)
      ) {
        if (!(node.resource_type === 'model' && node.config.materialized === 'ephemeral'))
          node.relation_name = compiler.relationFor(node as never).render();
      }
    } catch (err) {
      errors.push(issueOf(err, node.original_file_path));
    }
  }
  for (const s of Object.values(sources)) s.relation_name = compiler.sourceRelation(s as never).render();
  errors.push(...linkNodes(nodes, sources, registry));
  if (errors.length) return { ok: false, errors, warnings };

  const runCompiler = new Compiler({
    env,
    session,
    nodes: nodes as never,
    sources: sources as never,
    docs: (name, pkg, from) => findDoc(docBlocks, name, pkg, from),
  });
  return {
    ok: true,
    project: {
      workspace,
      nodes,
      sources,
      macros,
      docs,
      properties: properties.map((p) => p.file),
      registry,
      env,
      compiler: runCompiler,
      warnings,
    },
  };
}

function yamlContext(
  session: Omit<CompileSession, 'bindMacro' | 'graph'>,
  pkg: string,
  target: Record<string, unknown>,
): Record<string, unknown> {
  return {
    target,
    var: (name: string, fallback?: unknown) => session.lookupVar(String(name), pkg) ?? fallback ?? null,
    env_var: (name: string, fallback?: unknown) => session.envVar(String(name), fallback),
    project_name: session.projectName,
  };
}

/** A model's `access:` and `group:` properties are configs too, below its `config:` block. */
function propertiesConfig(patch: { config: Record<string, unknown>; access?: string; group?: string } | undefined) {
  if (!patch) return undefined;
  return {
    ...(patch.access ? { access: patch.access } : {}),
    ...(patch.group ? { group: patch.group } : {}),
    ...patch.config,
  };
}

function docsPaths(config: ProjectConfig): string[] {
  if (config.docsPaths.length) return config.docsPaths;
  return [
    ...config.modelPaths,
    ...config.seedPaths,
    ...config.snapshotPaths,
    ...config.analysisPaths,
    ...config.macroPaths,
    ...config.testPaths,
  ];
}

function findDoc(
  blocks: DocBlock[],
  name: string,
  pkg: string | undefined,
  from: string,
): string | undefined {
  const matches = blocks.filter((b) => b.name === name && (pkg === undefined || b.packageName === pkg));
  return (matches.find((b) => b.packageName === from) ?? matches[0])?.contents;
}

async function captureByRendering(compiler: Compiler, node: ManifestNode, raw: string) {
  const captured = await compiler.capture(node as never, raw);
  const config: Record<string, unknown> = {};
  for (const c of captured.configs) Object.assign(config, c);
  return { refs: captured.refs, sources: captured.sources, config };
}

export { type CompileSession, join };
