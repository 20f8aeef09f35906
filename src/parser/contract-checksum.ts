// The checksum dbt stores in `contract.checksum` of a model with an enforced contract. `state:modified`
// compares it to spot contract changes, so it must match dbt's exactly: sha256 over each column
// (sorted by name) as `|<name><data_type><constraints>`, then, for materializations that enforce
// constraints, the materialization and the model-level constraints, with Python's text forms.
import { createHash } from 'node:crypto';
import type { ColumnLevelConstraint, ModelLevelConstraint, ModelNode } from './node-types.js';
import { pyRepr, pyStr } from './python-repr.js';

/** Materializations whose DDL enforces constraints (so they enter the checksum). */
const CONSTRAINT_ENFORCING = new Set(['table', 'incremental']);

/** Python repr of a constraint dataclass, e.g. `ColumnLevelConstraint(type=<ConstraintType.not_null: 'not_null'>, …)`. */
function constraintRepr(constraint: ColumnLevelConstraint | ModelLevelConstraint, className: string): string {
  const fields = [
    `type=<ConstraintType.${constraint.type}: ${pyRepr(constraint.type)}>`,
    `name=${pyRepr(constraint.name)}`,
    `expression=${pyRepr(constraint.expression)}`,
    `warn_unenforced=${pyRepr(constraint.warn_unenforced)}`,
    `warn_unsupported=${pyRepr(constraint.warn_unsupported)}`,
    `to=${pyRepr(constraint.to)}`,
    `to_columns=${pyRepr(constraint.to_columns)}`,
  ];
  if ('columns' in constraint) fields.push(`columns=${pyRepr(constraint.columns)}`);
  return `${className}(${fields.join(', ')})`;
}

function constraintsRepr(list: (ColumnLevelConstraint | ModelLevelConstraint)[], className: string): string {
  return `[${list.map((c) => constraintRepr(c, className)).join(', ')}]`;
}

/** dbt's contract checksum of a model, or null when its contract is not enforced. */
export function contractChecksum(
  model: Pick<ModelNode, 'columns' | 'config' | 'constraints' | 'contract'>,
): string | null {
  if (!model.contract.enforced) return null;
  const columns = Object.values(model.columns).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  let state = '';
  for (const column of columns) {
    state += `|${column.name}${pyStr(column.data_type)}${constraintsRepr(column.constraints, 'ColumnLevelConstraint')}`;
  }
  if (CONSTRAINT_ENFORCING.has(model.config.materialized)) {
    state += model.config.materialized + constraintsRepr(model.constraints, 'ModelLevelConstraint');
  }
  return createHash('sha256').update(state, 'utf8').digest('hex');
}
