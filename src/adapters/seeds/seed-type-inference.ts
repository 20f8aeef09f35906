/**
 * Seed column type inference with dbt's rules. dbt reads a seed with agate's type tester over
 * every row, trying in order: Integer, Number, Date (`%Y-%m-%d`), DateTime (`%Y-%m-%d %H:%M:%S`),
 * ISO 8601 datetime, Boolean (`true`/`false` only), Text; a column gets the first kind every
 * value passes, `''` and `null` (any case, trimmed) counting as null for every kind. Integer
 * never accepts text, so it only survives in a file without data rows. Number columns become
 * `float8` when some value has decimals after normalisation (`1.0` has none), else `integer`.
 * Our own implementation of that behaviour, checked against dbt-core 1.11 / dbt-duckdb 1.11.
 */

/** The kinds dbt can infer for a seed column. */
export type SeedColumnKind = 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

/** One inferred column. */
export interface InferredSeedColumn {
  name: string;
  kind: SeedColumnKind;
  /** Most digits after the decimal point over the column (numbers only), after normalising. */
  decimalPlaces: number;
}

const NUMBER = 1;
const DATE = 2;
const DATETIME = 4;
const ISO_DATETIME = 8;
const BOOLEAN = 16;
const ALL = NUMBER | DATE | DATETIME | ISO_DATETIME | BOOLEAN;

interface ColumnState {
  /** Kinds still possible (Text is always possible). */
  mask: number;
  /** Whether some row had this column (Integer then fails: it never accepts a string). */
  seen: boolean;
  decimalPlaces: number;
  /** Forced to text by a `column_types` override. */
  forced: boolean;
}

/** Single-pass inference: feed data rows with `observe`, then read `columns()`. */
export class SeedTypeInferrer {
  private readonly states: ColumnState[];

  constructor(
    private readonly names: string[],
    forcedText: ReadonlySet<string> = new Set(),
  ) {
    this.states = names.map((name) => ({
      mask: ALL,
      seen: false,
      decimalPlaces: 0,
      forced: forcedText.has(name),
    }));
  }

  observe(row: string[]): void {
    const count = Math.min(row.length, this.states.length);
    for (let i = 0; i < count; i++) {
      const state = this.states[i]!;
      state.seen = true;
      if (state.mask === 0 || state.forced) continue;
      const raw = row[i]!;
      const value = raw.trim();
      if (value === '' || (value.length === 4 && value.toLowerCase() === 'null')) continue;
      let mask = state.mask;
      if (mask & NUMBER) {
        const places = numberDecimalPlaces(value);
        if (places < 0) mask &= ~NUMBER;
        else if (places > state.decimalPlaces) state.decimalPlaces = places;
      }
      if (mask & DATE && !isStrptimeDate(value)) mask &= ~DATE;
      if (mask & DATETIME && !isStrptimeDateTime(value)) mask &= ~DATETIME;
      if (mask & ISO_DATETIME && !isIsoDateTime(value)) mask &= ~ISO_DATETIME;
      if (mask & BOOLEAN && !isBooleanWord(value)) mask &= ~BOOLEAN;
      state.mask = mask;
    }
  }

  columns(): InferredSeedColumn[] {
    return this.names.map((name, i) => {
      const state = this.states[i]!;
      return { name, kind: pickKind(state), decimalPlaces: state.decimalPlaces };
    });
  }
}

function pickKind(state: ColumnState): SeedColumnKind {
  if (state.forced) return 'text';
  if (!state.seen) return 'integer';
  if (state.mask & NUMBER) return 'number';
  if (state.mask & DATE) return 'date';
  if (state.mask & (DATETIME | ISO_DATETIME)) return 'datetime';
  if (state.mask & BOOLEAN) return 'boolean';
  return 'text';
}

/**
 * dbt's SQL type for an inferred column on SQL warehouses (its base SQL adapter's names;
 * DuckDB reads them as INTEGER, DOUBLE, DATE, TIMESTAMP, BOOLEAN, VARCHAR).
 */
export function defaultSeedSqlType(column: InferredSeedColumn): string {
  switch (column.kind) {
    case 'integer':
      return 'integer';
    case 'number':
      return column.decimalPlaces > 0 ? 'float8' : 'integer';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp without time zone';
    case 'boolean':
      return 'boolean';
    case 'text':
      return 'text';
  }
}

/**
 * Header cells to column names as agate makes them: blank names become spreadsheet letters
 * (`a`, `b`, … `aa`), repeated names get `_2`, `_3`…
 */
export function seedColumnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, i) => {
    let name = cell.trim() === '' ? letterName(i) : cell;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count > 0) name = `${name}_${count + 1}`;
    return name;
  });
}

function letterName(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const count = Math.floor(index / 26) + 1;
  return letters[index % 26]!.repeat(count);
}

const CURRENCY_SYMBOLS = [
  '؋',
  '$',
  'ƒ',
  '៛',
  '¥',
  '₡',
  '₱',
  '£',
  '€',
  '¢',
  '﷼',
  '₪',
  '₩',
  '₭',
  '₮',
  '₦',
  '฿',
  '₤',
  '₫',
];
const DECIMAL_TEXT =
  /^\s*[+-]?(?:(\d+(?:_\d+)*)(?:\.(\d+(?:_\d+)*)?)?|\.(\d+(?:_\d+)*))(?:[eE]([+-]?\d+(?:_\d+)*))?\s*$/;
const PLAIN_NUMBER = /^-?\d+(?:\.(\d+))?$/;
const SPECIAL_DECIMAL = /^\s*[+-]?(?:inf|infinity|s?nan\d*)\s*$/i;

/**
 * Decimal places of `value` read as agate's en_US Number (percent signs, one leading minus,
 * currency symbols and `,` group separators are dropped, then Python's Decimal grammar), or -1
 * when it is not a number. Places are counted after normalisation: `1.50` → 1, `1.0` → 0.
 */
export function numberDecimalPlaces(value: string): number {
  // Fast path for the common plain forms (`12`, `-3.50`): same answer, no symbol stripping.
  const plain = PLAIN_NUMBER.exec(value);
  if (plain !== null) return (plain[1] ?? '').replace(/0+$/, '').length;
  let text = stripChars(value, '%');
  if (text.startsWith('-')) text = text.slice(1);
  for (const symbol of CURRENCY_SYMBOLS) text = stripChars(text, symbol);
  text = text.replaceAll(',', '');
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return SPECIAL_DECIMAL.test(text) ? 0 : -1;
  const whole = (match[1] ?? '').replaceAll('_', '');
  const fraction = (match[2] ?? match[3] ?? '').replaceAll('_', '');
  const exponent = Number((match[4] ?? '0').replaceAll('_', ''));
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return 0;
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  return Math.max(0, fraction.length - exponent - trailingZeros);
}

/** Python's `str.strip(chars)` for a one-character set. */
function stripChars(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.startsWith(char, start)) start += char.length;
  while (end > start && text.endsWith(char, end)) end -= char.length;
  return text.slice(start, end);
}

// strptime's patterns: %Y four digits, %m/%d/%H/%M/%S one or two digits; a space matches any run.
const STRPTIME_DATE = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])$/;
const STRPTIME_DATETIME =
  /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])\s+(2[0-3]|[01]\d|\d):([0-5]\d|\d):(6[01]|[0-5]\d|\d)$/;

/** Digits at `start..start+length` of `text` as a number, or -1 if any is not an ASCII digit. */
function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Fast path for the canonical `YYYY-MM-DD` prefix; undefined when the shape differs. */
function canonicalDate(value: string): boolean | undefined {
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  return isValidDate(year, month, day);
}

function isStrptimeDate(value: string): boolean {
  if (value.length === 10) {
    const fast = canonicalDate(value);
    if (fast !== undefined) return fast;
  }
  const m = STRPTIME_DATE.exec(value);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isStrptimeDateTime(value: string): boolean {
  if (
    value.length === 19 &&
    value.charCodeAt(10) === 32 &&
    value.charCodeAt(13) === 58 &&
    value.charCodeAt(16) === 58
  ) {
    const date = canonicalDate(value);
    const hour = digitsAt(value, 11, 2);
    const minute = digitsAt(value, 14, 2);
    const second = digitsAt(value, 17, 2);
    if (date !== undefined && hour >= 0 && minute >= 0 && second >= 0) {
      return date && hour <= 23 && minute <= 59 && second <= 59;
    }
  }
  const m = STRPTIME_DATETIME.exec(value);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[6]) <= 59;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// isodate's date forms (4-digit years, no sign) and time forms, each matched whole.
const ISO_DATES: [RegExp, (m: RegExpExecArray) => boolean][] = [
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => isValidDate(+m[1]!, +m[2]!, +m[3]!)],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => isValidDate(+m[1]!, +m[2]!, +m[3]!)],
  [/^(\d{4})-W(\d{2})-(\d)$/, (m) => +m[1]! >= 1 && isWeekDate(+m[2]!, +m[3]!)],
  [/^(\d{4})W(\d{2})(\d)$/, (m) => +m[1]! >= 1 && isWeekDate(+m[2]!, +m[3]!)],
  [/^(\d{4})-(\d{3})$/, (m) => isOrdinalDate(+m[1]!, +m[2]!)],
  [/^(\d{4})(\d{3})$/, (m) => isOrdinalDate(+m[1]!, +m[2]!)],
  [/^(\d{4})-W(\d{2})$/, (m) => +m[1]! >= 1 && isWeekDate(+m[2]!, 1)],
  [/^(\d{4})W(\d{2})$/, (m) => +m[1]! >= 1 && isWeekDate(+m[2]!, 1)],
  [/^(\d{4})-(\d{2})$/, (m) => isValidDate(+m[1]!, +m[2]!, 1)],
  [/^(\d{4})(\d{2})$/, (m) => isValidDate(+m[1]!, +m[2]!, 1)],
  [/^(\d{4})$/, (m) => +m[1]! >= 1],
  [/^(\d{2})$/, (m) => +m[1]! >= 1],
];
const ISO_TZ = '(?:Z|[+-]\\d{2}(?::?\\d{2})?)?';
const ISO_TIMES = [
  new RegExp(`^T?(\\d{2}):(\\d{2}):(\\d{2})(?:[,.]\\d+)?${ISO_TZ}$`),
  new RegExp(`^T?(\\d{2})(\\d{2})(\\d{2})(?:[,.]\\d+)?${ISO_TZ}$`),
  new RegExp(`^T?(\\d{2}):(\\d{2})(?:[,.]\\d+)?${ISO_TZ}$`),
  new RegExp(`^T?(\\d{2})(\\d{2})(?:[,.]\\d+)?${ISO_TZ}$`),
  new RegExp(`^T?(\\d{2})(?:[,.]\\d+)?${ISO_TZ}$`),
];

function isWeekDate(week: number, day: number): boolean {
  return week >= 1 && week <= 53 && day >= 1 && day <= 7;
}

function isOrdinalDate(year: number, day: number): boolean {
  return year >= 1 && day >= 1 && day <= (isLeapYear(year) ? 366 : 365);
}

/** An ISO 8601 datetime as `isodate.parse_datetime` reads it: exactly one `T` between date and time. */
function isIsoDateTime(value: string): boolean {
  const parts = value.split('T');
  if (parts.length !== 2) return false;
  const [datePart, timePart] = parts as [string, string];
  const dateOk = ISO_DATES.some(([pattern, valid]) => {
    const m = pattern.exec(datePart);
    return m !== null && valid(m);
  });
  if (!dateOk) return false;
  return ISO_TIMES.some((pattern) => {
    const m = pattern.exec(timePart);
    if (m === null) return false;
    const [hour, minute = '0', second = '0'] = m.slice(1);
    return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
  });
}

/** agate's Boolean with dbt's words: `true`/`false`, any case, commas ignored. */
function isBooleanWord(value: string): boolean {
  const word = value.replaceAll(',', '').trim().toLowerCase();
  return word === 'true' || word === 'false' || word === '' || word === 'null';
}
