#!/usr/bin/env bash
# Runs dbt-core + dbt-duckdb on copies of test/fixtures/projects/* and prints what they produce
# (statuses, relations, row counts): the evidence behind each fixture's EXPECTED.md.
#
#   bench/dbt-core/verify-fixtures.sh [fixture ...]      (default: all of them)
#   WORK=/tmp/tessera-fixtures (where the copies go)
set -uo pipefail
source "$(dirname "$0")/common.sh"
ensure_dbt
WORK="${WORK:-/tmp/tessera-fixtures}"
FIXTURES="$REPO_ROOT/test/fixtures/projects"
INSPECT="$(dirname "$0")/inspect-duckdb.py"

# Keeps the lines that say what happened to each node, plus errors and the summary.
summary() {
  grep -E ' (OK|PASS|FAIL|WARN|ERROR|SKIP)( |\])|^Done\.|Done\. |Nothing to do|rror|Found |^  [a-zA-Z]' | sed -E 's/^[0-9:]{8}  //; s/ in [0-9.]+s\]/]/'
}

step() {
  echo "\$ dbt $*"
  run_dbt "$@" --project-dir "$DIR" --profiles-dir "$DIR" 2>&1 | summary
  echo "exit code: ${PIPESTATUS[0]}"
}

relations() {
  echo "relations:"
  "$PY" "$INSPECT" relations "$DIR/target/tessera_test.duckdb" | sed 's/^/  /'
}

same() {
  printf '  %s = %s: ' "$1" "$2"
  "$PY" "$INSPECT" same "$DIR/target/tessera_test.duckdb" "main.$1" "main.$2"
}

verify_simple_materializations() {
  step seed
  step run
  relations
  step run --vars '{materialized_var: view}'
  relations
  step run --vars '{materialized_var: incremental}'
  relations
}

verify_ephemeral_chain() {
  step build
  relations
  echo "compiled final_table.sql:"
  sed 's/^/  /' "$DIR/target/compiled/ephemeral_chain/models/final_table.sql"
}

verify_incremental_growth() {
  local models="default_strategy append merge_single_key merge_composite_key delete_insert_single_key delete_insert_composite_key"
  step seed
  step run
  for m in $models; do same "$m" seed; done
  step run --vars '{seed_name: seed_added}'
  for m in $models; do same "$m" seed_added; done
  step run --vars '{seed_name: seed_updated}'
  for m in $models; do same "$m" seed_updated; done
  relations
}

verify_bad_incremental_strategy() {
  step seed
  step run
  step run
  relations
}

verify_singular_tests() {
  step build
}

verify_generic_tests() {
  step build
  relations
}

verify_empty_project() {
  step parse
  step build
}

echo "# $(dbt_versions), $(date -u +%Y-%m-%d)"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(simple_materializations ephemeral_chain incremental_growth bad_incremental_strategy singular_tests generic_tests empty_project)
for name in "${names[@]}"; do
  DIR="$WORK/$name"
  copy_project "$FIXTURES/$name" "$DIR"
  write_profile "$DIR" tessera_test 1
  echo
  echo "## $name"
  "verify_$name"
done
