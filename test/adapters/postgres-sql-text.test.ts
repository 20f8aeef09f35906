// The PostgreSQL adapter's pure helpers: no server needed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Relation } from '../../src/adapters/index.js';
import {
  helperIdentifier,
  normalizePostgresType,
  numberPlaceholders,
  PostgresDialect,
  parseInt8,
  parseNumeric,
  positionAt,
  seedCellValue,
} from '../../src/adapters/postgres/index.js';

describe('postgres SQL text helpers', () => {
  test('type normalisation makes aliases compare equal', () => {
    const cases: [string, string][] = [
      ['int', 'integer'],
      ['INT4', 'integer'],
      ['int8', 'bigint'],
      ['float8', 'double precision'],
      ['float', 'double precision'],
      ['varchar(20)', 'character varying(20)'],
      ['character varying', 'character varying'],
      ['decimal(10, 2)', 'numeric(10,2)'],
      ['timestamp', 'timestamp without time zone'],
      ['timestamptz', 'timestamp with time zone'],
      ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
      ['int[]', 'integer[]'],
      ['text', 'text'],
      ['bool', 'boolean'],
      ['my_enum', 'my_enum'],
    ];
    for (const [input, expected] of cases) assert.equal(normalizePostgresType(input), expected, input);
  });

  test('? placeholders become $n outside literals, identifiers, comments and dollar quotes', () => {
    assert.deepEqual(numberPlaceholders('select ?, ? from t where a = ?'), {
      text: 'select $1, $2 from t where a = $3',
      count: 3,
    });
    assert.equal(
      numberPlaceholders(`select '?', "a?", ? -- why?\n, $$ ? $$, $x$?$x$, E'\\'?', /* ? */ ?`).text,
      `select '?', "a?", $1 -- why?\n, $$ ? $$, $x$?$x$, E'\\'?', /* ? */ $2`,
    );
    assert.equal(
      numberPlaceholders(`select data ?| array['a'], data ?& array['b'], 'it''s ?', ?`).text,
      `select data ?| array['a'], data ?& array['b'], 'it''s ?', $1`,
    );
  });

  test('server positions (characters) become line and column', () => {
    assert.deepEqual(positionAt('select\n  x', 10), { line: 2, column: 3 });
    assert.deepEqual(positionAt('😀\nab', 4), { line: 2, column: 2 });
    assert.deepEqual(positionAt('abc', 4), { line: 1, column: 4 });
    assert.equal(positionAt('abc', 0), undefined);
  });

  test('bigint and numeric stay exact', () => {
    assert.equal(parseInt8('42'), 42);
    assert.equal(parseInt8('9223372036854775807'), '9223372036854775807');
    assert.equal(parseNumeric('-12.50'), -12.5);
    assert.equal(parseNumeric('1234567890123456.7'), '1234567890123456.7');
    assert.equal(parseNumeric('NaN'), 'NaN');
  });

  test('helper relation names fit in 63 bytes and stay distinct', () => {
    assert.equal(helperIdentifier('orders', '__tessera_tmp'), 'orders__tessera_tmp');
    const a = helperIdentifier(`${'a'.repeat(60)}_one`, '__tessera_tmp');
    const b = helperIdentifier(`${'a'.repeat(60)}_two`, '__tessera_tmp');
    assert.ok(Buffer.byteLength(a) <= 63 && Buffer.byteLength(b) <= 63);
    assert.notEqual(a, b);
    assert.ok(a.endsWith('__tessera_tmp'));
    const multibyte = helperIdentifier('é'.repeat(40), '__tessera_backup');
    assert.ok(Buffer.byteLength(multibyte) <= 63);
    // The dialect offers the same rule to the runner (its incremental `__dbt_tmp`).
    const dialect = new PostgresDialect();
    assert.equal(dialect.helperIdentifier('events', '__dbt_tmp'), 'events__dbt_tmp');
    const long = dialect.helperIdentifier(`events_${'x'.repeat(49)}`, '__dbt_tmp');
    assert.equal(Buffer.byteLength(long), 63);
    assert.ok(long.startsWith('events_x') && long.endsWith('__dbt_tmp'));
  });

  test('seed cells read as agate reads them', () => {
    assert.equal(seedCellValue('', 'text'), null);
    assert.equal(seedCellValue(' NULL ', 'number'), null);
    assert.equal(seedCellValue(' padded ', 'text'), ' padded ');
    assert.equal(seedCellValue('"$1,000.50"'.slice(1, -1), 'number'), '1000.50');
    assert.equal(seedCellValue('-5%', 'number'), '-5');
    assert.equal(seedCellValue('TRUE', 'boolean'), 'true');
    assert.equal(seedCellValue('NULL', undefined), null);
    assert.equal(seedCellValue('', undefined), null);
    assert.equal(seedCellValue(' 2024-01-01 ', undefined), ' 2024-01-01 ');
    assert.equal(seedCellValue(undefined, 'text'), null);
    // Whole-number columns are integer, whose input refuses `1.0`: COPY gets the integer text.
    assert.equal(seedCellValue('1.0', 'integer'), '1');
    assert.equal(seedCellValue('$1,000.00', 'integer'), '1000');
    assert.equal(seedCellValue('1.5e1', 'integer'), '15');
    assert.equal(seedCellValue('-0.0', 'integer'), '0');
    assert.equal(seedCellValue('"a\r\nb"'.slice(1, -1), 'text'), 'a\nb');
  });

  test('dialect: schema DDL without database, MERGE, alter type with using', () => {
    const dialect = new PostgresDialect();
    const target = Relation.create({ database: 'db', schema: 's', identifier: 't', type: 'table' });
    const source = Relation.create({ database: 'db', schema: 's', identifier: 't__dbt_tmp', type: 'table' });
    assert.equal(dialect.createSchema('db', 's'), 'create schema if not exists "s"');
    assert.match(
      dialect.merge(target, source, ['id'], ['id', 'v'])[0]!,
      /^merge into "db"."s"."t" as DBT_INTERNAL_DEST/,
    );
    assert.equal(
      dialect.alterColumnType(target, 'id', 'bigint'),
      'alter table "db"."s"."t" alter column "id" type bigint using "id"::bigint',
    );
    assert.equal(
      dialect.createTableAs(target, 'select 1', { temporary: true })[0],
      'create temporary table "t"\nas (\nselect 1\n)',
    );
    assert.equal(
      dialect.renameRelation(target.withIdentifier('v', 'view'), 'w'),
      'alter view "db"."s"."v" rename to "w"',
    );
  });
});
