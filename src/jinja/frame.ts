/**
 * A render's view of names that are not template locals: the render context, bind globals and
 * the environment's globals, searched in order at lookup time (so a host Proxy or getters can
 * resolve names lazily). Also the link back to the environment for include and import.
 */
import { Undefined } from './value/index.js';

/** What the generated code needs from the environment for include/import. */
export interface TemplateHost {
  /** Load a compiled template; `undefined` when the loader does not know the name. */
  loadTemplate(name: string): Promise<RunnableTemplate | undefined>;
}

/** A compiled template as include/import see it. */
export interface RunnableTemplate {
  readonly name: string | undefined;
  /** Run the top level; returns the output and the root scope (whose names are the exports). */
  run(sources: readonly object[]): Promise<{ output: string; scope: Record<string, unknown> }>;
  /** Run the top level inside an existing frame and scope (a parent template of `extends`). */
  runInFrame(frame: Frame, scope: Record<string, unknown>): Promise<string>;
}

const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;

/** A block implementation: renders with the given scope. */
export type BlockFn = (frame: Frame, scope: Record<string, unknown>) => Promise<string>;

export class Frame {
  /** Block implementations by name, most derived first (template inheritance). */
  readonly blocks = new Map<string, BlockFn[]>();
  /** The top-level scope shared by a template and the templates it extends. */
  root: Record<string, unknown> | undefined;
  /** Jinja2's `self`: the blocks of this render by name, as functions. */
  self: Record<string, unknown> | undefined;

  constructor(
    /** Objects searched with `name in obj`, first match wins. */
    readonly sources: readonly object[],
    readonly host: TemplateHost,
  ) {}

  resolve(name: string): unknown {
    const sources = this.sources;
    for (let i = 0; i < sources.length; i++) {
      const src = sources[i] as Record<string, unknown>;
      if (name in src) {
        const v = src[name];
        // `toString`, `constructor`… of plain objects are not template names.
        if (v !== undefined && v === OBJECT_PROTO[name]) continue;
        return v === undefined ? null : v;
      }
    }
    if (name === 'self' && this.self !== undefined) return this.self;
    return new Undefined(name);
  }
}
