// One schedule across the projects of a mesh on PostgreSQL: the shared scenarios of
// mesh-schedule-suite.ts, each project in its own schema of the test server.
import { postgresUrl, profileKeys, uniqueName } from '../helpers/postgres.js';
import { meshScheduleSuite } from './mesh-schedule-suite.js';

const prefix = uniqueName('mesh');
let keys: ReturnType<typeof profileKeys>;

meshScheduleSuite({
  ready: async () => {
    keys = profileKeys(await postgresUrl());
    process.env.TESSERA_TEST_PG_PASSWORD = keys.password;
  },
  profile: (name) => `${name}:
  target: prod
  outputs:
    prod:
      type: postgres
      host: ${keys.host}
      port: ${keys.port}
      user: ${JSON.stringify(keys.user)}
      password: "{{ env_var('TESSERA_TEST_PG_PASSWORD') }}"
      dbname: ${JSON.stringify(keys.dbname)}
      schema: ${prefix}_${name}
      threads: 4
`,
  slowSelect: 'select 1 as total from (select pg_sleep(0.6)) as s',
  slowSubquery: '(select pg_sleep(0.2)) as s',
  relation: (project, name) => `"${keys.dbname}"."${prefix}_${project}"."${name}"`,
});
