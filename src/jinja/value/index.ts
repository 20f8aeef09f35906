/**
 * The runtime's public face for the evaluator: Python value semantics. The evaluator calls
 * only these; it never inspects values itself. (Stubs until the runtime lands; signatures fixed.)
 */
export * from './types.js';

/** What a filter, test or global receives first: the environment's tables and settings. */
export interface RuntimeContext {
  /** Look up a filter by name (for map/select/reject... that call other filters). */
  filter(name: string): FilterFn | undefined;
  /** Look up a test by name (for select/reject/selectattr/rejectattr). */
  test(name: string): TestFn | undefined;
  /** 'default' prints '' for undefined; 'strict' raises on any use; 'lenient' also allows attribute access on undefined. */
  undefinedMode: 'default' | 'strict' | 'lenient';
}

/** A filter: `value|name(args)`. Keyword args arrive as a Kwargs last, as for any callable. */
export type FilterFn = (ctx: RuntimeContext, value: unknown, ...args: unknown[]) => unknown;
/** A test: `value is name(args)`. */
export type TestFn = (ctx: RuntimeContext, value: unknown, ...args: unknown[]) => boolean | Promise<boolean>;

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';
