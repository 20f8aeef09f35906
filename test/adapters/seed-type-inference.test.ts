import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CsvParser } from '../../src/adapters/seeds/csv-scanner.js';
import {
  defaultSeedSqlType,
  numberDecimalPlaces,
  SeedTypeInferrer,
  seedColumnNames,
} from '../../src/adapters/seeds/seed-type-inference.js';

/** Infers the SQL type of one column holding `values`. */
function typeOf(...values: string[]): string {
  const inferrer = new SeedTypeInferrer(['c']);
  for (const value of values) inferrer.observe([value]);
  return defaultSeedSqlType(inferrer.columns()[0]!);
}

function parse(text: string, delimiter = ',', chunkSize = text.length): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser(delimiter, (row) => rows.push(row));
  for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize));
  parser.end();
  return rows;
}

describe('seed type inference (dbt/agate rules, verified with dbt-core 1.11.16 + dbt-duckdb 1.11.1)', () => {
  test('numbers: integer unless a value has decimals after normalising', () => {
    assert.equal(typeOf('1', '2'), 'integer');
    assert.equal(typeOf('01', '007'), 'integer');
    assert.equal(typeOf('1.0', '2.0'), 'integer');
    assert.equal(typeOf('1e3', '2'), 'integer');
    assert.equal(typeOf('1.5e2'), 'integer');
    assert.equal(typeOf('1.50', '2'), 'float8');
    assert.equal(typeOf('.5'), 'float8');
    assert.equal(typeOf('-0.5', '-5'), 'float8');
    assert.equal(typeOf('+5', '  6 '), 'integer');
    assert.equal(typeOf('1_000'), 'integer');
    assert.equal(typeOf('5%', '$3'), 'integer');
    assert.equal(typeOf('1e-3'), 'float8');
  });

  test('nulls: empty and "null" count for every type; an all-null column is integer', () => {
    assert.equal(typeOf('', ''), 'integer');
    assert.equal(typeOf('1', '', 'NULL', ' null '), 'integer');
    assert.equal(typeOf('true', ''), 'boolean');
  });

  test('booleans are only true/false (any case); yes/no and 1/0 are not', () => {
    assert.equal(typeOf('true', 'False', 'TRUE'), 'boolean');
    assert.equal(typeOf('yes', 'no'), 'text');
    assert.equal(typeOf('1', '0'), 'integer');
    assert.equal(typeOf('true', '1'), 'text');
  });

  test('dates and datetimes', () => {
    assert.equal(typeOf('2024-01-01', '2024-1-5'), 'date');
    assert.equal(typeOf('2024-02-29'), 'date');
    assert.equal(typeOf('2023-02-29'), 'text');
    assert.equal(typeOf('2024-02-30'), 'text');
    assert.equal(typeOf('1/2/2024'), 'text');
    assert.equal(typeOf('20240101'), 'integer');
    assert.equal(typeOf('2024-01-01 10:00:00', '2024-01-02 1:2:3'), 'timestamp without time zone');
    assert.equal(typeOf('2024-01-01  10:00:00'), 'timestamp without time zone');
    assert.equal(typeOf('2024-01-01T10:00:00', '2024-12-31T23:59:59.5'), 'timestamp without time zone');
    assert.equal(typeOf('2024-01-01T10:00:00+02:00', '2024-01-01T10:00:00Z'), 'timestamp without time zone');
    assert.equal(typeOf('2024-01-01T10:00', '2024-01-01T10'), 'timestamp without time zone');
    assert.equal(typeOf('20240101T101010'), 'timestamp without time zone');
    assert.equal(typeOf('2024-01-01', '2024-01-01 10:00:00'), 'text');
    assert.equal(typeOf('2024-01-01 10:00:00', '2024-01-01T10:00:00'), 'text');
    assert.equal(typeOf('10:00:00'), 'text');
    assert.equal(typeOf('2024-01-01 10:00:60'), 'text');
  });

  test('a file without data rows gives integer columns; column_types force text', () => {
    const empty = new SeedTypeInferrer(['a', 'b']);
    assert.deepEqual(
      empty.columns().map((c) => c.kind),
      ['integer', 'integer'],
    );
    const forced = new SeedTypeInferrer(['a', 'b'], new Set(['a']));
    forced.observe(['1', '2']);
    assert.deepEqual(
      forced.columns().map((c) => c.kind),
      ['text', 'number'],
    );
  });

  test('decimal places follow Decimal.normalize()', () => {
    assert.equal(numberDecimalPlaces('1.50'), 1);
    assert.equal(numberDecimalPlaces('0.10'), 1);
    assert.equal(numberDecimalPlaces('100'), 0);
    assert.equal(numberDecimalPlaces('0.000'), 0);
    assert.equal(numberDecimalPlaces('1,234.125'), 3);
    assert.equal(numberDecimalPlaces('abc'), -1);
    assert.equal(numberDecimalPlaces('-'), -1);
    assert.equal(numberDecimalPlaces('NaN'), 0);
  });

  test("agrees with dbt's own type tester on generated cases (fixtures/seeds/gen-agate-cases.py)", () => {
    const url = new URL('./fixtures/seeds/agate-type-cases.json', import.meta.url);
    const cases = JSON.parse(readFileSync(url, 'utf8')) as { values: string[]; type: string }[];
    assert.ok(cases.length > 400);
    const mismatches = cases.filter((c) => typeOf(...c.values) !== c.type);
    assert.deepEqual(mismatches, []);
  });

  test('header names: blanks become letters, duplicates get a suffix', () => {
    assert.deepEqual(seedColumnNames(['id', '', 'id', 'x', 'id']), ['id', 'b', 'id_2', 'x', 'id_3']);
  });
});

describe('CSV parsing (Python csv rules)', () => {
  test('quotes, doubled quotes, delimiters and newlines inside quotes', () => {
    assert.deepEqual(parse('a,b\n"x, y","say ""hi"""\n"multi\nline",2\n'), [
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
  });

  test('CRLF, CR, missing final newline, blank lines and empty fields', () => {
    assert.deepEqual(parse('a,b\r\n1,\r\n\r\n,2\r3,4'), [
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
      ['3', '4'],
    ]);
  });

  test('a quote is only special at the start of a field', () => {
    assert.deepEqual(parse('a"b,"c"d\n'), [['a"b', 'cd']]);
  });

  test('rows are the same whatever the chunk boundaries', () => {
    const text = 'id;name\n1;"a ""quoted"" ; value"\r\n2;"b"\n3;\n';
    const whole = parse(text, ';');
    for (const size of [1, 2, 3, 5, 7]) assert.deepEqual(parse(text, ';', size), whole);
    assert.deepEqual(whole[1], ['1', 'a "quoted" ; value']);
  });
});
