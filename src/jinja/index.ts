/**
 * Tessera's Jinja2-compatible async template engine. Knows nothing about dbt: the host passes
 * its functions and objects in the render context or bind globals.
 *
 * ```ts
 * const env = new Environment({ loader, blockTags: { test: 'signature' } });
 * const tpl = env.fromString(source, 'macros/x.sql');   // parsed and compiled once
 * await tpl.render({ name: 'x' });                        // the whole template
 * const macro = tpl.bind('my_macro', contextProxy);       // a top-level macro as an async function
 * await macro('a', new Kwargs({ b: 1 }));                 // -> rendered text or a MacroReturn value
 * ```
 */

export {
  type Definition,
  Environment,
  type EnvironmentOptions,
  type Loader,
  type MacroFunction,
  Template,
  type UndefinedMode,
} from './environment.js';
export { JinjaRuntimeError, type SourcePosition, TemplateError, type TemplateErrorKind } from './errors.js';
export { LoopContext } from './loop.js';
export { type MacroMeta, macroMeta } from './macro.js';
export type { BlockTagStyle } from './parser.js';
export * from './value/index.js';
