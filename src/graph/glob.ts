// Python's glob dialects, as dbt uses them: `fnmatch` for names (`*` crosses dots and slashes) and
// pathlib's `Path.glob` for `path:` selectors (`*` stays inside one folder, `**` spans folders).

const WILDCARD = /[*?[\]]/;

/** True when the value holds a wildcard character dbt treats as a glob. */
export function hasWildcard(value: string): boolean {
  return WILDCARD.test(value);
}

const compiled = new Map<string, RegExp>();

/** Python's `fnmatch.fnmatchcase` (dbt runs on POSIX, where fnmatch is case-sensitive). */
export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(name);
}

/** The compiled, cached regular expression for an fnmatch pattern. */
export function fnmatchRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = translate(pattern);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function translate(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i++]!;
    if (c === '*') {
      while (pattern[i] === '*') i++;
      out += '.*';
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      const cls = characterClass(pattern, i);
      if (cls === undefined) out += '\\[';
      else {
        out += cls.source;
        i = cls.end;
      }
    } else {
      out += escapeChar(c);
    }
  }
  try {
    return new RegExp(`^(?:${out})$`, 's');
  } catch {
    // A reversed range such as `[z-a]` matches nothing in Python; do the same.
    return /(?!)/;
  }
}

/** `[...]` starting after the `[` at `start`; undefined when it is never closed (then `[` is literal). */
function characterClass(pattern: string, start: number): { source: string; end: number } | undefined {
  let j = start;
  if (pattern[j] === '!') j++;
  if (pattern[j] === ']') j++;
  while (j < pattern.length && pattern[j] !== ']') j++;
  if (j >= pattern.length) return undefined;
  let body = pattern.slice(start, j);
  let negate = false;
  if (body.startsWith('!')) {
    negate = true;
    body = body.slice(1);
  }
  if (body === '' && negate) return { source: '.', end: j + 1 };
  if (body === '') return { source: '(?!)', end: j + 1 };
  const escaped = [...body].map((ch) => (ch === '-' ? '-' : /[\\\]^[]/.test(ch) ? `\\${ch}` : ch)).join('');
  return { source: `[${negate ? '^' : ''}${escaped}]`, end: j + 1 };
}

/** A `path:` pattern compiled once: folder segments, each a name glob or `**`. */
export interface PathPattern {
  segments: (RegExp | '**')[];
  hasGlobstar: boolean;
}

/** Splits a `path:` value the way pathlib does: `./` and empty segments vanish. */
export function compilePathPattern(pattern: string): PathPattern {
  const parts = pattern.split('/').filter((p) => p !== '' && p !== '.');
  const segments = parts.map((p) => (p === '**' ? '**' : fnmatchRegExp(p)));
  return { segments, hasGlobstar: parts.includes('**') };
}

/**
 * Whether `Path.glob(pattern)` run at the project root would yield `path` (a file, or a folder
 * when `isDir`). A trailing `**` only yields folders, as in Python 3.11.
 */
export function pathGlobMatches(compiledPattern: PathPattern, path: string, isDir: boolean): boolean {
  const pat = compiledPattern.segments;
  if (pat.length === 0) return false;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (pat[pat.length - 1] === '**' && !isDir) return false;
  if (!compiledPattern.hasGlobstar) {
    // Without `**`, segment i must match segment i.
    return parts.length === pat.length && pat.every((seg, i) => (seg as RegExp).test(parts[i]!));
  }
  // can[i][j]: pattern segments from i match path segments from j.
  let nextRow: boolean[] = new Array(parts.length + 1).fill(false);
  nextRow[parts.length] = true;
  for (let i = pat.length - 1; i >= 0; i--) {
    const seg = pat[i]!;
    const row: boolean[] = new Array(parts.length + 1).fill(false);
    for (let j = parts.length; j >= 0; j--) {
      if (seg === '**') row[j] = nextRow[j]! || (j < parts.length && row[j + 1]!);
      else row[j] = j < parts.length && seg.test(parts[j]!) && nextRow[j + 1]!;
    }
    nextRow = row;
  }
  return nextRow[0]!;
}
