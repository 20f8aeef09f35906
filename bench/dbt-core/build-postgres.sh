#!/usr/bin/env bash
# Times dbt-core + dbt-postgres on the layered generated project (bench/gen-project.ts): `dbt seed`,
# `dbt build` (models + unique/not_null tests) into a fresh schema, then `dbt run` again, the
# commands bench/postgres.bench.ts times for Tessera. Needs dbt-postgres in the venv
# ($DBT_VENV/bin/pip install dbt-postgres). The server: TESSERA_PG_URL when set
# (postgres://user[:password]@host:port/db), else a throwaway one started with the test helper.
#
#   bench/dbt-core/build-postgres.sh [MODELS=1000] [THREADS=4]
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_dbt
"$PY" -c 'import dbt.adapters.postgres' 2>/dev/null || "$DBT_VENV/bin/pip" install --quiet dbt-postgres
MODELS="${1:-1000}"
THREADS="${2:-4}"
WORK="${WORK:-/tmp/tessera-bench}"
DIR="$WORK/dag_${MODELS}_dbt_postgres"

SERVER_PID=""
if [ -z "${TESSERA_PG_URL:-}" ]; then
  # The helper's --serve mode prints the URL and keeps the server until its stdin closes.
  coproc SERVER { cd "$REPO_ROOT" && exec node --import tsx test/helpers/postgres.ts --serve; }
  SERVER_PID=$SERVER_PID
  read -r line <&"${SERVER[0]}"
  TESSERA_PG_URL="${line#TESSERA_PG_URL=}"
fi
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

read -r PG_HOST PG_PORT PG_USER PG_PASSWORD PG_DB < <("$PY" - "$TESSERA_PG_URL" <<'PY'
import sys
from urllib.parse import urlparse, unquote
u = urlparse(sys.argv[1])
print(u.hostname, u.port or 5432, unquote(u.username or ''), unquote(u.password or '') or '-', u.path.lstrip('/'))
PY
)
[ "$PG_PASSWORD" = "-" ] && PG_PASSWORD=""
SCHEMA="dbt_bench_$$"

mkdir -p "$WORK"
(cd "$REPO_ROOT" && npx --no-install tsx bench/gen-project.ts --models "$MODELS" --out "$DIR" --force) >&2
# PostgreSQL has no round(double precision, integer): round a numeric (bench/postgres.bench.ts does the same).
sed -i 's/round({{ expression }}, {{ digits }})/round(cast({{ expression }} as numeric), {{ digits }})/' "$DIR/macros/"*.sql
cat >"$DIR/profiles.yml" <<YML
tessera_bench:
  target: dev
  outputs:
    dev:
      type: postgres
      host: $PG_HOST
      port: $PG_PORT
      user: "$PG_USER"
      password: "$PG_PASSWORD"
      dbname: "$PG_DB"
      schema: $SCHEMA
      threads: $THREADS
YML
rm -rf "$DIR/target" "$DIR/logs"

versions=$("$PY" -c "from importlib.metadata import version as v; print(f\"dbt-core {v('dbt-core')} / dbt-postgres {v('dbt-postgres')}\")")
for command in seed build run; do
  timed_dbt "$DIR/$command.times" "$DIR/$command.log" "$command" --threads "$THREADS" --project-dir "$DIR" --profiles-dir "$DIR" || {
    tail -20 "$DIR/$command.log" >&2
    exit 1
  }
  summary=$(grep -o 'Done\..*' "$DIR/$command.log")
  printf 'dbt %-5s %5d-model layered project, %d threads  %7.2fs wall  %7.2fs cpu  (%s; load %s; %s, %s)\n' \
    "$command" "$MODELS" "$THREADS" "$(wall_seconds "$DIR/$command.times")" "$(cpu_seconds "$DIR/$command.times")" \
    "$summary" "$(cut -d" " -f1 /proc/loadavg)" "$versions" "$(date -u +%Y-%m-%d)"
done
