/**
 * Python's format-spec mini-language (`'{:>8.2f}'.format(x)`, `format(x, spec)`), shared with
 * printf-style `%` formatting, which builds the same FormatSpec from its flags.
 */
import { isInt, isNumeric, isStr, toNumber, typeError, typeName, unmark, valueError } from './kinds.js';
import { formatFloat, formatInt, toStr } from './to-str.js';

export interface FormatSpec {
  fill: string;
  /** '' means the type's default: numbers right, strings left. */
  align: '' | '<' | '>' | '^' | '=';
  sign: '' | '+' | '-' | ' ';
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: '' | ',' | '_';
  precision: number | undefined;
  type: string;
}

const SPEC_RE = /^(?:([\s\S])?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/;

/** Parse `[[fill]align][sign][#][0][width][,][.precision][type]`. */
export function parseFormatSpec(text: string): FormatSpec {
  const m = SPEC_RE.exec(text);
  if (!m) throw valueError('Invalid format specifier');
  return {
    // A '0' flag without an explicit fill pads with zeros, whatever the alignment.
    fill: m[1] ?? (m[5] !== undefined ? '0' : ' '),
    align: (m[2] ?? '') as FormatSpec['align'],
    sign: (m[3] ?? '') as FormatSpec['sign'],
    alt: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] === undefined ? 0 : Number(m[6]),
    grouping: (m[7] ?? '') as FormatSpec['grouping'],
    precision: m[8] === undefined ? undefined : Number(m[8]),
    type: m[9] ?? '',
  };
}

/** Python `format(v, spec)`. */
export function formatValue(v: unknown, specText: string): string {
  if (specText === '') return toStr(v);
  const spec = parseFormatSpec(specText);
  if (isNumeric(v) && !(typeof v === 'boolean' && (spec.type === '' || spec.type === 's'))) {
    return formatNumber(toNumber(v), isInt(v) || typeof v === 'boolean', spec);
  }
  if (!isStr(v)) throw typeError(`unsupported format string passed to ${typeName(v)}.__format__`);
  if (spec.type !== '' && spec.type !== 's') {
    throw valueError(`Unknown format code '${spec.type}' for object of type '${typeName(v)}'`);
  }
  let s = isStr(v) ? unmark(v) : toStr(v);
  if (spec.precision !== undefined) s = s.slice(0, spec.precision);
  return pad(s, spec, '<');
}

/**
 * Format a number by a spec: sign, digits (with grouping), then padding. `minDigits` is printf's
 * precision for integer conversions (`%.3d` -> 007).
 */
export function formatNumber(x: number, isInteger: boolean, spec: FormatSpec, minDigits = 0): string {
  const negative = x < 0 || Object.is(x, -0);
  let body = numberBody(Math.abs(x), isInteger, spec).padStart(minDigits, '0');
  const sign = negative && !Number.isNaN(x) ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const prefix = sign + (spec.alt ? radixPrefix(spec.type) : '');
  const zeroPad = spec.zero && spec.align === '';
  if (spec.grouping !== '' && /^[\da-fA-F]/.test(body)) {
    const radix = spec.type !== '' && 'boxX'.includes(spec.type);
    const every = radix ? 4 : 3;
    // Zero padding with grouping pads the digits themselves, so the zeros get separators too.
    const zeroFill = zeroPad || (spec.fill === '0' && spec.align === '=');
    const minLength = zeroFill ? spec.width - prefix.length : 0;
    body = groupDigits(
      body,
      spec.grouping,
      every,
      minLength,
      radix ? /^([\da-fA-F]+)(.*)$/s : /^(\d+)(.*)$/s,
    );
  }
  if (zeroPad) return pad(body, { ...spec, fill: '0', align: '=' }, '>', prefix);
  return pad(body, spec, '>', prefix);
}

function radixPrefix(type: string): string {
  switch (type) {
    case 'x':
      return '0x';
    case 'X':
      return '0X';
    case 'o':
      return '0o';
    case 'b':
      return '0b';
    default:
      return '';
  }
}

function numberBody(x: number, isInteger: boolean, spec: FormatSpec): string {
  const p = spec.precision;
  const type = spec.type;
  if (isInteger && p !== undefined && 'dnbxXoc'.includes(type || 'd')) {
    throw valueError('Precision not allowed in integer format specifier');
  }
  if (!Number.isFinite(x) && 'eEfFgG%'.includes(type || 'g')) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return type === type.toUpperCase() && type !== '' && type !== '%' ? word.toUpperCase() : word;
  }
  switch (type) {
    case '':
      if (isInteger) return formatInt(x);
      if (p !== undefined) return general(x, p, spec.alt, true);
      return spec.alt && !formatFloat(x).includes('.') ? formatFloat(x).replace('e', '.e') : formatFloat(x);
    case 'd':
    case 'n':
      if (!isInteger) throw valueError(`Unknown format code '${type}' for object of type 'float'`);
      return formatInt(x);
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      if (!isInteger) throw valueError(`Unknown format code '${type}' for object of type 'float'`);
      const digits = x.toString(type === 'b' ? 2 : type === 'o' ? 8 : 16);
      return type === 'X' ? digits.toUpperCase() : digits;
    }
    case 'c':
      return String.fromCodePoint(x);
    case 'f':
    case 'F':
      return fixed(x, p ?? 6, spec.alt);
    case 'e':
    case 'E': {
      const s = exponent(x, p ?? 6, spec.alt);
      return type === 'E' ? s.toUpperCase() : s;
    }
    case 'g':
    case 'G': {
      const s = general(x, p ?? 6, spec.alt, false);
      return type === 'G' ? s.toUpperCase() : s;
    }
    case '%':
      return `${fixed(x * 100, p ?? 6, spec.alt)}%`;
    default:
      throw valueError(`Unknown format code '${type}' for object of type '${isInteger ? 'int' : 'float'}'`);
  }
}

/**
 * JS rounds exact ties up (2.25 -> 2.3); Python rounds them to even (2.2). Ties are exact binary
 * values, so looking 25 digits further shows whether `x` sits exactly on one.
 */
function roundHalfEven(x: number, digits: number, render: (x: number, d: number) => string): string {
  const rounded = render(x, digits);
  const more = Math.min(100, digits + 25);
  if (more <= digits) return rounded;
  const [mantissa, exp] = render(x, more).split('e') as [string, string | undefined];
  const cut = mantissa.length - (more - digits);
  if (!/^50*$/.test(mantissa.slice(cut))) return rounded;
  let head = mantissa.slice(0, cut);
  if (Number(head.replace('.', '').slice(-1)) % 2 === 1) return rounded;
  if (head.endsWith('.')) head = head.slice(0, -1);
  return exp === undefined ? head : `${head}e${exp}`;
}

const toFixed = (x: number, d: number): string => x.toFixed(d);
const toExponential = (x: number, d: number): string => x.toExponential(d);

/** Python's fixed-point digits of `x` (round half to even on exact ties). */
export function fixed(x: number, precision: number, alt: boolean): string {
  const s =
    x >= 1e21
      ? BigInt(Math.round(x)).toString() + (precision > 0 ? `.${'0'.repeat(precision)}` : '')
      : roundHalfEven(x, Math.min(precision, 100), toFixed);
  return alt && precision === 0 ? `${s}.` : s;
}

/** `1.500000e+00`: Python pads the exponent to two digits. */
export function exponent(x: number, precision: number, alt: boolean): string {
  const [mantissa, exp] = roundHalfEven(x, Math.min(precision, 100), toExponential).split('e') as [
    string,
    string,
  ];
  const expNum = Number(exp);
  const expText = `${expNum < 0 ? '-' : '+'}${String(Math.abs(expNum)).padStart(2, '0')}`;
  return `${mantissa}${alt && precision === 0 ? '.' : ''}e${expText}`;
}

/** The 'g' presentation (and the float default with a precision, which keeps a '.0'). */
export function general(x: number, precision: number, alt: boolean, keepPointZero: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const exp = x === 0 ? 0 : Number(roundHalfEven(x, p - 1, toExponential).split('e')[1]);
  // Without a type (keepPointZero) Python switches to exponent form one digit earlier.
  if (exp >= -4 && exp < (keepPointZero ? p - 1 : p)) {
    let s = fixed(x, p - 1 - exp, false);
    if (!alt && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    if (alt && !s.includes('.')) s += '.';
    if (keepPointZero && !s.includes('.')) s += '.0';
    return s;
  }
  let s = exponent(x, p - 1, alt);
  if (!alt) s = s.replace(/\.(\d*?)0*e/, (_all, kept: string) => (kept === '' ? 'e' : `.${kept}e`));
  return s;
}

function groupDigits(body: string, sep: string, every: number, minLength: number, split: RegExp): string {
  const m = split.exec(body)!;
  const group = (digits: string): string => {
    let out = '';
    for (let end = digits.length; end > 0; end -= every) {
      out = digits.slice(Math.max(0, end - every), end) + (out === '' ? '' : sep + out);
    }
    return out;
  };
  let digits = m[1]!;
  let grouped = group(digits);
  while (grouped.length + m[2]!.length < minLength) {
    digits = `0${digits}`;
    grouped = group(digits);
  }
  return grouped + m[2];
}

/** Pad `prefix + body` to the spec's width with its fill and alignment. */
export function pad(body: string, spec: FormatSpec, defaultAlign: '<' | '>', prefix = ''): string {
  const missing = spec.width - prefix.length - body.length;
  if (missing <= 0) return prefix + body;
  const fill = spec.fill;
  switch (spec.align || defaultAlign) {
    case '<':
      return prefix + body + fill.repeat(missing);
    case '^': {
      const left = Math.floor(missing / 2);
      return fill.repeat(left) + prefix + body + fill.repeat(missing - left);
    }
    case '=':
      return prefix + fill.repeat(missing) + body;
    default:
      return fill.repeat(missing) + prefix + body;
  }
}
