/**
 * Jinja2 3.1's built-in filters as a flat table. Each receives the runtime context, the
 * value, then the call's arguments (a Kwargs last when keywords were given). Filters that
 * call other filters or tests return a Promise only when one of those calls does.
 */
import { JinjaRuntimeError } from './errors.js';
import { getAttr } from './value/attr.js';
import {
  doBatch,
  doDictsort,
  doFirst,
  doGroupby,
  doItems,
  doJoin,
  doLast,
  doMap,
  doMinMax,
  doReverse,
  doSlice,
  doSort,
  doSum,
  doUnique,
  selectOrReject,
} from './value/collection-filters.js';
import { dictEntries } from './value/compare.js';
import type { FilterFn, RuntimeContext } from './value/context.js';
import { dictMethod } from './value/dict-methods.js';
import { params, rejectUndefined, requireArgs, splitKw, textOf } from './value/filter-args.js';
import { fixed } from './value/format-spec.js';
import { htmlSafeJson } from './value/json.js';
import {
  isFloat,
  isMapping,
  isNone,
  isNumeric,
  isStr,
  toIndex,
  toNumber,
  typeError,
  typeName,
  unmark,
} from './value/kinds.js';
import { percentFormat } from './value/percent-format.js';
import { pformat } from './value/pformat.js';
import { length, toList, truthy } from './value/protocols.js';
import { capitalize, center, replaceStr } from './value/str-methods.js';
import {
  escapeHtml,
  fileSizeFormat,
  splitLines,
  stripTags,
  truncate,
  urlize,
  urlQuote,
  wrapLine,
} from './value/text.js';
import { repr, toStr } from './value/to-str.js';
import { Markup, makeFloat, makeTuple, PyFloat, Undefined } from './value/types.js';

/** Python's round(x, n): correctly rounded, exact ties to even. */
function roundHalfEven(x: number, precision: number): number {
  if (!Number.isFinite(x)) return x;
  if (precision < 0) {
    const scale = 10 ** -precision;
    return roundHalfEven(x / scale, 0) * scale;
  }
  const r = Number(fixed(Math.abs(x), precision, false));
  return x < 0 ? -r : r;
}

function parseIntLike(s: string, base: number): number | undefined {
  let text = s.trim().replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text[0] === '-' ? -1 : 1;
    text = text.slice(1);
  }
  let b = base;
  const prefixed = /^0([xob])/.exec(text);
  if (prefixed && (base === 0 || base === { x: 16, o: 8, b: 2 }[prefixed[1] as 'x' | 'o' | 'b'])) {
    b = { x: 16, o: 8, b: 2 }[prefixed[1] as 'x' | 'o' | 'b'];
    text = text.slice(2);
  } else if (base === 0) b = 10;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  if (text === '' || [...text].some((c) => !digits.includes(c))) return undefined;
  return sign * Number.parseInt(text, b);
}

function parseFloatLike(v: unknown): number | undefined {
  if (isNumeric(v)) return toNumber(v);
  if (!isStr(v)) return undefined;
  const text = unmark(v).trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(text)) return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function doInt(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['default', 'base'], { default: 0, base: 10 });
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (isStr(value)) {
    const n = parseIntLike(unmark(value), toNumber(p.base));
    if (n !== undefined) return n;
  }
  const f = parseFloatLike(value);
  return f === undefined || !Number.isFinite(f) ? p.default : Math.trunc(f);
}

function doFloat(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['default'], { default: new PyFloat(0) });
  const f = parseFloatLike(value);
  return f === undefined ? p.default : makeFloat(f);
}

function doRound(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  if (!isNumeric(value)) throw typeError(`type ${typeName(value)} doesn't define __round__ method`);
  const p = params(args, ['precision', 'method'], { precision: 0, method: 'common' });
  const precision = toNumber(p.precision);
  const x = toNumber(value);
  if (p.method === 'common') {
    // Python's round() keeps ints as ints (rounding them only to tens, hundreds...).
    if (!isFloat(value)) return precision < 0 ? roundHalfEven(x, precision) : value;
    return makeFloat(roundHalfEven(x, precision));
  }
  if (p.method !== 'ceil' && p.method !== 'floor') {
    throw new JinjaRuntimeError('method must be common, ceil or floor');
  }
  const scale = 10 ** precision;
  return makeFloat((p.method === 'ceil' ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale);
}

function doDefault(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['default_value', 'boolean'], { default_value: '', boolean: false });
  if (value instanceof Undefined || (truthy(p.boolean) && !truthy(value))) return p.default_value;
  return value;
}

function doIndent(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['width', 'first', 'blank'], { width: 4, first: false, blank: false });
  const indention = isStr(p.width) ? unmark(p.width) : ' '.repeat(toNumber(p.width));
  const lines = splitLines(`${textOf(value)}\n`);
  let out: string;
  if (truthy(p.blank)) out = lines.join(`\n${indention}`);
  else {
    out = lines.shift() ?? '';
    if (lines.length > 0) out += `\n${lines.map((l) => (l === '' ? l : indention + l)).join('\n')}`;
  }
  return truthy(p.first) ? indention + out : out;
}

function doWordwrap(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['width', 'break_long_words', 'wrapstring', 'break_on_hyphens'], {
    width: 79,
    break_long_words: true,
    wrapstring: null,
    break_on_hyphens: true,
  });
  const wrap = isNone(p.wrapstring) ? '\n' : textOf(p.wrapstring);
  const width = toNumber(p.width);
  return splitLines(textOf(value))
    .map((line) => wrapLine(line, width, truthy(p.break_long_words), truthy(p.break_on_hyphens)).join(wrap))
    .join(wrap);
}

function doTitle(_ctx: RuntimeContext, value: unknown): unknown {
  return textOf(value)
    .split(/([-\s({[<]+)/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function doXmlattr(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  rejectUndefined(value);
  const p = params(args, ['autospace'], { autospace: true });
  if (!isMapping(value)) throw typeError(`'${typeName(value)}' object has no attribute 'items'`);
  const parts: string[] = [];
  for (const [k, v] of dictEntries(value)) {
    if (isNone(v) || v instanceof Undefined) continue;
    const key = textOf(k);
    if (/[\s/>=]/.test(key)) throw new JinjaRuntimeError(`Invalid character in attribute name: ${repr(key)}`);
    parts.push(`${escapeHtml(key).value}="${escapeHtml(v).value}"`);
  }
  const out = parts.join(' ');
  return new Markup(out !== '' && truthy(p.autospace) ? ` ${out}` : out);
}

function doUrlencode(_ctx: RuntimeContext, value: unknown): unknown {
  // Strings and non-iterables (numbers) are quoted whole; mappings and pair lists become a query.
  if (isStr(value) || isNone(value) || isNumeric(value)) return urlQuote(value);
  const pairs = isMapping(value) ? dictEntries(value) : (toList(value) as unknown[][]);
  return pairs.map(([k, v]) => `${urlQuote(k, true)}=${urlQuote(v, true)}`).join('&');
}

function doFormat(_ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const { rest, kwargs } = splitKw(args);
  const hasKw = Object.keys(kwargs).length > 0;
  if (rest.length > 0 && hasKw)
    throw new JinjaRuntimeError("can't handle positional and keyword arguments at the same time");
  return percentFormat(textOf(value), hasKw ? new Map(Object.entries(kwargs)) : makeTuple(rest));
}

function doAttr(ctx: RuntimeContext, value: unknown, name: unknown): unknown {
  rejectUndefined(value);
  // Attribute only: a mapping's keys are not attributes in Python.
  if (isMapping(value))
    return dictMethod(value, textOf(name)) ?? new Undefined(`'${textOf(name)}' of dict object`);
  return getAttr(value, textOf(name), ctx);
}

function doTruncate(ctx: RuntimeContext, value: unknown, ...args: unknown[]): unknown {
  const p = params(args, ['length', 'killwords', 'end', 'leeway'], {
    length: 255,
    killwords: false,
    end: '...',
    leeway: 5,
  });
  // Python takes len() of the value itself, so numbers are refused.
  if (!(value instanceof Undefined)) length(value, ctx);
  return truncate(
    textOf(value),
    toNumber(p.length),
    truthy(p.killwords),
    textOf(p.end),
    toNumber(p.leeway ?? 5),
  );
}

function doAbs(_ctx: RuntimeContext, value: unknown): unknown {
  if (value instanceof PyFloat) return new PyFloat(Math.abs(value.value));
  if (!isNumeric(value)) throw typeError(`bad operand type for abs(): '${typeName(value)}'`);
  return Math.abs(toNumber(value));
}

const stringFilter = (fn: (s: string, ...rest: unknown[]) => unknown): FilterFn => {
  return (ctx, value, ...args) => fn(textOf(value, ctx), ...args);
};

export const filters: Record<string, FilterFn> = {
  abs: doAbs,
  attr: (ctx, value, ...args) => {
    const p = params(args, ['name'], {});
    requireArgs(p, 'attr', ['name']);
    return doAttr(ctx, value, p.name);
  },
  batch: doBatch,
  capitalize: stringFilter((s) => capitalize(s)),
  center: (ctx, value, ...args) =>
    center(textOf(value, ctx), toIndex(params(args, ['width'], { width: 80 }).width)),
  count: (ctx, value) => length(value, ctx),
  d: doDefault,
  default: doDefault,
  dictsort: doDictsort,
  e: (_ctx, value) => escapeHtml(value),
  escape: (_ctx, value) => escapeHtml(value),
  filesizeformat: (_ctx, value, ...args) => {
    rejectUndefined(value);
    const p = params(args, ['binary'], { binary: false });
    return fileSizeFormat(toNumber(parseFloatLike(value) ?? 0), truthy(p.binary));
  },
  first: doFirst,
  float: doFloat,
  forceescape: (_ctx, value) => escapeHtml(textOf(value)),
  format: doFormat,
  groupby: doGroupby,
  indent: doIndent,
  int: doInt,
  items: doItems,
  join: doJoin,
  last: doLast,
  length: (ctx, value) => length(value, ctx),
  list: (ctx, value) => toList(value, ctx),
  lower: stringFilter((s) => s.toLowerCase()),
  map: doMap,
  max: doMinMax(true),
  min: doMinMax(false),
  pprint: (_ctx, value) => pformat(value),
  random: (ctx, value) => {
    const items = toList(value, ctx);
    return items.length === 0
      ? new Undefined('No random item, sequence was empty.')
      : items[Math.floor(Math.random() * items.length)];
  },
  reject: (ctx, value, ...args) => selectOrReject(ctx, value, args, false, false),
  rejectattr: (ctx, value, ...args) => selectOrReject(ctx, value, args, true, false),
  replace: (_ctx, value, ...args) => {
    const p = params(args, ['old', 'new', 'count'], { count: null });
    requireArgs(p, 'replace', ['old', 'new']);
    return replaceStr(textOf(value), textOf(p.old), textOf(p.new), isNone(p.count) ? -1 : toIndex(p.count));
  },
  reverse: doReverse,
  round: doRound,
  safe: (_ctx, value) => (value instanceof Markup ? value : new Markup(textOf(value))),
  select: (ctx, value, ...args) => selectOrReject(ctx, value, args, false, true),
  selectattr: (ctx, value, ...args) => selectOrReject(ctx, value, args, true, true),
  slice: doSlice,
  sort: doSort,
  string: (ctx, value) => (value instanceof Markup ? value : toStr(value, ctx)),
  striptags: stringFilter((s) => stripTags(s)),
  sum: doSum,
  title: doTitle,
  tojson: (_ctx, value, ...args) => {
    const p = params(args, ['indent'], { indent: null });
    return new Markup(
      htmlSafeJson(value, isNone(p.indent) ? null : isStr(p.indent) ? unmark(p.indent) : toNumber(p.indent)),
    );
  },
  trim: (_ctx, value, ...args) => {
    const p = params(args, ['chars'], { chars: null });
    return (getAttr(textOf(value), 'strip', { undefinedMode: 'default' }) as (c: unknown) => unknown)(
      p.chars,
    );
  },
  truncate: doTruncate,
  unique: doUnique,
  upper: stringFilter((s) => s.toUpperCase()),
  urlencode: doUrlencode,
  urlize: (_ctx, value, ...args) => {
    const p = params(args, ['trim_url_limit', 'nofollow', 'target'], {
      trim_url_limit: null,
      nofollow: false,
      target: null,
    });
    const limit = isNone(p.trim_url_limit) ? null : toNumber(p.trim_url_limit);
    return new Markup(
      urlize(textOf(value), limit, truthy(p.nofollow), isNone(p.target) ? null : textOf(p.target)),
    );
  },
  wordcount: stringFilter((s) => (s.match(/[\p{L}\p{N}_]+/gu) ?? []).length),
  wordwrap: doWordwrap,
  xmlattr: doXmlattr,
};
