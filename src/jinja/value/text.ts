/**
 * Text helpers behind Jinja2's string filters: HTML escaping, tag stripping, URL quoting,
 * word wrapping (Python textwrap's greedy algorithm), truncation and file sizes.
 */
import { JinjaRuntimeError } from '../errors.js';
import { isStr, pyLen, unmark } from './kinds.js';
import { toStr } from './to-str.js';
import { Markup } from './types.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** markupsafe's escape: Markup passes through, anything else is printed and escaped. */
export function escapeHtml(v: unknown): Markup {
  if (v instanceof Markup) return v;
  const s = toStr(v);
  return new Markup(/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : s);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return String.fromCodePoint(code);
    }
    return ENTITIES[body] ?? all;
  });
}

/** Jinja2's striptags: drop comments and tags, collapse whitespace, unescape entities. */
export function stripTags(s: string): string {
  const text = s
    .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
  return unescapeHtml(text);
}

/** Python's urllib quote: everything but `A-Za-z0-9_.-~` (and `/` unless forQuery) is percent-encoded. */
export function urlQuote(v: unknown, forQuery = false): string {
  const s = isStr(v) ? unmark(v) : toStr(v);
  let out = encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  if (!forQuery) out = out.replace(/%2F/g, '/');
  return forQuery ? out.replace(/%20/g, '+') : out;
}

const LINE_BREAKS = '\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029';

/** Python `str.splitlines(keepends)`: every Unicode line boundary, '\r\n' as one. */
export function splitLines(s: string, keepends = false): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!LINE_BREAKS.includes(s[i]!)) continue;
    const end = s[i] === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
    lines.push(s.slice(start, keepends ? end : i));
    start = end;
    i = end - 1;
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

// textwrap's chunking: its whitespace is ASCII only; words split after a hyphen that follows two
// letters (or letter-letter-) and precedes two letters, and around em-dashes (`--`).
const TEXTWRAP_WS = '[\\t\\n\\x0b\\x0c\\r ]';
const WORD_PUNCT = '[\\p{L}\\p{N}_!"\'&.,?]';
const LETTER = '[\\p{L}_]';
const WORDSEP = new RegExp(
  `(${TEXTWRAP_WS}+|(?<=${WORD_PUNCT})-{2,}(?=[\\p{L}\\p{N}_])|[^\\t\\n\\x0b\\x0c\\r ]+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${TEXTWRAP_WS}|$)|(?<=${WORD_PUNCT})(?=-{2,}[\\p{L}\\p{N}_])))`,
  'u',
);
const WORDSEP_SIMPLE = new RegExp(`(${TEXTWRAP_WS}+)`);

/** Python slicing of a str by code points. */
function cpSlice(s: string, start: number, end?: number): string {
  return Array.from(s).slice(start, end).join('');
}

/** Python `textwrap.wrap(line, width)` with Jinja2's settings (tabs and whitespace kept). */
export function wrapLine(
  line: string,
  width: number,
  breakLongWords: boolean,
  breakOnHyphens: boolean,
): string[] {
  if (width <= 0) throw new JinjaRuntimeError(`invalid width ${width} (must be > 0)`);
  const chunks = line
    .split(breakOnHyphens ? WORDSEP : WORDSEP_SIMPLE)
    .filter((c) => c !== '' && c !== undefined)
    .reverse();
  const lines: string[] = [];
  const isBlank = (c: string): boolean => c.trim() === '';
  while (chunks.length > 0) {
    const cur: string[] = [];
    let curLen = 0;
    if (lines.length > 0 && isBlank(chunks[chunks.length - 1]!)) chunks.pop();
    while (chunks.length > 0) {
      const len = pyLen(chunks[chunks.length - 1]!);
      if (curLen + len > width) break;
      cur.push(chunks.pop()!);
      curLen += len;
    }
    const next = chunks[chunks.length - 1];
    if (next !== undefined && pyLen(next) > width) {
      if (breakLongWords) {
        const room = width < 1 ? 1 : width - curLen;
        let end = room;
        if (breakOnHyphens && pyLen(next) > room) {
          // Prefer breaking just after a hyphen that fits, as textwrap does.
          const hyphen = cpSlice(next, 0, room).lastIndexOf('-');
          if (hyphen > 0 && /[^-]/.test(next.slice(0, hyphen))) end = pyLen(next.slice(0, hyphen)) + 1;
        }
        cur.push(cpSlice(next, 0, end));
        chunks[chunks.length - 1] = cpSlice(next, end);
      } else if (cur.length === 0) {
        cur.push(chunks.pop()!);
      }
    }
    if (cur.length > 0 && isBlank(cur[cur.length - 1]!)) cur.pop();
    if (cur.length > 0) lines.push(cur.join(''));
  }
  return lines;
}

/** Jinja2's truncate filter. */
export function truncate(s: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (length < end.length) throw new JinjaRuntimeError(`expected length >= ${end.length}, got ${length}`);
  if (leeway < 0) throw new JinjaRuntimeError(`expected leeway >= 0, got ${leeway}`);
  // Python measures in code points; arrays of characters keep emoji whole.
  const chars = Array.from(s);
  if (chars.length <= length + leeway) return s;
  const head = chars.slice(0, length - Array.from(end).length).join('');
  if (killwords) return head + end;
  const cut = head.lastIndexOf(' ');
  return (cut < 0 ? head : head.slice(0, cut)) + end;
}

/** Jinja2's filesizeformat: decimal (kB, MB) or binary (KiB, MiB) units with one decimal. */
export function fileSizeFormat(bytes: number, binary: boolean): string {
  const base = binary ? 1024 : 1000;
  const prefixes = binary
    ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
    : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  for (const prefix of prefixes) {
    unit *= base;
    if (bytes < unit || prefix === prefixes[prefixes.length - 1])
      return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
  }
  return '';
}

/** What urlize links: http(s):// or www. hosts with a TLD, or bare domains on common TLDs; then port and path. */
const HTTP_URL =
  /^(?:(?:https?:\/\/|www\.)(?:[\w%-]+\.)*(?:[a-z]{2,63}|xn--[\w%]{2,59})|(?:[\w%-]{2,63}\.)+(?:com|net|int|edu|gov|org|info|mil)|https?:\/\/\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/** Jinja2's urlize, simplified: http(s) and www. links and e-mail addresses become anchors. */
export function urlize(
  text: string,
  trimLength: number | null,
  nofollow: boolean,
  target: string | null,
): string {
  const rel = ['noopener', ...(nofollow ? ['nofollow'] : [])].join(' ');
  const attrs = ` rel="${rel}"${target ? ` target="${escapeHtml(target).value}"` : ''}`;
  const shorten = (s: string): string =>
    trimLength !== null && s.length > trimLength
      ? `${s.slice(0, trimLength)}${trimLength >= 3 ? '...' : ''}`
      : s;
  return text
    .split(/(\s+)/)
    .map((word) => {
      const m = /^([(<]*)(.*?)([.,)>\n]*)$/s.exec(word)!;
      const [, head, middle, tail] = m as unknown as [string, string, string, string];
      const label = escapeHtml(shorten(middle)).value;
      let href: string | undefined;
      if (HTTP_URL.test(middle)) href = /^https?:/i.test(middle) ? middle : `https://${middle}`;
      else if (/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(middle) && !middle.includes(':')) {
        return `${escapeHtml(head).value}<a href="mailto:${escapeHtml(middle).value}">${escapeHtml(middle).value}</a>${escapeHtml(tail).value}`;
      }
      if (href === undefined) return escapeHtml(word).value;
      return `${escapeHtml(head).value}<a href="${escapeHtml(href).value}"${attrs}>${label}</a>${escapeHtml(tail).value}`;
    })
    .join('');
}
