/**
 * The preflight of an enforced model contract: the warehouse describes the model's query (its
 * real output columns and types, without running it), and any difference with the contract
 * fails the model with a table of differences, as dbt prints it.
 */
import type { ResultColumn, SqlDialect } from '../adapters/index.js';
import { CompilerError } from '../compiler/index.js';

export interface ContractColumnSpec {
  name: string;
  dataType: string;
}

export interface ContractMismatch {
  column: string;
  definitionType: string;
  contractType: string;
  reason: 'data type mismatch' | 'missing in definition' | 'missing in contract';
}

export function compareContract(
  actual: readonly ResultColumn[],
  contract: readonly ContractColumnSpec[],
  dialect: SqlDialect,
): ContractMismatch[] {
  const key = (n: string) => n.toLowerCase();
  const byName = new Map(actual.map((c) => [key(c.name), c]));
  const declared = new Set(contract.map((c) => key(c.name)));
  const out: ContractMismatch[] = [];
  for (const c of contract) {
    const real = byName.get(key(c.name));
    if (!real)
      out.push({
        column: c.name,
        definitionType: '',
        contractType: c.dataType,
        reason: 'missing in definition',
      });
    else if (baseType(dialect, real.type) !== baseType(dialect, c.dataType))
      out.push({
        column: c.name,
        definitionType: real.type,
        contractType: c.dataType,
        reason: 'data type mismatch',
      });
  }
  for (const real of actual)
    if (!declared.has(key(real.name)))
      out.push({
        column: real.name,
        definitionType: real.type,
        contractType: '',
        reason: 'missing in contract',
      });
  return out;
}

/** Like dbt, the check compares type names only: size, precision and scale are the DDL's business. */
function baseType(dialect: SqlDialect, type: string): string {
  return dialect.normalizeType(type).replace(/\s*\(.*\)\s*$/, '');
}

/** The error dbt users know, with the differences as a Markdown-style table. */
export function contractError(mismatches: readonly ContractMismatch[], file: string): CompilerError {
  const rows = [
    ['column_name', 'definition_type', 'contract_type', 'mismatch_reason'],
    ...mismatches.map((m) => [m.column, m.definitionType, m.contractType, m.reason]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  const table = [
    line(rows[0]!),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n');
  return new CompilerError(
    `This model has an enforced contract that failed.\nPlease ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n${table}`,
    'E_CONTRACT',
    file,
  );
}
