/** Flags shared by commands, as dbt spells them, and their conversion to library options. */

import { createRequire } from 'node:module';
import type { Command } from 'commander';
// The leaf module, not src/app/index.ts: every command imports this file at startup.
import { CommandError } from '../app/errors.js';
import type { InvocationOptions, SelectionFlags } from '../app/index.js';

/**
 * `yaml`'s parse, loaded on first use: most command lines have no `--vars`, and the package costs
 * ~30 ms of startup (synchronous `require`, so `invocationOptions` stays synchronous).
 */
export function parseYaml(text: string): unknown {
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text);
}

export interface CommonFlags {
  projectDir?: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  vars?: string;
  threads?: string;
  fullRefresh?: boolean;
  /** False with `--no-partial-parse`. */
  partialParse?: boolean;
  logFormat?: 'text' | 'json' | 'default';
  quiet?: boolean;
  select?: string[];
  models?: string[];
  exclude?: string[];
  selector?: string;
  resourceType?: string[];
  excludeResourceType?: string[];
  indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  state?: string;
}

export function withProjectFlags(cmd: Command): Command {
  return cmd
    .option('--project-dir <dir>', 'folder holding dbt_project.yml (default: current folder)')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml')
    .option('--profile <name>', 'profile to use instead of the one in dbt_project.yml')
    .option('-t, --target <name>', 'target of the profile to use')
    .option('--vars <yaml>', "variables as a YAML dictionary, e.g. '{key: value}'")
    .option('--threads <n>', 'how many nodes to run at once')
    .option('--no-partial-parse', 'parse every file again instead of reusing target/partial_parse.json')
    .option('--log-format <format>', 'text or json', 'text')
    .option('-q, --quiet', 'print only errors and the command result');
}

export function withSelectionFlags(cmd: Command): Command {
  const many = (v: string, prev: string[] = []) => [...prev, ...v.split(/\s+/).filter(Boolean)];
  return cmd
    .option('-s, --select <selector...>', 'resources to include (dbt selection syntax)', many)
    .option('-m, --models <selector...>', 'alias of --select', many)
    .option('--exclude <selector...>', 'resources to leave out', many)
    .option('--selector <name>', 'a named selector from selectors.yml')
    .option('--resource-type <type...>', 'only these resource types', many)
    .option('--exclude-resource-type <type...>', 'leave out these resource types', many)
    .option('--indirect-selection <mode>', 'eager, cautious, buildable or empty')
    .option(
      '--state <dir>',
      "an earlier run's artifacts (manifest.json, run_results.json, sources.json) for state: selectors",
    );
}

export function invocationOptions(
  flags: CommonFlags,
  command: string,
  log: InvocationOptions['log'],
): InvocationOptions {
  let vars: Record<string, unknown> = {};
  if (flags.vars) {
    try {
      const parsed = parseYaml(flags.vars);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        vars = parsed as Record<string, unknown>;
      else throw new Error('not a dictionary');
    } catch (err) {
      throw new CommandError([
        { message: `--vars must be a YAML dictionary: ${(err as Error).message}`, code: 'E_VARS' },
      ]);
    }
  }
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1))
    throw new CommandError([
      { message: `--threads must be a positive whole number, got '${flags.threads}'`, code: 'E_THREADS' },
    ]);
  return {
    projectDir: flags.projectDir,
    profilesDir: flags.profilesDir,
    profile: flags.profile,
    target: flags.target,
    vars,
    threads,
    fullRefresh: flags.fullRefresh,
    partialParse: flags.partialParse,
    command,
    log,
  };
}

export function selectionFlags(flags: CommonFlags): SelectionFlags {
  const select = [...(flags.select ?? []), ...(flags.models ?? [])];
  return {
    select: select.length ? select : undefined,
    exclude: flags.exclude,
    selector: flags.selector,
    resourceTypes: flags.resourceType,
    excludeResourceTypes: flags.excludeResourceType,
    indirectSelection: flags.indirectSelection,
    state: flags.state,
  };
}
