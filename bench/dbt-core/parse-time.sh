#!/usr/bin/env bash
# Times `dbt parse` (full parse, no partial-parse cache) of a generated layered project.
#
#   bench/dbt-core/parse-time.sh [MODELS=1000]        e.g. parse-time.sh 10000
#   WORK=/tmp/tessera-bench (where projects are generated)
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_dbt
MODELS="${1:-1000}"
WORK="${WORK:-/tmp/tessera-bench}"
DIR="$WORK/dag_$MODELS"

mkdir -p "$WORK"
(cd "$REPO_ROOT" && npx --no-install tsx bench/gen-project.ts --models "$MODELS" --out "$DIR" --force) >&2
write_profile "$DIR" tessera_bench 4
rm -rf "$DIR/target" "$DIR/logs"

timed_dbt "$DIR/parse.times" "$DIR/parse.log" parse --no-partial-parse --project-dir "$DIR" --profiles-dir "$DIR" || {
  tail -20 "$DIR/parse.log" >&2
  exit 1
}
nodes=$("$PY" -c "import json,sys; m=json.load(open(sys.argv[1])); print(len(m['nodes']), 'nodes')" "$DIR/target/manifest.json")
# dbt's own figure for loading the project (excludes Python start-up and writing the manifest).
load_all=$("$PY" -c "import json,sys; print(round(json.load(open(sys.argv[1]))['load_all_elapsed'], 2))" "$DIR/target/perf_info.json")
printf 'dbt parse  %6d models  %7.2fs wall  %7.2fs cpu  %6.2fs load_all_elapsed  (%s; load %s; %s, %s)\n' \
  "$MODELS" "$(wall_seconds "$DIR/parse.times")" "$(cpu_seconds "$DIR/parse.times")" "$load_all" "$nodes" "$(cut -d" " -f1 /proc/loadavg)" "$(dbt_versions)" "$(date -u +%Y-%m-%d)"
