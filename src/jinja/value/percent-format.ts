/**
 * printf-style `str % values` (and the `format` filter): %s %r %d %i %f %e %g %x %o %c %%,
 * flags `-+ 0#`, width and precision (also `*`), and `%(name)s` with a dict.
 */
import { JinjaRuntimeError } from '../errors.js';
import { dictGet, MISSING } from './compare.js';
import { type FormatSpec, formatNumber, pad } from './format-spec.js';
import {
  isFloat,
  isMapping,
  isNumeric,
  isStr,
  toNumber,
  typeError,
  typeName,
  unmark,
  valueError,
} from './kinds.js';
import { repr, toStr } from './to-str.js';
import { isTuple } from './types.js';

const CONVERSION_RE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])?/g;

/** Python `format % values`: a tuple spreads into the conversions, a dict serves `%(name)s`. */
export function percentFormat(format: string, values: unknown): string {
  const positional = isTuple(values) ? values : [values];
  const mapping = isMapping(values) ? values : undefined;
  let next = 0;
  let usedMapping = false;
  const take = (): unknown => {
    if (next >= positional.length) throw typeError('not enough arguments for format string');
    return positional[next++];
  };
  const out = format.replace(
    CONVERSION_RE,
    (_all, name: string | undefined, flags: string, width?: string, precision?: string, type?: string) => {
      if (type === undefined) throw valueError(`incomplete format`);
      if (type === '%' && name === undefined) return '%';
      let value: unknown;
      if (name !== undefined) {
        if (mapping === undefined) throw typeError('format requires a mapping');
        usedMapping = true;
        value = dictGet(mapping, name);
        if (value === MISSING) throw new JinjaRuntimeError(`'${name}'`);
        // Python treats the mapping as the one argument: a later plain %s finds none left.
        next = positional.length;
      }
      const spec: FormatSpec = {
        fill: ' ',
        align: flags.includes('-') ? '<' : '',
        sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '',
        alt: flags.includes('#'),
        zero: flags.includes('0') && !flags.includes('-'),
        width: width === '*' ? Number(toNumber(take())) : Number(width ?? 0),
        grouping: '',
        precision:
          precision === '*' ? toNumber(take()) : precision === undefined ? undefined : Number(precision || 0),
        type,
      };
      if (name === undefined) value = take();
      return convertOne(value, spec);
    },
  );
  // Python skips this check when the argument supports item access (a dict, or even a list).
  if (!usedMapping && next < positional.length && mapping === undefined && !isPlainList(values)) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}

function isPlainList(v: unknown): boolean {
  return Array.isArray(v) && !isTuple(v);
}

function convertOne(value: unknown, spec: FormatSpec): string {
  switch (spec.type) {
    case 's':
    case 'r':
    case 'a': {
      let s = spec.type === 's' ? toStr(value) : repr(value);
      if (spec.precision !== undefined) s = s.slice(0, spec.precision);
      return pad(s, { ...spec, zero: false }, '>');
    }
    case 'd':
    case 'i':
    case 'u':
      if (!isNumeric(value))
        throw typeError(`%${spec.type} format: a real number is required, not ${typeName(value)}`);
      return formatNumber(
        Math.trunc(toNumber(value)),
        true,
        { ...spec, type: 'd', precision: undefined },
        spec.precision,
      );
    case 'x':
    case 'X':
    case 'o':
      if (!isNumeric(value) || isFloat(value)) {
        throw typeError(`%${spec.type} format: an integer is required, not ${typeName(value)}`);
      }
      return formatNumber(toNumber(value), true, { ...spec, precision: undefined }, spec.precision);
    case 'c':
      if (isStr(value)) {
        if (Array.from(unmark(value)).length !== 1) throw typeError('%c requires int or char');
        return pad(unmark(value), spec, '>');
      }
      return pad(String.fromCodePoint(toNumber(value)), spec, '>');
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      if (!isNumeric(value)) throw typeError(`must be real number, not ${typeName(value)}`);
      return formatNumber(toNumber(value), false, { ...spec, precision: spec.precision ?? 6 });
    case '%':
      return '%';
    default:
      throw valueError(`unsupported format character '${spec.type}'`);
  }
}
