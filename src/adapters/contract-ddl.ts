/**
 * DDL pieces for enforced model contracts that every SQL warehouse spells the same way: column
 * definitions with their constraints. Dialects pass their own identifier quoting.
 */
import type { ContractColumn, ContractConstraint } from './types.js';

type Quote = (identifier: string) => string;

/** `a, "b"`: the contract's column names, quoted where the contract asks. */
export function contractColumnName(column: ContractColumn, quote: Quote): string {
  return column.quote ? quote(column.name) : column.name;
}

/** `name type constraint…` for one contract column. */
export function contractColumnDefinition(column: ContractColumn, quote: Quote): string {
  const constraints = (column.constraints ?? []).map((constraint) => constraintSql(constraint, quote));
  return [contractColumnName(column, quote), column.dataType, ...constraints]
    .filter((part) => part !== '')
    .join(' ');
}

/** One column-level constraint; empty when the constraint has nothing to say in DDL. */
export function constraintSql(constraint: ContractConstraint, quote: Quote): string {
  const named = constraint.name === undefined ? '' : `constraint ${quote(constraint.name)} `;
  switch (constraint.type) {
    case 'not_null':
      return 'not null';
    case 'unique':
      return `${named}unique`;
    case 'primary_key':
      return `${named}primary key`;
    case 'check':
      return `${named}check (${constraint.expression ?? 'true'})`;
    case 'foreign_key':
      return constraint.expression === undefined ? '' : `${named}references ${constraint.expression}`;
    case 'custom':
      return constraint.expression ?? '';
  }
}
