// Whole-project conformance on DuckDB: the shared scenarios (conformance-suite.ts), tables read
// back through a fresh DuckDB connection. Expectations come from each fixture's EXPECTED.md.
import { projectCopy, query } from '../helpers/projects.js';
import { conformanceSuite } from './conformance-suite.js';

conformanceSuite({
  name: 'duckdb',
  copy: (fixture) => projectCopy(fixture),
  query,
  seedTypes: ['id:INTEGER', 'name:VARCHAR', 'score:INTEGER', 'created_on:DATE'],
});
