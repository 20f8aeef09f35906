/**
 * What the runtime's helpers receive from the engine, and the operator names it understands.
 * (Kept apart from index.ts so runtime modules can import it without a cycle.)
 */

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
