/** The slice of Python's `re` module dbt templates use (`modules.re`), on JS RegExp. */
import { splitArgs } from '../jinja/index.js';

/** Python regex syntax → JS: named groups `(?P<n>…)`, `(?P=n)`; inline flags at the start. */
function toJs(pattern: string, flags = ''): RegExp {
  let src = pattern
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  let f = flags;
  if (inline) {
    src = src.slice(inline[0].length);
    if (inline[1]!.includes('i')) f += 'i';
    if (inline[1]!.includes('m')) f += 'm';
    if (inline[1]!.includes('s')) f += 's';
  }
  return new RegExp(src, [...new Set(f)].join(''));
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
function flagString(v: unknown): string {
  const n = Number(v ?? 0);
  return (n & FLAG_I ? 'i' : '') + (n & FLAG_M ? 'm' : '') + (n & FLAG_S ? 's' : '');
}

function compile(pattern: string, flags?: unknown) {
  const base = flagString(flags);
  return {
    pattern,
    match: (s: string) => {
      const m = toJs(`^(?:${pattern})`, base).exec(s);
      return m ? new PyMatch(m) : null;
    },
    fullmatch: (s: string) => {
      const m = toJs(`^(?:${pattern})$`, base).exec(s);
      return m ? new PyMatch(m) : null;
    },
    search: (s: string) => {
      const m = toJs(pattern, base).exec(s);
      return m ? new PyMatch(m) : null;
    },
    findall: (s: string) => {
      const out: unknown[] = [];
      for (const m of s.matchAll(toJs(pattern, `${base}g`)))
        out.push(m.length > 2 ? m.slice(1) : (m[1] ?? m[0]));
      return out;
    },
    sub: (repl: string, s: string, count?: unknown) => {
      const jsRepl = repl.replace(/\\(\d+)/g, '$$$1').replace(/\\g<(\w+)>/g, '$$<$1>');
      const n = Number(count ?? 0);
      if (!n) return s.replace(toJs(pattern, `${base}g`), jsRepl);
      let left = n;
      return s.replace(toJs(pattern, `${base}g`), (...m) =>
        left-- > 0 ? m[0].replace(toJs(pattern, base), jsRepl) : m[0],
      );
    },
    split: (s: string) => s.split(toJs(pattern, base)),
  };
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
  };
}
