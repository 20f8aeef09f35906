/**
 * Python's `str.format`: `{}` / `{0}` / `{name}` fields with `.attr` and `[key]` lookups,
 * `!r`/`!s` conversions, `{{`/`}}` escapes and format specs (which may nest one `{}` field).
 */
import { JinjaRuntimeError } from '../errors.js';
import { formatValue } from './format-spec.js';
import { valueError } from './kinds.js';
import { repr, toStr } from './to-str.js';

/** How str.format reaches into arguments (`{0.name}`, `{0[key]}`); supplied by attr.ts. */
export interface FieldAccess {
  attr(obj: unknown, name: string): unknown;
  item(obj: unknown, key: unknown): unknown;
}

export function strFormat(
  format: string,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
  access: FieldAccess,
): string {
  let auto = 0;
  let out = '';
  let i = 0;
  const resolve = (field: string): unknown => {
    const m = /^([^.[]*)(.*)$/s.exec(field)!;
    const head = m[1]!;
    let value: unknown;
    if (head === '') {
      if (auto < 0)
        throw valueError('cannot switch from manual field specification to automatic field numbering');
      value = positional(args, auto++);
    } else if (/^\d+$/.test(head)) {
      if (auto > 0)
        throw valueError('cannot switch from automatic field numbering to manual field specification');
      auto = -1;
      value = positional(args, Number(head));
    } else {
      if (!Object.hasOwn(kwargs, head)) throw new JinjaRuntimeError(`'${head}'`);
      value = kwargs[head];
    }
    for (const part of m[2]!.matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) {
      if (part[1] !== undefined) value = access.attr(value, part[1]);
      else value = access.item(value, /^\d+$/.test(part[2]!) ? Number(part[2]) : part[2]);
    }
    return value;
  };
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === '}') {
      if (format[i + 1] !== '}') throw valueError("Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (format[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = fieldEnd(format, i + 1);
    const body = format.slice(i + 1, end);
    i = end + 1;
    const m = /^([^!:]*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(body);
    if (!m) throw valueError("expected '}' before end of string");
    const value = resolve(m[1]!);
    const spec = (m[3] ?? '').replace(/\{([^{}]*)\}/g, (_all, inner: string) => toStr(resolve(inner)));
    const converted = m[2] === undefined ? value : m[2] === 's' ? toStr(value) : repr(value);
    out += formatValue(converted, spec);
  }
  return out;
}

function positional(args: readonly unknown[], index: number): unknown {
  if (index >= args.length) {
    throw new JinjaRuntimeError(`Replacement index ${index} out of range for positional args tuple`);
  }
  return args[index];
}

/** Index of the `}` closing a field opened before `start`, allowing one nested `{...}` in the spec. */
function fieldEnd(format: string, start: number): number {
  let depth = 1;
  for (let j = start; j < format.length; j++) {
    if (format[j] === '{') depth++;
    else if (format[j] === '}' && --depth === 0) return j;
  }
  throw valueError("expected '}' before end of string");
}
