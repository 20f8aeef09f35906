/**
 * Loads a CSV seed into DuckDB the way dbt-duckdb does: infer column types with dbt's rules in
 * one streaming pass, create the table with those types, then let DuckDB's own CSV reader fill
 * it with `COPY … FROM` (dbt-duckdb's default "fast" path), so values are parsed exactly as there.
 */
import type { Relation } from '../relation.js';
import { inferSeedFile, loadSeedTable, type SeedLoaderContext } from '../shared/seed-table.js';
import type { AdapterConnection, SeedLoadOptions, SeedLoadResult } from '../types.js';
import type { DuckDBDialect } from './duckdb-dialect.js';

/** Reads the header and infers every column's SQL type (overrides from `columnTypes` win). */
export async function inferSeedColumns(
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<{ name: string; dataType: string }[]> {
  const { columns } = await inferSeedFile(csvPath, options);
  return columns.map(({ name, dataType }) => ({ name, dataType }));
}

/** dbt's seed semantics (see `loadSeedTable`), the rows read by DuckDB's `COPY … FROM` the file. */
export async function loadDuckDBSeed(
  context: SeedLoaderContext<DuckDBDialect>,
  connection: AdapterConnection,
  relation: Relation,
  csvPath: string,
  options: SeedLoadOptions = {},
): Promise<SeedLoadResult> {
  const { dialect } = context;
  const columns = await inferSeedColumns(csvPath, options);
  return loadSeedTable(context, connection, relation, columns, options, (table) => {
    const delimiter = dialect.literal(options.delimiter ?? ',');
    const copy = `copy ${dialect.render(table)} from ${dialect.literal(csvPath)} (format csv, header true, delimiter ${delimiter})`;
    return {
      sql: [copy],
      run: async () => (await connection.execute(copy)).rowsAffected ?? 0,
    };
  });
}
