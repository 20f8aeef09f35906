/**
 * Every macro Tessera knows, by package: the root project's, its installed packages', and our
 * built-in `dbt` namespace. Resolves bare names and `adapter.dispatch` the way dbt does.
 */
import type { Definition, Template } from '../jinja/index.js';

/** One macro definition: where it was parsed from and how to bind it. */
export interface MacroEntry {
  name: string;
  packageName: string;
  template: Template;
  /** Unique id as the manifest writes it: `macro.<package>.<name>`. */
  uniqueId: string;
  /** Path relative to its project root, e.g. `macros/cents.sql`. */
  originalFilePath: string;
  /** Absolute path of the file. */
  path: string;
  /** The macro's own source text (from `{% macro` to `{% endmacro %}`). */
  macroSql: string;
  /** The engine definition to bind. */
  definition: Definition;
  /** Tag of the block that defined it (`macro`, `test`, `materialization`). */
  tag: string;
  /** For materializations: the adapter it is for (`default` or an adapter type). */
  adapter?: string;
  line: number;
}

export const INTERNAL_PACKAGE = 'dbt';

export class MacroRegistry {
  /** package name → macro name → entry. */
  private readonly byPackage = new Map<string, Map<string, MacroEntry>>();

  constructor(
    /** The project being run; its macros override the internal ones for bare names. */
    readonly rootPackage: string,
    /** `dispatch:` from the root dbt_project.yml: namespace → search order. */
    private readonly dispatchOrders: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}

  add(entry: MacroEntry): void {
    let pkg = this.byPackage.get(entry.packageName);
    if (!pkg) this.byPackage.set(entry.packageName, (pkg = new Map()));
    pkg.set(entry.name, entry);
  }

  packages(): string[] {
    return [...this.byPackage.keys()];
  }

  hasPackage(name: string): boolean {
    return this.byPackage.has(name);
  }

  get(packageName: string, name: string): MacroEntry | undefined {
    return this.byPackage.get(packageName)?.get(name);
  }

  all(): MacroEntry[] {
    const out: MacroEntry[] = [];
    for (const pkg of this.byPackage.values()) out.push(...pkg.values());
    return out;
  }

  /**
   * A bare macro name seen from a node of `localPackage`: that package first, then the root
   * project, then the internal namespace (so a project may override `generate_schema_name`).
   */
  resolve(name: string, localPackage: string): MacroEntry | undefined {
    return (
      this.get(localPackage, name) ?? this.get(this.rootPackage, name) ?? this.get(INTERNAL_PACKAGE, name)
    );
  }

  /**
   * dbt's `adapter.dispatch(name, namespace)`: for each package of the search order, try
   * `<adapter>__name` for the adapter and its parents, then `default__name`.
   */
  dispatch(
    name: string,
    namespace: string | undefined,
    adapterTypes: readonly string[],
    localPackage: string,
  ): MacroEntry | undefined {
    const prefixes = [...adapterTypes, 'default'];
    // Without a `dispatch:` entry, dbt looks in the root project first, then the namespace itself,
    // so a project can override any package's `default__x` or `<adapter>__x`.
    const searchOrder: (string | undefined)[] = namespace
      ? [...(this.dispatchOrders.get(namespace) ?? [this.rootPackage, namespace])]
      : [undefined];
    // dbt always lets the internal namespace answer for `dbt` dispatches.
    if (namespace === INTERNAL_PACKAGE && !searchOrder.includes(INTERNAL_PACKAGE))
      searchOrder.push(INTERNAL_PACKAGE);
    for (const pkg of searchOrder) {
      for (const prefix of prefixes) {
        const candidate = `${prefix}__${name}`;
        const entry = pkg === undefined ? this.resolve(candidate, localPackage) : this.get(pkg, candidate);
        if (entry) return entry;
      }
    }
    return undefined;
  }

  /** Materialization macro for `name` on `adapterType`, preferring the root project, then packages, then internal. */
  materialization(name: string, adapterTypes: readonly string[]): MacroEntry | undefined {
    const macroNames = [...adapterTypes, 'default'].map((a) => `materialization_${name}_${a}`);
    const order = [
      this.rootPackage,
      ...this.packages().filter((p) => p !== this.rootPackage && p !== INTERNAL_PACKAGE),
      INTERNAL_PACKAGE,
    ];
    for (const macroName of macroNames) {
      for (const pkg of order) {
        const entry = this.get(pkg, macroName);
        if (entry) return entry;
      }
    }
    return undefined;
  }
}
