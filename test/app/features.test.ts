// The newer features on DuckDB: the shared scenarios (features-suite.ts), tables read back through
// a fresh DuckDB connection. Expected values are what dbt-core + dbt-duckdb produce.
import { projectCopy, query } from '../helpers/projects.js';
import { featureSuite } from './features-suite.js';

featureSuite({
  name: 'duckdb',
  copy: (source, profile) => projectCopy(source, profile),
  query,
  schemaOf: () => 'main',
  // One DuckDB file per copy: the fixture's own schema names are already private to it.
  ownSchema: (_dir, name) => name,
  contract: {
    amountType: 'decimal(10,2)',
    columns: [
      { column_name: 'id', data_type: 'INTEGER', numeric_precision: 32, is_nullable: 'NO' },
      { column_name: 'amount', data_type: 'DECIMAL(10,2)', numeric_precision: 10, is_nullable: 'YES' },
    ],
    textType: 'VARCHAR',
    integerType: 'INTEGER',
  },
  snapshotTypes: [
    'id:INTEGER',
    'name:VARCHAR',
    'updated_at:TIMESTAMP',
    'dbt_scd_id:VARCHAR',
    'dbt_updated_at:TIMESTAMP',
    'dbt_valid_from:TIMESTAMP',
    'dbt_valid_to:TIMESTAMP',
  ],
  audit: { columns: 'step varchar, n integer', orderBy: 'rowid' },
  // dbt-duckdb reports a bare OK for every statement.
  tableResponse: { _message: 'OK' },
  viewResponse: { _message: 'OK' },
});
