import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgresStore, openStore } from '../../src/registry/index.js';
import { createDatabase, postgresUrl, queryPostgres } from '../helpers/postgres.js';
import { registryApiSuite } from './api-suite.js';

// Each suite gets a database of its own on the test server.
registryApiSuite('PostgreSQL', async () => openPostgresStore(await createDatabase(await postgresUrl())));

test('PostgreSQL store: migrations are applied once, also by two servers opening together', async () => {
  const url = await createDatabase(await postgresUrl());
  const [a, b] = await Promise.all([openStore(url), openStore(url)]);
  const applied = await a.migrations();
  assert.deepEqual(
    applied.map((m) => m.version),
    [1, 2],
  );
  assert.deepEqual(await b.migrations(), applied);
  await Promise.all([a.close(), b.close()]);
  const reopened = await openStore(url);
  assert.deepEqual(await reopened.migrations(), applied);
  await reopened.close();
  const rows = await queryPostgres(url, 'select count(*)::int as n from schema_migrations');
  assert.equal(rows[0]?.n, 2);
});
