import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EnvVarMissingError,
  makeEnvVar,
  makeVar,
  SecretMasker,
  VarMissingError,
} from '../../src/config/index.js';
import { Kwargs } from '../../src/jinja/index.js';
import { render } from './helpers.js';

describe('env_var', () => {
  it('returns the value, else the default, else fails with dbt message', () => {
    const envVar = makeEnvVar({ A: 'a' });
    assert.equal(envVar('A'), 'a');
    assert.equal(envVar('A', 'fallback'), 'a');
    assert.equal(envVar('B', 'fallback'), 'fallback');
    assert.equal(envVar('B', 5), '5');
    assert.throws(
      () => envVar('B'),
      (e: unknown) =>
        e instanceof EnvVarMissingError && e.message === "Env var required but not provided: 'B'",
    );
  });

  it('accepts the default as a keyword argument from templates', async () => {
    const out = await render("{{ env_var('B', default='kw') }}", { env_var: makeEnvVar({}) });
    assert.equal(out, 'kw');
    assert.equal(makeEnvVar({})('B', new Kwargs({ default: 'k2' })), 'k2');
  });

  it('records secret values only for DBT_ENV_SECRET_ variables', async () => {
    const secrets = new SecretMasker();
    const envVar = makeEnvVar({ DBT_ENV_SECRET_PW: 'hunter2', USER: 'bob' }, secrets);
    const out = await render("{{ env_var('USER') }}:{{ env_var('DBT_ENV_SECRET_PW') }}", { env_var: envVar });
    assert.equal(out, 'bob:hunter2');
    assert.deepEqual(secrets.values(), ['hunter2']);
    assert.equal(secrets.mask('postgres://bob:hunter2@host'), 'postgres://bob:*****@host');
  });
});

describe('var', () => {
  it('returns vars, defaults, or fails', () => {
    const v = makeVar({ x: 1 });
    assert.equal(v('x'), 1);
    assert.equal(v('y', 'd'), 'd');
    assert.throws(() => v('y'), VarMissingError);
  });
});
