/**
 * The runtime's public face for the evaluator: Python value semantics. The evaluator calls
 * only these; it never inspects values itself.
 */

export { filters } from '../filters.js';
export { Cycler, MAX_RANGE, makeGlobals } from '../globals.js';
export { tests } from '../tests.js';
export { getAttr, getItem, getSlice } from './attr.js';
export { compare, dictKey, pyCompare, pyEquals } from './compare.js';
export type { BinaryOp, CompareOp, FilterFn, RuntimeContext, TestFn } from './context.js';
export { dictSet } from './dict-methods.js';
export { formatValue } from './format-spec.js';
export { isFloat, isInt, isMapping, typeName, undefinedMessage } from './kinds.js';
export { makeNamedTuple, makeRange } from './markers.js';
export { binaryOp, unaryOp } from './ops.js';
export { percentFormat } from './percent-format.js';
export { isCallable, iterate, length, toList, truthy } from './protocols.js';
export { formatFloat, repr, toStr } from './to-str.js';
export * from './types.js';
