/**
 * The compile session of one invocation: target, vars, env_var (with secret tracking), macro
 * registry, logging. Shared by parsing (capture mode) and running (execute mode).
 */
import type { Adapter } from '../adapters/index.js';
import type { CompileSession, ContextNode, MacroRegistry } from '../compiler/index.js';
import { CompilerError } from '../compiler/index.js';
import { type ProjectConfig, SECRET_ENV_PREFIX, type SecretMasker, varsForPackage } from '../config/index.js';
import type { Workspace } from './workspace.js';

export interface SessionOptions {
  workspace: Workspace;
  registry: MacroRegistry;
  adapter?: Adapter;
  adapterType: string;
  target: Record<string, unknown>;
  cliVars: Record<string, unknown>;
  env: Record<string, string | undefined>;
  masker: SecretMasker;
  invocationId: string;
  runStartedAt: Date;
  flags: Record<string, unknown>;
  fullRefresh?: boolean;
  log?: (message: string, info: boolean, node?: ContextNode) => void;
}

export function createSession(o: SessionOptions): Omit<CompileSession, 'bindMacro' | 'graph'> {
  const dependencies: Record<string, ProjectConfig> = {};
  for (const p of o.workspace.packages) dependencies[p.name] = p.config;
  const varCache = new Map<string, Record<string, unknown>>();
  const varsFor = (pkg: string) => {
    let v = varCache.get(pkg);
    if (!v)
      varCache.set(
        pkg,
        (v = varsForPackage(o.workspace.root.config, pkg, { cliVars: o.cliVars, dependencies })),
      );
    return v;
  };
  return {
    registry: o.registry,
    adapter: o.adapter,
    adapterTypes: [o.adapterType],
    target: o.target,
    projectName: o.workspace.root.name,
    invocationId: o.invocationId,
    runStartedAt: o.runStartedAt,
    flags: o.flags,
    fullRefresh: o.fullRefresh ?? false,
    lookupVar: (name, pkg) => {
      const vars = varsFor(pkg);
      return Object.hasOwn(vars, name) ? vars[name] : undefined;
    },
    envVar: (name, fallback) => {
      const value = o.env[name];
      if (value !== undefined) {
        if (name.startsWith(SECRET_ENV_PREFIX)) o.masker.add(value);
        return value;
      }
      if (fallback !== undefined) return String(fallback);
      throw new CompilerError(`Env var required but not provided: '${name}'`, 'E_ENV_VAR');
    },
    log: o.log ?? (() => undefined),
  };
}
