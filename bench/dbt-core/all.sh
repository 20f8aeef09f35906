#!/usr/bin/env bash
# The dbt-core comparison figures: parse of 1k/2k/10k generated models (each stopped after
# TIMEOUT seconds) and a run of the 1k chained-view project. Appends to $OUT as it goes.
#
#   bench/dbt-core/all.sh            OUT=/tmp/tessera-bench/dbt-core-figures.txt TIMEOUT=300
set -uo pipefail
HERE="$(dirname "$0")"
WORK="${WORK:-/tmp/tessera-bench}"
OUT="${OUT:-$WORK/dbt-core-figures.txt}"
TIMEOUT="${TIMEOUT:-300}"
mkdir -p "$WORK"
export WORK

for models in 1000 2000 10000; do
  timeout "$TIMEOUT" "$HERE/parse-time.sh" "$models" >>"$OUT" ||
    echo "dbt parse  $models models: did not finish within ${TIMEOUT}s (or failed)" >>"$OUT"
done
timeout "$TIMEOUT" "$HERE/run-chain.sh" 1000 4 >>"$OUT" ||
  echo "dbt run    1000 chained views: did not finish within ${TIMEOUT}s (or failed)" >>"$OUT"
cat "$OUT"
