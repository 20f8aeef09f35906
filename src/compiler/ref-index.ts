/**
 * Looks up what `ref()` and `source()` name: by package, name and version, the way dbt does
 * (the caller's own package first, then any package; no version = the latest version).
 */
import type { RefCall } from './dbt-context.js';

export interface RefTarget {
  unique_id: string;
  name: string;
  package_name: string;
  resource_type: string;
  version?: string | number | null;
  latest_version?: string | number | null;
  config: Record<string, unknown>;
}

export interface SourceTarget {
  unique_id: string;
  source_name: string;
  name: string;
  package_name: string;
}

export class RefIndex<N extends RefTarget = RefTarget, S extends SourceTarget = SourceTarget> {
  private readonly byName = new Map<string, N[]>();
  private readonly sources = new Map<string, S[]>();

  constructor(nodes: Iterable<N>, sources: Iterable<S>) {
    for (const n of nodes) {
      if (n.resource_type !== 'model' && n.resource_type !== 'seed' && n.resource_type !== 'snapshot')
        continue;
      const list = this.byName.get(n.name);
      if (list) list.push(n);
      else this.byName.set(n.name, [n]);
    }
    for (const s of sources) {
      const key = `${s.source_name}.${s.name}`;
      const list = this.sources.get(key);
      if (list) list.push(s);
      else this.sources.set(key, [s]);
    }
  }

  /** The node a ref names, or undefined. */
  ref(fromPackage: string, call: RefCall): N | undefined {
    const candidates = this.byName.get(call.name);
    if (!candidates) return undefined;
    const inPkg = call.package ? candidates.filter((c) => c.package_name === call.package) : candidates;
    const ordered = call.package
      ? inPkg
      : [
          ...inPkg.filter((c) => c.package_name === fromPackage),
          ...inPkg.filter((c) => c.package_name !== fromPackage),
        ];
    if (call.version !== undefined) return ordered.find((c) => String(c.version) === String(call.version));
    // Unversioned models, or the latest version of a versioned one.
    return ordered.find(
      (c) =>
        c.version === null ||
        c.version === undefined ||
        String(c.version) === String(c.latest_version ?? c.version),
    );
  }

  source(fromPackage: string, sourceName: string, tableName: string): S | undefined {
    const list = this.sources.get(`${sourceName}.${tableName}`);
    if (!list) return undefined;
    return list.find((s) => s.package_name === fromPackage) ?? list[0];
  }
}
