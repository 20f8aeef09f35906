// Selection methods that match names and places: fqn (the default), tag, group, access, package,
// path, file, and the `package.name` style methods (source:, exposure:, unit_test:, …).

import { GraphError } from './errors.js';
import { compilePathPattern, fnmatch, fnmatchRegExp, hasWildcard, pathGlobMatches } from './glob.js';
import type { MethodContext, NodeFacts } from './method-context.js';
import type { GraphNode } from './types.js';

function isVersioned(node: GraphNode): boolean {
  return node.resource_type === 'model' && node.version !== undefined && node.version !== null;
}

/**
 * dbt's fqn rule, compiled once per selector: the exact leaf name (for versioned models: the
 * model name, or `name.vN` / `name_vN`), else a dotted prefix of the fqn where the first wildcard
 * segment globs the rest; a bare wildcard with no dot may also match just the leaf.
 */
export function compileFqnSelector(selector: string) {
  const parts = selector.split('.');
  const wildcardAt = parts.findIndex(hasWildcard);
  const fixed = wildcardAt < 0 ? parts.length : wildcardAt;
  const rest = wildcardAt < 0 ? undefined : fnmatchRegExp(parts.slice(wildcardAt).join('.'));
  const leafGlob = wildcardAt >= 0 && !selector.includes('.') ? fnmatchRegExp(selector) : undefined;
  const versionKey = parts.slice(-2).join('_');

  /** One scope of the fqn: the whole of it, or from `start` on (without the package). */
  const prefixMatches = (facts: NodeFacts, start: number, joined: string, leaf: string | undefined) => {
    const flat = facts.flatFqn;
    if (flat.length - start < parts.length) return false;
    for (let i = 0; i < fixed; i++) if (flat[start + i] !== parts[i]) return false;
    if (rest === undefined) return true;
    const tail = wildcardAt === 0 ? joined : flat.slice(start + wildcardAt).join('.');
    if (rest.test(tail)) return true;
    return leafGlob !== undefined && leaf !== undefined && leafGlob.test(leaf);
  };

  return (node: GraphNode, facts: NodeFacts): boolean => {
    const fqn = node.fqn;
    const versioned = isVersioned(node);
    if (versioned) {
      if (fqn[fqn.length - 2] === selector) return true;
      if (fqn.slice(-2).join('_') === versionKey) return true;
    } else if (fqn[fqn.length - 1] === selector) {
      return true;
    }
    const leaf = versioned ? fqn[fqn.length - 2] : fqn[fqn.length - 1];
    // Also without the package, so `staging.orders` matches in every package.
    return (
      prefixMatches(facts, 0, facts.joinedFqn, leaf) ||
      prefixMatches(facts, facts.unscopedStart, facts.joinedUnscoped, fqn.length > 1 ? leaf : undefined)
    );
  };
}

export function searchFqn(ctx: MethodContext, selector: string): string[] {
  const matches = compileFqnSelector(selector);
  const out: string[] = [];
  for (const node of ctx.index.nonSource) {
    if (matches(node, ctx.index.facts.get(node.unique_id)!)) out.push(node.unique_id);
  }
  return out;
}

export function searchTag(ctx: MethodContext, selector: string): string[] {
  const re = fnmatchRegExp(selector);
  return ctx.index.all.filter((n) => (n.tags ?? []).some((tag) => re.test(tag))).map((n) => n.unique_id);
}

export function searchGroup(ctx: MethodContext, selector: string): string[] {
  const re = fnmatchRegExp(selector);
  return ctx.index.groupable
    .filter((n) => {
      const group = n.config?.group;
      return typeof group === 'string' && group !== '' && re.test(group);
    })
    .map((n) => n.unique_id);
}

export function searchAccess(ctx: MethodContext, selector: string): string[] {
  return (ctx.index.byType.get('model') ?? []).filter((n) => n.access === selector).map((n) => n.unique_id);
}

export function searchPackage(ctx: MethodContext, selector: string): string[] {
  const pattern = selector === 'this' && ctx.projectName !== undefined ? ctx.projectName : selector;
  const re = fnmatchRegExp(pattern);
  return ctx.index.all.filter((n) => re.test(n.package_name)).map((n) => n.unique_id);
}

/** `source:src`, `source:src.tbl`, `source:pkg.src.tbl`, each part a glob. */
export function searchSource(ctx: MethodContext, selector: string): string[] {
  const parts = selector.split('.');
  if (parts.length > 3) {
    throw new GraphError(
      'invalid-selector-value',
      `Invalid source selector value "${selector}": use source_name, source_name.table_name or package.source_name.table_name`,
      { selector: `source:${selector}` },
    );
  }
  const [pkg, source, table] =
    parts.length === 1 ? ['*', parts[0]!, '*'] : parts.length === 2 ? ['*', parts[0]!, parts[1]!] : parts;
  return ctx.index.sources
    .filter(
      (n) =>
        fnmatch(n.package_name, pkg!) && fnmatch(n.source_name ?? '', source!) && fnmatch(n.name, table!),
    )
    .map((n) => n.unique_id);
}

/** `exposure:name` / `exposure:pkg.name` and the same shape for metrics, unit tests, … */
export function searchPackagedName(resourceType: string, label: string) {
  return (ctx: MethodContext, selector: string): string[] => {
    const parts = selector.split('.');
    if (parts.length > 2) {
      throw new GraphError(
        'invalid-selector-value',
        `Invalid ${label} selector value "${selector}": use name or package.name`,
        { selector: `${resourceType}:${selector}` },
      );
    }
    const [pkg, name] = parts.length === 1 ? ['*', parts[0]!] : parts;
    return (ctx.index.byType.get(resourceType) ?? [])
      .filter((n) => fnmatch(n.package_name, pkg!) && fnmatch(n.name, name!))
      .map((n) => n.unique_id);
  };
}

/**
 * `path:` — dbt globs the root project's folder and keeps nodes whose file, YAML patch file, or
 * any enclosing folder was found. We match the pattern against those paths instead of reading the
 * disk. A package's node only counts through paths that also exist in the root project, since
 * that is where dbt looks.
 */
export function searchPath(ctx: MethodContext, selector: string): string[] {
  if (selector.startsWith('/')) {
    throw new GraphError(
      'invalid-selector-value',
      `Invalid path selector "${selector}": paths are relative to the project`,
      {
        selector: `path:${selector}`,
      },
    );
  }
  const pattern = compilePathPattern(selector);
  const { rootPaths } = ctx.index;
  // Many members share folders and YAML files: remember each answer.
  const seen = new Map<string, boolean>();
  const globbed = (path: string, isDir: boolean) => {
    const key = isDir ? `${path}/` : path;
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = pathGlobMatches(pattern, path, isDir)));
    return hit;
  };
  const out: string[] = [];
  for (const node of ctx.index.all) {
    const facts = ctx.index.facts.get(node.unique_id)!;
    const inRoot = rootPaths === undefined || node.package_name === ctx.projectName;
    const found = (path: string, isDir: boolean) => (inRoot || rootPaths!.has(path)) && globbed(path, isDir);
    if (
      found(node.original_file_path, false) ||
      (facts.patchFile !== undefined && found(facts.patchFile, false)) ||
      facts.folders.some((folder) => found(folder, true))
    ) {
      out.push(node.unique_id);
    }
  }
  return out;
}

/** `file:` — the file name (`orders.sql`) or its stem (`orders`), as a glob. */
export function searchFile(ctx: MethodContext, selector: string): string[] {
  const re = fnmatchRegExp(selector);
  return ctx.index.all
    .filter((n) => {
      const name = n.original_file_path.split('/').pop() ?? '';
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      return re.test(name) || re.test(stem);
    })
    .map((n) => n.unique_id);
}
