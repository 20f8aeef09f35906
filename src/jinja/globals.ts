/**
 * Jinja2's default global functions: range, dict, namespace, cycler, joiner, lipsum.
 */
import { JinjaRuntimeError } from './errors.js';
import { dictUpdate } from './value/dict-methods.js';
import { isInt, toNumber, typeError, typeName, valueError } from './value/kinds.js';
import { makeRange } from './value/markers.js';
import { Kwargs, Namespace, splitArgs } from './value/types.js';

/** The most items range() may produce (Jinja2's sandbox limit), so a typo cannot exhaust memory. */
export const MAX_RANGE = 100000;

function intArg(v: unknown): number {
  if (isInt(v) || typeof v === 'boolean') return toNumber(v);
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Python `range(stop)` / `range(start, stop[, step])` as an array that prints as `range(…)`. */
export function range(...raw: unknown[]): number[] {
  const { args } = splitArgs(raw);
  if (args.length === 0) throw typeError('range expected at least 1 argument, got 0');
  const [start, stop, step] =
    args.length === 1
      ? [0, intArg(args[0]), 1]
      : [intArg(args[0]), intArg(args[1]), args.length > 2 ? intArg(args[2]) : 1];
  if (step === 0) throw valueError('range() arg 3 must not be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_RANGE) {
    throw new JinjaRuntimeError(
      `Range too big. The engine blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`,
    );
  }
  const items = new Array<number>(count);
  for (let i = 0; i < count; i++) items[i] = start + i * step;
  return makeRange(items, start, stop, step);
}

/** Python `dict(mapping_or_pairs, **kw)` as a Map. */
export function dict(...raw: unknown[]): Map<unknown, unknown> {
  const { args, kwargs } = splitArgs(raw);
  const out = new Map<unknown, unknown>();
  dictUpdate(out, args, kwargs);
  return out;
}

/** Jinja2's namespace(): attributes that `{% set ns.x = … %}` may change from inside loops. */
export function namespace(...raw: unknown[]): Namespace {
  const ns = new Namespace();
  const { args, kwargs } = splitArgs(raw);
  const initial = dict(...args, new Kwargs(kwargs));
  for (const [k, v] of initial) ns.attrs.set(String(k), v);
  return ns;
}

/** Jinja2's cycler: `c.next()` steps through the items, `c.current` peeks, `c.reset()` restarts. */
export class Cycler {
  private position = 0;
  readonly items: unknown[];

  constructor(items: unknown[]) {
    if (items.length === 0) throw new JinjaRuntimeError('at least one item has to be provided');
    this.items = items;
  }

  get current(): unknown {
    return this.items[this.position];
  }

  next(): unknown {
    const value = this.current;
    this.position = (this.position + 1) % this.items.length;
    return value;
  }

  reset(): null {
    this.position = 0;
    return null;
  }
}

/** Jinja2's joiner: '' on the first call, the separator after that. */
export function joiner(...raw: unknown[]): () => string {
  const { args, kwargs } = splitArgs(raw);
  const sep = String(args[0] ?? kwargs.sep ?? ', ');
  let used = false;
  return () => {
    if (used) return sep;
    used = true;
    return '';
  };
}

const LIPSUM_WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et ' +
  'dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea ' +
  'commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur ' +
  'excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum'
).split(' ');

/** Jinja2's lipsum(n=5, html=True, min=20, max=100): placeholder paragraphs. */
export function lipsum(...raw: unknown[]): string {
  const { args, kwargs } = splitArgs(raw);
  const pick = (i: number, name: string, dflt: unknown): unknown =>
    i < args.length ? args[i] : (kwargs[name] ?? dflt);
  const n = toNumber(pick(0, 'n', 5));
  const html = Boolean(pick(1, 'html', true));
  const min = toNumber(pick(2, 'min', 20));
  const max = toNumber(pick(3, 'max', 100));
  const paragraphs: string[] = [];
  for (let p = 0; p < n; p++) {
    const count = min + Math.floor(Math.random() * (max - min + 1));
    const words: string[] = [];
    for (let i = 0; i < count; i++)
      words.push(LIPSUM_WORDS[Math.floor(Math.random() * LIPSUM_WORDS.length)]!);
    const text = words.join(' ');
    paragraphs.push(`${text[0]!.toUpperCase()}${text.slice(1)}.`);
  }
  return html ? paragraphs.map((t) => `<p>${t}</p>`).join('\n') : paragraphs.join('\n\n');
}

/** A fresh table of the default globals (fresh so a template cannot alter another's). */
export function makeGlobals(): Record<string, unknown> {
  return {
    range,
    dict,
    namespace,
    cycler: (...raw: unknown[]) => new Cycler(splitArgs(raw).args),
    joiner,
    lipsum,
  };
}
