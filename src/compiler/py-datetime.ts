/**
 * The slice of Python's `datetime` module dbt templates use (`run_started_at`, `modules.datetime`):
 * now/utcnow, strftime, isoformat, date parts, timedelta arithmetic through methods.
 */
import { HOST_OPERATORS, Kwargs, makeFloat, splitArgs } from '../jinja/index.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A UTC datetime (dbt's run_started_at is timezone-aware UTC). */
export class PyDateTime {
  constructor(
    readonly date: Date,
    readonly aware = true,
  ) {}
  get year() {
    return this.date.getUTCFullYear();
  }
  get month() {
    return this.date.getUTCMonth() + 1;
  }
  get day() {
    return this.date.getUTCDate();
  }
  get hour() {
    return this.date.getUTCHours();
  }
  get minute() {
    return this.date.getUTCMinutes();
  }
  get second() {
    return this.date.getUTCSeconds();
  }
  get microsecond() {
    return this.date.getUTCMilliseconds() * 1000;
  }
  strftime(format: string): string {
    return strftime(this.date, format);
  }
  isoformat(sep: unknown = 'T'): string {
    const s = typeof sep === 'string' ? sep : 'T';
    const frac = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return `${this.dateString()}${s}${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${frac}${this.aware ? '+00:00' : ''}`;
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  replace(...args: unknown[]): PyDateTime {
    const { kwargs } = splitArgs(args);
    const d = new Date(this.date.getTime());
    if (kwargs.year !== undefined) d.setUTCFullYear(Number(kwargs.year));
    if (kwargs.month !== undefined) d.setUTCMonth(Number(kwargs.month) - 1);
    if (kwargs.day !== undefined) d.setUTCDate(Number(kwargs.day));
    if (kwargs.hour !== undefined) d.setUTCHours(Number(kwargs.hour));
    if (kwargs.minute !== undefined) d.setUTCMinutes(Number(kwargs.minute));
    if (kwargs.second !== undefined) d.setUTCSeconds(Number(kwargs.second));
    if (kwargs.microsecond !== undefined) d.setUTCMilliseconds(Math.floor(Number(kwargs.microsecond) / 1000));
    return new PyDateTime(d, kwargs.tzinfo === null ? false : this.aware);
  }
  /** `dt.date()` */
  dateOnly(): string {
    return this.dateString();
  }
  weekday(): number {
    return (this.date.getUTCDay() + 6) % 7;
  }
  add(delta: PyTimeDelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() + delta.ms), this.aware);
  }
  subtract(delta: PyTimeDelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() - delta.ms), this.aware);
  }
  /** Python's operators: datetime ± timedelta, datetime − datetime, comparisons. */
  [HOST_OPERATORS](op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof PyTimeDelta && !reflected) {
      if (op === '+') return this.add(other);
      if (op === '-') return this.subtract(other);
    }
    if (other instanceof PyTimeDelta && reflected && op === '+') return this.add(other);
    if (!(other instanceof PyDateTime)) return undefined;
    const diff = reflected
      ? other.date.getTime() - this.date.getTime()
      : this.date.getTime() - other.date.getTime();
    if (op === '-') return new PyTimeDelta(diff);
    if (op === 'cmp') return Math.sign(diff);
    if (op === 'eq') return diff === 0;
    return undefined;
  }
  private dateString(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  toString(): string {
    return this.isoformat(' ');
  }
}

export class PyTimeDelta {
  constructor(readonly ms: number) {}
  /** Python's operators: timedelta ± timedelta, timedelta × number, comparisons. */
  [HOST_OPERATORS](op: string, other: unknown, reflected: boolean): unknown {
    if (typeof other === 'number' && (op === '*' || (op === '/' && !reflected)))
      return new PyTimeDelta(op === '*' ? this.ms * other : this.ms / other);
    if (!(other instanceof PyTimeDelta)) return undefined;
    const [a, b] = reflected ? [other.ms, this.ms] : [this.ms, other.ms];
    if (op === '+') return new PyTimeDelta(a + b);
    if (op === '-') return new PyTimeDelta(a - b);
    if (op === 'cmp') return Math.sign(a - b);
    if (op === 'eq') return a === b;
    return undefined;
  }
  get days() {
    return Math.floor(this.ms / 86_400_000);
  }
  /** A float, as in Python (`93600.0`). */
  total_seconds(): unknown {
    return makeFloat(this.ms / 1000);
  }
  toString(): string {
    const days = this.days;
    let rest = Math.round((this.ms - days * 86_400_000) / 1000);
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    const s = rest - m * 60;
    const time = `${h}:${pad(m)}:${pad(s)}`;
    return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${time}` : time;
  }
}

function timedelta(...args: unknown[]): PyTimeDelta {
  const { args: pos, kwargs } = splitArgs(args);
  const n = (v: unknown) => (v === undefined || v === null ? 0 : Number(v));
  const days = n(kwargs.days ?? pos[0]);
  const seconds = n(kwargs.seconds ?? pos[1]);
  const micro = n(kwargs.microseconds ?? pos[2]);
  const ms =
    days * 86_400_000 +
    seconds * 1000 +
    micro / 1000 +
    n(kwargs.milliseconds) +
    n(kwargs.minutes) * 60_000 +
    n(kwargs.hours) * 3_600_000 +
    n(kwargs.weeks) * 7 * 86_400_000;
  return new PyTimeDelta(ms);
}

export function strftime(d: Date, format: string): string {
  return format.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y':
        return pad(d.getUTCFullYear(), 4);
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'H':
        return pad(d.getUTCHours());
      case 'I':
        return pad(((d.getUTCHours() + 11) % 12) + 1);
      case 'p':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'f':
        return pad(d.getUTCMilliseconds() * 1000, 6);
      case 'j': {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        return pad(Math.floor((d.getTime() - start) / 86_400_000) + 1, 3);
      }
      case 'A':
        return DAYS[d.getUTCDay()]!;
      case 'a':
        return DAYS[d.getUTCDay()]!.slice(0, 3);
      case 'B':
        return MONTHS[d.getUTCMonth()]!;
      case 'b':
        return MONTHS[d.getUTCMonth()]!.slice(0, 3);
      case 'w':
        return String(d.getUTCDay());
      case 'z':
        return '+0000';
      case 'Z':
        return 'UTC';
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

/** `modules.datetime` as templates use it. */
export function datetimeModule(): Record<string, unknown> {
  const datetime = Object.assign(
    (...args: unknown[]) => {
      const { args: p } = splitArgs(args);
      const [y, mo = 1, d = 1, h = 0, mi = 0, s = 0] = p.map(Number);
      return new PyDateTime(new Date(Date.UTC(y!, mo - 1, d, h, mi, s)), false);
    },
    {
      now: () => new PyDateTime(new Date(), false),
      today: () => new PyDateTime(new Date(), false),
      utcnow: () => new PyDateTime(new Date(), false),
      strptime: (text: string, _format: string) => new PyDateTime(new Date(`${text}Z`), false),
      fromisoformat: (text: string) =>
        new PyDateTime(new Date(text.includes('T') || text.includes(' ') ? text : `${text}T00:00:00Z`)),
    },
  );
  const date = Object.assign(
    (...args: unknown[]) => {
      const [y, mo = 1, d = 1] = splitArgs(args).args.map(Number);
      return new PyDateTime(new Date(Date.UTC(y!, mo - 1, d)), false);
    },
    { today: () => new PyDateTime(new Date(new Date().toISOString().slice(0, 10)), false) },
  );
  return { datetime, date, timedelta, timezone: { utc: 'UTC' } };
}

export { Kwargs };
