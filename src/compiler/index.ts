/** The dbt Jinja context and node compilation: the compiler's public face. */

export { Kwargs } from '../jinja/index.js';
export { AdapterContext, JinjaColumn } from './adapter-context.js';
export { AgateTable } from './agate-table.js';
export {
  type CompilableNode,
  type CompilableSource,
  type CompiledResult,
  type CompileOptions,
  Compiler,
  type CompilerOptions,
  cteName,
  fixtureName,
  type GraphResourceKey,
  type Prepare,
} from './compiler.js';
export {
  type Captured,
  type CompileSession,
  type ContextMode,
  type ContextNode,
  createNodeContext,
  type RefCall,
  type Resolver,
  refCall,
} from './dbt-context.js';
export { CompilerError } from './errors.js';
export { injectCtes } from './inject-ctes.js';
export { asRelation, JinjaRelation } from './jinja-relation.js';
export { INTERNAL_PACKAGE, type MacroEntry, MacroRegistry } from './macro-registry.js';
export { PyDateTime } from './py-datetime.js';
export { RefIndex } from './ref-index.js';
export { localMd5, toJson, toPlain } from './serialization.js';
