/**
 * Python arithmetic: the int/float distinction, sequence concatenation and repetition,
 * floor division and modulo with Python's sign rules, `str % values`, and Jinja's `~`.
 */
import { JinjaRuntimeError } from '../errors.js';
import type { BinaryOp } from './context.js';
import { isInt, isNumeric, isStr, toNumber, typeError, typeName, undefinedError, unmark } from './kinds.js';
import { percentFormat } from './percent-format.js';
import { truthy } from './protocols.js';
import { toStr } from './to-str.js';
import { hostOperation, isTuple, Markup, makeFloat, makeTuple, PyFloat, Undefined } from './types.js';

interface UndefinedModeHolder {
  undefinedMode: 'default' | 'strict' | 'lenient';
}

/** `a op b` for Jinja's arithmetic operators. `ctx` only matters for `~` on undefined in strict mode. */
export function binaryOp(op: BinaryOp, a: unknown, b: unknown, ctx?: UndefinedModeHolder): unknown {
  // Hot paths first: ints, strings.
  if (typeof a === 'number' && typeof b === 'number') {
    if (op === '+') return intOrFloat(a + b, a, b);
    if (op === '-') return intOrFloat(a - b, a, b);
    if (op === '*') return intOrFloat(a * b, a, b);
  }
  if (op === '~') return toStr(a, ctx) + toStr(b, ctx);
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof Undefined) throw undefinedError(a);
  if (b instanceof Undefined) throw undefinedError(b);
  if (typeof a === 'object' || typeof b === 'object') {
    const host = hostOperation(op, a, b);
    if (host !== undefined) return host;
  }
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return numeric(op, a, b, (x, y) => x - y);
    case '*':
      return multiply(a, b);
    case '/': {
      const [x, y] = numbers(op, a, b);
      if (y === 0) throw zeroDivision('division by zero');
      return makeFloat(x / y);
    }
    case '//': {
      const [x, y] = numbers(op, a, b);
      const ints = isIntLike(a) && isIntLike(b);
      if (y === 0)
        throw zeroDivision(ints ? 'integer division or modulo by zero' : 'float floor division by zero');
      const q = Math.floor(x / y); // `+ 0` below turns an int -0 into 0
      return ints ? q + 0 : makeFloat(q);
    }
    case '%': {
      if (isStr(a)) return percentFormat(unmark(a), b);
      const [x, y] = numbers(op, a, b);
      const ints = isIntLike(a) && isIntLike(b);
      if (y === 0) throw zeroDivision(ints ? 'integer modulo by zero' : 'float modulo');
      let r = x % y;
      if (r !== 0 && r < 0 !== y < 0) r += y;
      if (ints) return r;
      // A float remainder takes the divisor's sign, zero included (7 % -1.0 is -0.0).
      return makeFloat(r === 0 ? (y < 0 ? -0 : 0) : r);
    }
    case '**': {
      const [x, y] = numbers('** or pow()', a, b);
      if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
      const r = x ** y;
      if (isIntLike(a) && isIntLike(b) && y >= 0) return r;
      if (Math.abs(r) === Infinity && Number.isFinite(x) && Number.isFinite(y)) {
        throw new JinjaRuntimeError("(34, 'Numerical result out of range')");
      }
      return makeFloat(r);
    }
  }
  throw new JinjaRuntimeError(`unknown operator ${op}`);
}

/** Python's int results stay ints; anything touching a float becomes a float. */
function intOrFloat(r: number, a: number, b: number): number | PyFloat {
  // Ints have no negative zero (0 * -1 is 0), so later float maths keeps Python's signs.
  if (Number.isInteger(a) && Number.isInteger(b)) return r === 0 ? 0 : r;
  return makeFloat(r);
}

function isIntLike(v: unknown): boolean {
  return isInt(v) || typeof v === 'boolean';
}

function numbers(op: string, a: unknown, b: unknown): [number, number] {
  if (isNumeric(a) && isNumeric(b)) return [toNumber(a), toNumber(b)];
  throw unsupported(op, a, b);
}

function numeric(op: string, a: unknown, b: unknown, f: (x: number, y: number) => number): unknown {
  const [x, y] = numbers(op, a, b);
  const r = f(x, y);
  if (isIntLike(a) && isIntLike(b)) return r === 0 ? 0 : r;
  return makeFloat(r);
}

function add(a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) return numeric('+', a, b, (x, y) => x + y);
  if (isStr(a)) {
    if (!isStr(b)) throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
    const joined = unmark(a) + unmark(b);
    return a instanceof Markup ? new Markup(joined) : joined;
  }
  if (Array.isArray(a)) {
    const kind = isTuple(a) ? 'tuple' : 'list';
    if (!Array.isArray(b) || isTuple(b) !== isTuple(a)) {
      throw typeError(`can only concatenate ${kind} (not "${typeName(b)}") to ${kind}`);
    }
    const joined = a.concat(b);
    return kind === 'tuple' ? makeTuple(joined) : joined;
  }
  throw unsupported('+', a, b);
}

function multiply(a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) return numeric('*', a, b, (x, y) => x * y);
  if (isIntLike(b) && (isStr(a) || Array.isArray(a)))
    return repeat(a as string | Markup | unknown[], toNumber(b));
  if (isIntLike(a) && (isStr(b) || Array.isArray(b)))
    return repeat(b as string | Markup | unknown[], toNumber(a));
  if (isStr(a) || isStr(b) || Array.isArray(a) || Array.isArray(b)) {
    const other = isStr(a) || Array.isArray(a) ? b : a;
    throw typeError(`can't multiply sequence by non-int of type '${typeName(other)}'`);
  }
  throw unsupported('*', a, b);
}

function repeat(seq: string | Markup | unknown[], times: number): unknown {
  const n = Math.max(0, times);
  if (!Array.isArray(seq)) return unmark(seq).repeat(n);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) for (const x of seq) out.push(x);
  return isTuple(seq) ? makeTuple(out) : out;
}

function unsupported(op: string, a: unknown, b: unknown): JinjaRuntimeError {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function zeroDivision(message: string): JinjaRuntimeError {
  return new JinjaRuntimeError(message);
}

/** `-v`, `+v`, `not v`. */
export function unaryOp(op: '-' | '+' | 'not', v: unknown): unknown {
  if (op === 'not') return !truthy(v);
  if (typeof v === 'number') return op === '-' ? (v === 0 ? 0 : -v) : v;
  if (v instanceof Undefined) throw undefinedError(v);
  if (v instanceof PyFloat) return op === '-' ? new PyFloat(-v.value) : v;
  if (typeof v === 'boolean') return op === '-' ? (v ? -1 : 0) : Number(v);
  throw typeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
}
