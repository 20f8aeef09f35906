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

/**
 * A Python datetime: an instant (`date`), naive or aware; an aware one shows its wall time in
 * `zone` (UTC unless a pytz timezone localized it). dbt's run_started_at is aware UTC.
 */
export class PyDateTime {
  constructor(
    readonly date: Date,
    readonly aware = true,
    readonly zone = 'UTC',
    /** A fixed offset in minutes, as pytz gives a zone passed as `tzinfo=` (its first, LMT, offset). */
    readonly fixedOffset?: number,
  ) {}
  private get offset(): number {
    return this.fixedOffset ?? offsetMinutes(this.zone, this.date);
  }
  /** The wall-clock time, as a Date whose UTC fields are the local fields. */
  private get wall(): Date {
    return this.aware ? new Date(this.date.getTime() + this.offset * 60_000) : this.date;
  }
  get year() {
    return this.wall.getUTCFullYear();
  }
  get month() {
    return this.wall.getUTCMonth() + 1;
  }
  get day() {
    return this.wall.getUTCDate();
  }
  get hour() {
    return this.wall.getUTCHours();
  }
  get minute() {
    return this.wall.getUTCMinutes();
  }
  get second() {
    return this.wall.getUTCSeconds();
  }
  get microsecond() {
    return this.wall.getUTCMilliseconds() * 1000;
  }
  /** None for a naive datetime, its timezone for an aware one. */
  get tzinfo(): PyTimezone | null {
    return this.aware ? new PyTimezone(this.zone) : null;
  }
  strftime(format: string): string {
    return strftime(
      this.wall,
      format,
      this.aware ? offsetMinutes(this.zone, this.date) : undefined,
      this.zone,
    );
  }
  isoformat(sep: unknown = 'T'): string {
    const s = typeof sep === 'string' ? sep : 'T';
    const frac = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    const offset = this.aware ? formatOffset(this.offset, ':') : '';
    return `${this.dateString()}${s}${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${frac}${offset}`;
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  replace(...args: unknown[]): PyDateTime {
    const { kwargs } = splitArgs(args);
    const d = new Date(this.wall.getTime());
    if (kwargs.year !== undefined) d.setUTCFullYear(Number(kwargs.year));
    if (kwargs.month !== undefined) d.setUTCMonth(Number(kwargs.month) - 1);
    if (kwargs.day !== undefined) d.setUTCDate(Number(kwargs.day));
    if (kwargs.hour !== undefined) d.setUTCHours(Number(kwargs.hour));
    if (kwargs.minute !== undefined) d.setUTCMinutes(Number(kwargs.minute));
    if (kwargs.second !== undefined) d.setUTCSeconds(Number(kwargs.second));
    if (kwargs.microsecond !== undefined) d.setUTCMilliseconds(Math.floor(Number(kwargs.microsecond) / 1000));
    const naive = new PyDateTime(d, false);
    if (kwargs.tzinfo === null || (!this.aware && !(kwargs.tzinfo instanceof PyTimezone))) return naive;
    const zone = kwargs.tzinfo instanceof PyTimezone ? kwargs.tzinfo.zone : this.zone;
    return new PyTimezone(zone).localize(naive);
  }
  /** The same instant shown in another timezone. */
  astimezone(tz: unknown): PyDateTime {
    return new PyDateTime(this.date, true, tz instanceof PyTimezone ? tz.zone : 'UTC');
  }
  /** `dt.date()` */
  dateOnly(): string {
    return this.dateString();
  }
  weekday(): number {
    return (this.wall.getUTCDay() + 6) % 7;
  }
  add(delta: PyTimeDelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() + delta.ms), this.aware, this.zone, this.fixedOffset);
  }
  subtract(delta: PyTimeDelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() - delta.ms), this.aware, this.zone, this.fixedOffset);
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

export function strftime(d: Date, format: string, offset?: number, zone = 'UTC'): string {
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
        return offset === undefined ? '' : formatOffset(offset, '');
      case 'Z':
        return offset === undefined ? '' : zone;
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

/** A pytz timezone: `localize` makes a naive datetime aware of it. */
export class PyTimezone {
  constructor(readonly zone: string) {
    offsetMinutes(zone, new Date()); // an unknown zone fails here, as pytz.timezone() does
  }
  localize(dt: PyDateTime): PyDateTime {
    // The instant whose wall time in the zone is dt's fields (two passes settle DST edges).
    const wall = dt.date.getTime();
    let instant = wall - offsetMinutes(this.zone, dt.date) * 60_000;
    instant = wall - offsetMinutes(this.zone, new Date(instant)) * 60_000;
    return new PyDateTime(new Date(instant), true, this.zone);
  }
  normalize(dt: PyDateTime): PyDateTime {
    return dt;
  }
  toString(): string {
    return this.zone;
  }
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's wall clock is ahead of UTC at that instant. */
function offsetMinutes(zone: string, at: Date): number {
  if (zone === 'UTC') return 0;
  let format = zoneFormats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TypeError(`UnknownTimeZoneError: '${zone}'`);
    }
    zoneFormats.set(zone, format);
  }
  const part = (type: string) => Number(format!.formatToParts(at).find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number, sep: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}${sep}${pad(m % 60)}`;
}

/** `modules.pytz`: timezones by IANA name, and `utc`. */
export function pytzModule(): Record<string, unknown> {
  const utc = new PyTimezone('UTC');
  return { timezone: (name: unknown) => new PyTimezone(String(name)), utc, UTC: utc };
}

/** `modules.datetime` as templates use it. */
export function datetimeModule(): Record<string, unknown> {
  const datetime = Object.assign(
    (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
      const [y, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0] = names.map((n, i) =>
        kwargs[n] !== undefined ? Number(kwargs[n]) : p[i] !== undefined ? Number(p[i]) : undefined,
      );
      const wall = new Date(Date.UTC(y!, mo - 1, d, h, mi, s, Math.floor(us / 1000)));
      const tz = kwargs.tzinfo ?? p[7];
      if (!(tz instanceof PyTimezone)) return new PyDateTime(wall, false);
      // pytz attaches a zone's first (local mean time) offset when passed as tzinfo=.
      const fixed = offsetMinutes(tz.zone, new Date(Date.UTC(1800, 0, 1)));
      return new PyDateTime(new Date(wall.getTime() - fixed * 60_000), true, tz.zone, fixed);
    },
    {
      now: () => new PyDateTime(new Date(), false),
      today: () => new PyDateTime(new Date(), false),
      utcnow: () => new PyDateTime(new Date(), false),
      strptime: (text: string, _format: string) => new PyDateTime(new Date(`${text}Z`), false),
      // An offset (`Z`, `+02:00`) makes it aware; without one it is naive, as in Python.
      fromisoformat: (text: string) => {
        const t = String(text).trim().replace(' ', 'T');
        const withTime = t.includes('T') ? t : `${t}T00:00:00`;
        const offset = /(Z|([+-])(\d\d):?(\d\d))$/i.exec(withTime);
        if (!offset) return new PyDateTime(new Date(`${withTime}Z`), false);
        // It keeps the offset it was written with, as Python's fixed-offset tzinfo does.
        const minutes = offset[2]
          ? (offset[2] === '-' ? -1 : 1) * (Number(offset[3]) * 60 + Number(offset[4]))
          : 0;
        return new PyDateTime(new Date(withTime), true, 'UTC', minutes);
      },
    },
  );
  const date = Object.assign(
    (...args: unknown[]) => {
      const [y, mo = 1, d = 1] = splitArgs(args).args.map(Number);
      return new PyDateTime(new Date(Date.UTC(y!, mo - 1, d)), false);
    },
    { today: () => new PyDateTime(new Date(new Date().toISOString().slice(0, 10)), false) },
  );
  return { datetime, date, timedelta, timezone: { utc: new PyTimezone('UTC') } };
}

export { Kwargs };
