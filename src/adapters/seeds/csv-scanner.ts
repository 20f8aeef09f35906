/**
 * A streaming CSV reader with the rules of Python's `csv` module in its default dialect (what
 * dbt reads seeds with): `"` quotes only at the start of a field, `""` inside quotes is one
 * quote, text after a closing quote is kept, CR, LF and CRLF end rows, blank lines are skipped.
 */
import { createReadStream } from 'node:fs';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Incremental parser: feed text chunks, receive rows. */
export class CsvParser {
  private readonly delimiter: number;
  private field = '';
  private row: string[] = [];
  private atFieldStart = true;
  private inQuotes = false;
  /** A quote closed exactly at a chunk end: the next chunk says whether it was `""`. */
  private quotePending = false;
  private skipLineFeed = false;

  constructor(
    delimiter: string,
    private readonly onRow: (fields: string[]) => void,
  ) {
    if (delimiter.length !== 1)
      throw new RangeError(`the CSV delimiter must be one character, got '${delimiter}'`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    if (this.quotePending && n > 0) {
      this.quotePending = false;
      if (chunk.charCodeAt(0) === QUOTE) {
        this.field += '"';
        i = 1;
      } else {
        this.inQuotes = false;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const close = chunk.indexOf('"', i);
        if (close < 0) {
          this.field += chunk.slice(i);
          return;
        }
        this.field += chunk.slice(i, close);
        if (close + 1 >= n) {
          this.quotePending = true;
          return;
        }
        if (chunk.charCodeAt(close + 1) === QUOTE) {
          this.field += '"';
          i = close + 2;
        } else {
          this.inQuotes = false;
          i = close + 1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === this.delimiter) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endRow();
        this.skipLineFeed = c === CR;
        i++;
      } else if (c === QUOTE && this.atFieldStart) {
        this.inQuotes = true;
        this.atFieldStart = false;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === this.delimiter || d === LF || d === CR) break;
          j++;
        }
        this.field += chunk.slice(i, j);
        this.atFieldStart = false;
        i = j;
      }
    }
  }

  /** Flushes the last row (a file need not end with a newline). */
  end(): void {
    this.quotePending = false;
    this.inQuotes = false;
    if (this.field !== '' || this.row.length > 0 || !this.atFieldStart) this.endRow();
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRow(): void {
    const blank = this.row.length === 0 && this.field === '' && this.atFieldStart;
    this.endField();
    const row = this.row;
    this.row = [];
    if (!blank) this.onRow(row);
  }
}

/** Streams a UTF-8 CSV file (a leading BOM is dropped) through `onRow`. */
export async function scanCsvFile(
  path: string,
  delimiter: string,
  onRow: (fields: string[]) => void,
): Promise<void> {
  const parser = new CsvParser(delimiter, onRow);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    parser.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
    first = false;
  }
  parser.end();
}
