/** The slice of Python's `re` module dbt templates use (`modules.re`), on JS RegExp. */
import { splitArgs } from '../jinja/index.js';

/**
 * Python regex syntax → JS: named groups `(?P<n>…)`, `(?P=n)`, `\A`/`\Z`; inline flags at
 * the start (`(?ix)`), verbose mode (`x`: whitespace and `#` comments outside classes dropped).
 */
function toJs(pattern: string, flags = '', wrap?: (src: string) => string): RegExp {
  let src = pattern;
  let f = flags;
  // Leading inline flag groups, one or several (`(?i)(?s)…`).
  for (let inline = /^\(\?([aiLmsux]+)\)/.exec(src); inline; inline = /^\(\?([aiLmsux]+)\)/.exec(src)) {
    src = src.slice(inline[0].length);
    for (const c of 'imsx') if (inline[1]!.includes(c)) f += c;
  }
  if (f.includes('x')) src = withoutVerboseSpace(src);
  src = src
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/(?<!\\)((?:\\\\)*)\\A/g, '$1^')
    .replace(/(?<!\\)((?:\\\\)*)\\Z/g, '$1$');
  if (wrap) src = wrap(src);
  return new RegExp(src, [...new Set(f)].filter((c) => c !== 'x').join(''));
}

/** Python's verbose mode: unescaped whitespace and `#…` comments outside `[…]` are not part of the pattern. */
function withoutVerboseSpace(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += src.slice(i, i + 2);
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += src[++i];
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

export class PyMatch {
  constructor(private readonly m: RegExpExecArray) {}
  group(...args: unknown[]): string | null {
    const { args: p } = splitArgs(args);
    const key = p[0] ?? 0;
    const v = typeof key === 'string' ? this.m.groups?.[key] : this.m[Number(key)];
    return v ?? null;
  }
  groups(): (string | null)[] {
    return this.m.slice(1).map((x) => x ?? null);
  }
  start(): number {
    return this.m.index;
  }
  end(): number {
    return this.m.index + this.m[0].length;
  }
}

const FLAG_I = 2;
const FLAG_M = 8;
const FLAG_S = 16;
const FLAG_X = 64;
function flagString(v: unknown): string {
  const n = Number(v ?? 0);
  return (
    (n & FLAG_I ? 'i' : '') + (n & FLAG_M ? 'm' : '') + (n & FLAG_S ? 's' : '') + (n & FLAG_X ? 'x' : '')
  );
}

function compile(pattern: string, flags?: unknown) {
  const base = flagString(flags);
  return {
    pattern,
    match: (s: string) => {
      const m = toJs(pattern, base, (p) => `^(?:${p})`).exec(s);
      return m ? new PyMatch(m) : null;
    },
    fullmatch: (s: string) => {
      const m = toJs(pattern, base, (p) => `^(?:${p})$`).exec(s);
      return m ? new PyMatch(m) : null;
    },
    search: (s: string) => {
      const m = toJs(pattern, base).exec(s);
      return m ? new PyMatch(m) : null;
    },
    findall: (s: string) => {
      const out: unknown[] = [];
      // Python gives '' for a group that took no part in the match.
      for (const m of s.matchAll(toJs(pattern, `${base}g`)))
        out.push(m.length > 2 ? m.slice(1).map((g) => g ?? '') : m.length === 2 ? (m[1] ?? '') : m[0]);
      return out;
    },
    sub: (repl: string, s: string, count?: unknown) => {
      let left = Number(count ?? 0) || Number.POSITIVE_INFINITY;
      return s.replace(toJs(pattern, `${base}g`), (...args: unknown[]) => {
        const named =
          typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Groups) : undefined;
        const match = args.slice(0, named ? -3 : -2) as (string | undefined)[];
        return left-- > 0 ? expandTemplate(String(repl), match, named) : match[0]!;
      });
    },
    split: (s: string) => s.split(toJs(pattern, base)),
  };
}

type Groups = Record<string, string | undefined>;

const ESCAPES: Record<string, string> = { '\\': '\\', n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };

/**
 * Python's replacement template: `\g<1>`, `\g<name>`, `\1`, and escapes; everything else, `$`
 * included, is literal (a JS replacement string would read `$` as special).
 */
function expandTemplate(repl: string, match: (string | undefined)[], named: Groups | undefined): string {
  return repl.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/gs, (all, name, num, esc) => {
    if (name !== undefined) return (/^\d+$/.test(name) ? match[Number(name)] : named?.[name]) ?? '';
    if (num !== undefined) return match[Number(num)] ?? '';
    return ESCAPES[esc] ?? all;
  });
}

export function reModule(): Record<string, unknown> {
  const call =
    (method: 'match' | 'fullmatch' | 'search' | 'findall' | 'split') =>
    (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      return compile(String(p[0]), kwargs.flags ?? p[2])[method](String(p[1]));
    };
  return {
    compile: (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      return compile(String(p[0]), kwargs.flags ?? p[1]);
    },
    match: call('match'),
    fullmatch: call('fullmatch'),
    search: call('search'),
    findall: call('findall'),
    split: call('split'),
    sub: (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      return compile(String(p[0]), kwargs.flags ?? p[4]).sub(
        String(p[1]),
        String(p[2]),
        kwargs.count ?? p[3],
      );
    },
    escape: (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    I: FLAG_I,
    IGNORECASE: FLAG_I,
    M: FLAG_M,
    MULTILINE: FLAG_M,
    S: FLAG_S,
    DOTALL: FLAG_S,
    X: FLAG_X,
    VERBOSE: FLAG_X,
  };
}
