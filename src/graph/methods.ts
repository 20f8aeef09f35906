// The table of selection methods: `method:value` → the unique_ids it matches directly.

import type { MethodContext } from './method-context.js';
import {
  searchConfig,
  searchResourceType,
  searchResult,
  searchSourceStatus,
  searchState,
  searchTestName,
  searchTestType,
  searchVersion,
} from './methods-attributes.js';
import {
  searchAccess,
  searchFile,
  searchFqn,
  searchGroup,
  searchPackage,
  searchPackagedName,
  searchPath,
  searchSource,
  searchTag,
} from './methods-naming.js';
import type { MethodName, SelectionCriteria } from './selector-spec.js';

type Search = (ctx: MethodContext, value: string) => string[];

const METHODS: Record<Exclude<MethodName, 'config'>, Search> = {
  fqn: searchFqn,
  tag: searchTag,
  group: searchGroup,
  access: searchAccess,
  source: searchSource,
  path: searchPath,
  file: searchFile,
  package: searchPackage,
  test_name: searchTestName,
  test_type: searchTestType,
  resource_type: searchResourceType,
  state: searchState,
  exposure: searchPackagedName('exposure', 'exposure'),
  metric: searchPackagedName('metric', 'metric'),
  result: searchResult,
  source_status: searchSourceStatus,
  version: searchVersion,
  semantic_model: searchPackagedName('semantic_model', 'semantic model'),
  saved_query: searchPackagedName('saved_query', 'saved query'),
  unit_test: searchPackagedName('unit_test', 'unit test'),
};

/** The members a criterion's method matches, before graph operators and test expansion. */
export function searchMethod(ctx: MethodContext, criteria: SelectionCriteria): string[] {
  if (criteria.method === 'config') return searchConfig(ctx, criteria.value, criteria.methodArguments);
  return METHODS[criteria.method](ctx, String(criteria.value));
}
