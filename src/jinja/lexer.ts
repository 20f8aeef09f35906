/**
 * Source text -> tokens. Follows Jinja2's lexer: data between tags, `{{ }}` / `{% %}` / `{# #}`,
 * whitespace control (`{%-`, `-%}`, `+%}`), `{% raw %}`, and the environment's newline options.
 */
import { TemplateError } from './errors.js';
import type { Token, TokenType } from './tokens.js';

export interface LexOptions {
  /** Remove the first newline after a block or comment tag (Jinja2 `trim_blocks`). */
  trimBlocks?: boolean;
  /** Strip spaces and tabs before a block or comment tag on its line (Jinja2 `lstrip_blocks`). */
  lstripBlocks?: boolean;
  /** Keep the single trailing newline of the source that Jinja2 drops by default. */
  keepTrailingNewline?: boolean;
}

const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INTEGER = /(?:0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\da-f])+|[1-9](?:_?\d)*|0(?:_?0)*)/iy;
const STRING = /(['"])((?:\\[\s\S]|(?!\1)[^\\])*)\1/y;
const OPERATORS = ['//', '**', '==', '!=', '<=', '>=', '+', '-', '/', '*', '%', '~', '[', ']', '(', ')'];
const MORE_OPERATORS = ['{', '}', '<', '>', '=', '.', ':', '|', ',', ';'];
const ALL_OPERATORS = [...OPERATORS, ...MORE_OPERATORS];
// As in Jinja2: `{% raw +%}` is not a raw tag (only `-%}` or `%}` close it); `endraw` takes all three.
const RAW_BEGIN = /\{%([-+]?)\s*raw\s*(-?)%\}/y;
const RAW_END = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Splits template source into tokens; throws TemplateError (kind 'syntax') on malformed tags. */
export class Lexer {
  private readonly src: string;
  private readonly lineStarts: number[] = [0];
  private readonly tokens: Token[] = [];
  /** Strip leading whitespace of the next data run (set by a `-%}` style end). */
  private stripNext = false;

  constructor(
    source: string,
    private readonly name: string | undefined,
    private readonly options: LexOptions = {},
  ) {
    let src = source.replace(/\r\n?/g, '\n');
    if (!options.keepTrailingNewline && src.endsWith('\n')) src = src.slice(0, -1);
    this.src = src;
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** The source line (1-based) for error messages. */
  sourceLine(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const end = this.src.indexOf('\n', start);
    return this.src.slice(start, end < 0 ? undefined : end);
  }

  tokenize(): Token[] {
    const src = this.src;
    let pos = 0;
    while (pos < src.length) {
      const start = this.nextTagStart(pos);
      if (start < 0) {
        this.pushData(src.slice(pos), pos, false);
        break;
      }
      const kind = src[start + 1];
      const flag = src[start + 2];
      let data = src.slice(pos, start);
      if (flag === '-') data = data.replace(/\s+$/, '');
      else if (kind !== '{' && flag !== '+' && this.options.lstripBlocks) data = lstripLine(data);
      this.pushData(data, pos, false);
      if (kind === '#') pos = this.lexComment(start);
      else if (kind === '%' && (RAW_BEGIN.lastIndex = start) >= 0 && RAW_BEGIN.test(src))
        pos = this.lexRaw(start);
      else pos = this.lexTag(start, kind === '%' ? 'block' : 'variable');
    }
    this.push('eof', '', src.length);
    return this.tokens;
  }

  private nextTagStart(from: number): number {
    const src = this.src;
    let i = src.indexOf('{', from);
    while (i >= 0) {
      const c = src[i + 1];
      if (c === '{' || c === '%' || c === '#') return i;
      i = src.indexOf('{', i + 1);
    }
    return -1;
  }

  private pushData(text: string, offset: number, raw: boolean): void {
    let value = text;
    if (this.stripNext && !raw) {
      const trimmed = value.replace(/^\s+/, '');
      offset += value.length - trimmed.length;
      value = trimmed;
    }
    this.stripNext = false;
    if (value !== '') this.push('data', value, offset);
  }

  /** After a block or comment end: `-` strips all following whitespace, trim_blocks one newline. */
  private afterBlockEnd(endFlag: string, pos: number): number {
    if (endFlag === '-') this.stripNext = true;
    else if (endFlag !== '+' && this.options.trimBlocks && this.src[pos] === '\n') return pos + 1;
    return pos;
  }

  private lexComment(start: number): number {
    const end = this.src.indexOf('#}', start + 2);
    if (end < 0) throw this.error('Missing end of comment tag', start);
    const endFlag = end > start + 2 ? this.src[end - 1]! : '';
    return this.afterBlockEnd(endFlag, end + 2);
  }

  private lexRaw(start: number): number {
    const src = this.src;
    RAW_BEGIN.lastIndex = start;
    const begin = RAW_BEGIN.exec(src)!;
    RAW_END.lastIndex = start + begin[0].length;
    const end = RAW_END.exec(src);
    if (end === null) throw this.error('Missing end of raw directive', start);
    this.stripNext = begin[2] === '-';
    let body = src.slice(start + begin[0].length, end.index);
    if (end[1] === '-') body = body.replace(/\s+$/, '');
    this.pushData(body, start + begin[0].length, false);
    return this.afterBlockEnd(end[2] ?? '', end.index + end[0].length);
  }

  private lexTag(start: number, kind: 'block' | 'variable'): number {
    const src = this.src;
    this.push(kind === 'block' ? 'block_begin' : 'variable_begin', src.slice(start, start + 2), start);
    let pos = start + 2;
    if (src[pos] === '-' || src[pos] === '+') pos++;
    const closer = kind === 'block' ? '%}' : '}}';
    const balance: string[] = [];
    for (;;) {
      while (pos < src.length && /\s/.test(src[pos]!)) pos++;
      if (pos >= src.length) {
        throw this.error(`unexpected end of template, expected '${closer}'`, pos);
      }
      if (balance.length === 0) {
        const endFlag = src[pos] === '-' || (kind === 'block' && src[pos] === '+') ? src[pos]! : '';
        if (src.startsWith(closer, pos + endFlag.length)) {
          this.push(kind === 'block' ? 'block_end' : 'variable_end', closer, pos);
          pos += endFlag.length + 2;
          if (kind === 'variable') {
            if (endFlag === '-') this.stripNext = true;
            return pos;
          }
          return this.afterBlockEnd(endFlag, pos);
        }
      }
      pos = this.lexExpressionToken(pos, balance);
    }
  }

  private lexExpressionToken(pos: number, balance: string[]): number {
    const src = this.src;
    const m = this.match(NAME, pos);
    if (m !== null) {
      this.push('name', m, pos);
      return pos + m.length;
    }
    const f = this.match(FLOAT, pos);
    if (f !== null) {
      this.push('float', f, pos, Number(f.replace(/_/g, '')));
      return pos + f.length;
    }
    const i = this.match(INTEGER, pos);
    if (i !== null) {
      this.push('integer', i, pos, parseInteger(i));
      return pos + i.length;
    }
    STRING.lastIndex = pos;
    const s = STRING.exec(src);
    if (s !== null) {
      const decoded = unescapeString(s[2]!);
      if (typeof decoded !== 'string') throw this.error(decoded.error, pos);
      this.push('string', decoded, pos);
      return pos + s[0].length;
    }
    const c = src[pos]!;
    if (c === '"' || c === "'") throw this.error('unexpected char ' + JSON.stringify(c), pos);
    const op = ALL_OPERATORS.find((o) => src.startsWith(o, pos));
    if (op === undefined) throw this.error(`unexpected char '${c}' at ${pos}`, pos);
    if (op in CLOSERS) balance.push(CLOSERS[op]!);
    else if (op === ')' || op === ']' || op === '}') {
      if (balance.length === 0) throw this.error(`unexpected '${op}'`, pos);
      const expected = balance.pop();
      if (expected !== op) throw this.error(`unexpected '${op}', expected '${expected}'`, pos);
    }
    this.push('operator', op, pos);
    return pos + op.length;
  }

  private match(re: RegExp, pos: number): string | null {
    re.lastIndex = pos;
    const m = re.exec(this.src);
    return m === null ? null : m[0];
  }

  private push(type: TokenType, value: string, offset: number, num?: number): void {
    const { line, column } = this.position(offset);
    const tok: Token = { type, value, line, column };
    if (num !== undefined) tok.num = num;
    this.tokens.push(tok);
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  private error(message: string, offset: number): TemplateError {
    const { line, column } = this.position(offset);
    return new TemplateError(message, 'syntax', this.name, line, column, this.sourceLine(line));
  }
}

/** lstrip_blocks: drop spaces/tabs that stand alone before a tag on its line. */
function lstripLine(data: string): string {
  const nl = data.lastIndexOf('\n');
  const tail = data.slice(nl + 1);
  return /^[ \t]*$/.test(tail) ? data.slice(0, nl + 1) : data;
}

function parseInteger(text: string): number {
  const t = text.replace(/_/g, '').toLowerCase();
  if (t.startsWith('0b')) return Number.parseInt(t.slice(2), 2);
  if (t.startsWith('0o')) return Number.parseInt(t.slice(2), 8);
  if (t.startsWith('0x')) return Number.parseInt(t.slice(2), 16);
  return Number.parseInt(t, 10);
}

const SIMPLE_ESCAPES: Record<string, string> = Object.assign(Object.create(null), {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '\n': '',
});

/**
 * Python's unicode-escape decoding, as Jinja2 applies to string literals; unknown escapes stay.
 * A truncated `\x`, `\u` or `\U` escape is a syntax error, as in Python.
 */
export function unescapeString(body: string): string | { error: string } {
  if (!body.includes('\\')) return body;
  let error: string | undefined;
  const out = body.replace(
    /\\(x[0-9a-fA-F]{0,2}|u[0-9a-fA-F]{0,4}|U[0-9a-fA-F]{0,8}|[0-7]{1,3}|[\s\S])/g,
    (whole, esc: string) => {
      const simple = SIMPLE_ESCAPES[esc];
      if (simple !== undefined) return simple;
      const c = esc[0]!;
      const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
      if (width > 0) {
        if (esc.length - 1 < width) {
          error ??=
            c === 'x'
              ? 'truncated \\xXX escape'
              : c === 'u'
                ? 'truncated \\uXXXX escape'
                : 'truncated \\UXXXXXXXX escape';
          return whole;
        }
        const code = Number.parseInt(esc.slice(1), 16);
        if (code > 0x10ffff) {
          error ??= 'illegal Unicode character';
          return whole;
        }
        return String.fromCodePoint(code);
      }
      if (c >= '0' && c <= '7') return String.fromCodePoint(Number.parseInt(esc, 8));
      return whole;
    },
  );
  return error === undefined ? out : { error };
}
