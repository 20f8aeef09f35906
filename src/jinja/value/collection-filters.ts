/**
 * Jinja2's collection filters: map/select/reject (which may call other filters and tests),
 * sort, dictsort, groupby, min/max, unique, sum, batch, slice, join, first/last, items, reverse.
 */
import { JinjaRuntimeError } from '../errors.js';
import {
  attrGetter,
  extreme,
  groupRuns,
  mapMaybeAsync,
  multiAttrGetter,
  sortBy,
  then,
  uniqueBy,
} from './collections.js';
import { dictEntries } from './compare.js';
import type { FilterFn, RuntimeContext } from './context.js';
import {
  caseKey,
  lookupFilter,
  lookupTest,
  params,
  rejectUndefined,
  requireArgs,
  splitKw,
  textOf,
} from './filter-args.js';
import { isMapping, isNone, isStr, toIndex, typeError, typeName, unmark } from './kinds.js';
import { makeNamedTuple } from './markers.js';
import { binaryOp } from './ops.js';
import { iterate, toList, truthy } from './protocols.js';
import { toStr } from './to-str.js';
import { Kwargs, makeTuple, Undefined } from './types.js';

/** The predicate of select/reject(attr): a named test with its arguments, or truthiness. */
function predicate(ctx: RuntimeContext, args: unknown[]): (v: unknown) => boolean | Promise<boolean> {
  const { rest, kwargs } = splitKw(args);
  if (rest.length === 0) return truthy;
  const test = lookupTest(ctx, rest[0]);
  const extra = rest.slice(1);
  if (Object.keys(kwargs).length > 0) extra.push(new Kwargs(kwargs));
  return (v) => test(ctx, v, ...extra);
}

export function selectOrReject(
  ctx: RuntimeContext,
  value: unknown,
  args: unknown[],
  attr: boolean,
  keep: boolean,
) {
  const items = truthy(value) ? toList(value, ctx) : [];
  const { rest } = splitKw(args);
  const getter = attr ? attrGetter(ctx, rest[0]) : (v: unknown) => v;
  const test = predicate(ctx, attr ? args.slice(1) : args);
  return then(
    mapMaybeAsync(items, (item) => test(getter(item))),
    (flags) => items.filter((_, i) => Boolean(flags[i]) === keep),
  );
}

export function doJoin(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['d', 'attribute'], { d: '', attribute: null });
  let items = toList(value, ctx);
  if (!isNone(p.attribute)) items = items.map(attrGetter(ctx, p.attribute));
  return items.map((x) => toStr(x, ctx)).join(textOf(p.d));
}

export function doMap(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  // Jinja2 maps over `value` only if it is truthy: none|map(...) is empty, not an error.
  const items = truthy(value) ? toList(value, ctx) : [];
  const { rest, kwargs } = splitKw(args);
  if (rest.length === 0 && Object.hasOwn(kwargs, 'attribute')) {
    return items.map(attrGetter(ctx, kwargs.attribute, { dflt: kwargs.default }));
  }
  if (rest.length === 0) throw new JinjaRuntimeError('map requires a filter argument');
  const filter = lookupFilter(ctx, rest[0]);
  const extra = rest.slice(1);
  if (Object.keys(kwargs).length > 0) extra.push(new Kwargs(kwargs));
  return mapMaybeAsync(items, (item) => filter(ctx, item, ...extra));
}

export function doSort(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['reverse', 'case_sensitive', 'attribute'], {
    reverse: false,
    case_sensitive: false,
    attribute: null,
  });
  const key = multiAttrGetter(ctx, p.attribute, !truthy(p.case_sensitive));
  return sortBy(toList(value, ctx), key, truthy(p.reverse), true);
}

export function doDictsort(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['case_sensitive', 'by', 'reverse'], {
    case_sensitive: false,
    by: 'key',
    reverse: false,
  });
  if (!isMapping(value)) throw typeError(`'${typeName(value)}' object has no attribute 'items'`);
  if (p.by !== 'key' && p.by !== 'value')
    throw new JinjaRuntimeError('You can only sort by either "key" or "value"');
  const pos = p.by === 'key' ? 0 : 1;
  const fold = caseKey(p.case_sensitive);
  const pairs = dictEntries(value).map((e) => makeTuple(e));
  return sortBy(pairs, (pair) => fold(pair[pos]), truthy(p.reverse));
}

export function doGroupby(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['attribute', 'default', 'case_sensitive'], {
    default: null,
    case_sensitive: false,
  });
  const sensitive = truthy(p.case_sensitive);
  const key = attrGetter(ctx, p.attribute, { lower: !sensitive, dflt: p.default });
  const output = attrGetter(ctx, p.attribute, { dflt: p.default });
  const groups = groupRuns(sortBy(toList(value, ctx), key, false), key);
  return groups.map((g) =>
    makeNamedTuple(['grouper', 'list'], [sensitive ? g.key : output(g.items[0]), g.items]),
  );
}

export function doMinMax(highest: boolean): FilterFn {
  return (ctx, value, ...args) => {
    const p = params(args, ['case_sensitive', 'attribute'], { case_sensitive: false, attribute: null });
    const get = attrGetter(ctx, p.attribute, { lower: !truthy(p.case_sensitive) });
    const items = toList(value, ctx);
    if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.');
    return extreme(items, get, highest);
  };
}

export function doUnique(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['case_sensitive', 'attribute'], { case_sensitive: false, attribute: null });
  return uniqueBy(toList(value, ctx), attrGetter(ctx, p.attribute, { lower: !truthy(p.case_sensitive) }));
}

export function doSum(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['attribute', 'start'], { attribute: null, start: 0 });
  let items = toList(value, ctx);
  if (!isNone(p.attribute)) items = items.map(attrGetter(ctx, p.attribute));
  return items.reduce((acc, x) => binaryOp('+', acc, x), p.start);
}

export function doBatch(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['linecount', 'fill_with'], { fill_with: null });
  requireArgs(p, 'batch', ['linecount']);
  const size = Math.max(1, toIndex(p.linecount));
  const out: unknown[][] = [];
  let tmp: unknown[] = [];
  for (const item of iterate(value)) {
    if (tmp.length === size) {
      out.push(tmp);
      tmp = [];
    }
    tmp.push(item);
  }
  if (tmp.length > 0) {
    if (!isNone(p.fill_with)) while (tmp.length < size) tmp.push(p.fill_with);
    out.push(tmp);
  }
  return out;
}

export function doSlice(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['slices', 'fill_with'], { fill_with: null });
  requireArgs(p, 'slice', ['slices']);
  const seq = toList(value);
  const slices = toIndex(p.slices);
  if (slices === 0) throw new JinjaRuntimeError('integer division or modulo by zero');
  const perSlice = Math.floor(seq.length / slices);
  const withExtra = seq.length % slices;
  const out: unknown[][] = [];
  let offset = 0;
  for (let i = 0; i < slices; i++) {
    const start = offset + i * perSlice;
    if (i < withExtra) offset++;
    const part = seq.slice(start, offset + (i + 1) * perSlice);
    if (!isNone(p.fill_with) && i >= withExtra) part.push(p.fill_with);
    out.push(part);
  }
  return out;
}

export function doFirst(ctx: RuntimeContext, value: unknown): unknown {
  for (const item of iterate(value, ctx)) return item;
  return new Undefined('No first item, sequence was empty.');
}

export function doLast(ctx: RuntimeContext, value: unknown): unknown {
  const items = toList(value, ctx);
  return items.length > 0 ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
}

export function doItems(_ctx: RuntimeContext, value: unknown): unknown {
  if (value instanceof Undefined) return [];
  if (!isMapping(value)) throw typeError('Can only get item pairs from a mapping.');
  return dictEntries(value).map((e) => makeTuple(e));
}

export function doReverse(ctx: RuntimeContext, value: unknown): unknown {
  if (isStr(value)) return Array.from(unmark(value)).reverse().join('');
  return toList(value, ctx).reverse();
}
