#!/usr/bin/env bash
# Times `dbt run` of the chained-view project (model_i = select * from model_{i-1}), fresh
# database each time, so every view is created once.
#
#   bench/dbt-core/run-chain.sh [MODELS=1000] [THREADS=4]
#   WORK=/tmp/tessera-bench (where projects are generated)
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_dbt
MODELS="${1:-1000}"
THREADS="${2:-4}"
WORK="${WORK:-/tmp/tessera-bench}"
DIR="$WORK/chain_$MODELS"

mkdir -p "$WORK"
(cd "$REPO_ROOT" && npx --no-install tsx bench/gen-project.ts --chain --models "$MODELS" --out "$DIR" --force) >&2
# Each view level costs DuckDB 2 levels of expression depth; leave room for the longest chain.
write_profile "$DIR" tessera_bench "$THREADS" $((MODELS * 3 > 1000 ? MODELS * 3 : 1000))
rm -rf "$DIR/target" "$DIR/logs"

timed_dbt "$DIR/run.times" "$DIR/run.log" run --threads "$THREADS" --project-dir "$DIR" --profiles-dir "$DIR" || {
  tail -20 "$DIR/run.log" >&2
  exit 1
}
summary=$(grep -o 'Done\..*' "$DIR/run.log")
execution=$(grep -o 'in 0 hours [0-9]* minutes and [0-9.]* seconds' "$DIR/run.log" | tail -1)
printf 'dbt run    %6d chained views, %d threads  %7.2fs wall  %7.2fs cpu  (%s; run phase %s; load %s; %s, %s)\n' \
  "$MODELS" "$THREADS" "$(wall_seconds "$DIR/run.times")" "$(cpu_seconds "$DIR/run.times")" "$summary" "$execution" "$(cut -d" " -f1 /proc/loadavg)" "$(dbt_versions)" "$(date -u +%Y-%m-%d)"
