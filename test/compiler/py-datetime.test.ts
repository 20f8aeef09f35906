// `modules.datetime` arithmetic and comparisons through the Jinja engine, as Python gives them
// (dbt-expectations builds its time windows this way).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datetimeModule, pytzModule } from '../../src/compiler/py-datetime.js';
import { Environment } from '../../src/jinja/index.js';

const render = (template: string) =>
  new Environment()
    .fromString(template, 't')
    .render({ modules: { datetime: datetimeModule(), pytz: pytzModule() } });

describe('modules.datetime', () => {
  it('datetime minus and plus a timedelta, and the difference of two datetimes', async () => {
    const out = await render(
      '{% set d = modules.datetime.datetime(2024, 3, 1, 12) %}{% set td = modules.datetime.timedelta(days=1, hours=2) %}{{ (d - td).isoformat() }}|{{ (d + td).isoformat() }}|{{ (td + d).isoformat() }}|{{ (d - (d - td)).total_seconds() }}',
    );
    assert.equal(out, '2024-02-29T10:00:00|2024-03-02T14:00:00|2024-03-02T14:00:00|93600.0');
  });

  it('comparisons and equality of datetimes and timedeltas', async () => {
    const out = await render(
      '{% set dt = modules.datetime %}{% set a = dt.datetime(2024, 1, 1) %}{% set b = dt.datetime(2024, 1, 2) %}{{ a < b }} {{ a >= b }} {{ a == dt.datetime(2024, 1, 1) }} {{ dt.timedelta(hours=1) < dt.timedelta(days=1) }} {{ [b, a] | sort | first == a }}',
    );
    assert.equal(out, 'True False True True True');
  });

  it('datetime.today() is now, to the day; timedelta times a number', async () => {
    const out = await render(
      "{{ modules.datetime.datetime.today().strftime('%Y-%m-%d') }}|{{ (modules.datetime.timedelta(hours=2) * 3).total_seconds() }}",
    );
    const [day, seconds] = out.split('|');
    assert.equal(day, new Date().toISOString().slice(0, 10));
    assert.equal(seconds, '21600.0');
  });

  it('an unsupported pair still raises as Python does', async () => {
    await assert.rejects(render('{{ modules.datetime.datetime(2024, 1, 1) + 1 }}'), /unsupported operand/);
  });

  it('pytz: localize gives the zone offset of that date; tzinfo= gives the zone LMT offset, as pytz does', async () => {
    const out = await render(
      "{% set la = modules.pytz.timezone('America/Los_Angeles') %}{{ la.localize(modules.datetime.datetime(2024, 7, 1, 9)).isoformat() }}|{{ la.localize(modules.datetime.datetime(2024, 1, 1, 9)).isoformat() }}|{{ modules.datetime.datetime(year=1997, month=9, day=29, hour=6, minute=14, tzinfo=la) }}|{{ modules.datetime.datetime(2024, 1, 1).tzinfo is none }}",
    );
    assert.equal(out, '2024-07-01T09:00:00-07:00|2024-01-01T09:00:00-08:00|1997-09-29 06:14:00-07:53|True');
  });

  it('aware datetimes compare as instants across zones; fromisoformat is naive without an offset', async () => {
    const out = await render(
      "{% set dt = modules.datetime.datetime %}{% set tokyo = modules.pytz.timezone('Asia/Tokyo') %}{{ tokyo.localize(dt(2024, 1, 1, 9)) == modules.pytz.utc.localize(dt(2024, 1, 1, 0)) }} {{ dt.fromisoformat('2024-01-01 10:00:00').tzinfo is none }} {{ dt.fromisoformat('2024-01-01T10:00:00+02:00').hour }} {{ dt.fromisoformat('2024-01-01T10:00:00+02:00').isoformat() }}",
    );
    assert.equal(out, 'True True 10 2024-01-01T10:00:00+02:00');
  });
});
