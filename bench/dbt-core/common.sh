# Shared helpers for the dbt-core comparison scripts; source it, do not run it.
# dbt-core and dbt-duckdb live in a venv outside the repository (default /tmp/dbtvenv).

DBT_VENV="${DBT_VENV:-/tmp/dbtvenv}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Creates the venv with dbt-core + dbt-duckdb from PyPI when it is missing.
ensure_dbt() {
  if [ ! -x "$DBT_VENV/bin/dbt" ]; then
    echo "creating $DBT_VENV with dbt-core and dbt-duckdb..." >&2
    python3 -m venv "$DBT_VENV"
    "$DBT_VENV/bin/pip" install --quiet dbt-core dbt-duckdb
  fi
  DBT="$DBT_VENV/bin/dbt"
  PY="$DBT_VENV/bin/python"
}

# Prints "dbt-core X / dbt-duckdb Y / duckdb Z" for the record.
dbt_versions() {
  "$PY" - <<'PY'
from importlib.metadata import version
print(f"dbt-core {version('dbt-core')} / dbt-duckdb {version('dbt-duckdb')} / duckdb {version('duckdb')}")
PY
}

# write_profile DIR PROFILE_NAME [THREADS] [MAX_EXPRESSION_DEPTH]: a DuckDB profile whose file
# sits in DIR/target. DuckDB refuses to bind views nested deeper than max_expression_depth
# (default 1000, and each view level costs 2), so long view chains need it raised.
write_profile() {
  local dir="$1" name="$2" threads="${3:-4}" depth="${4:-}"
  cat >"$dir/profiles.yml" <<YML
$name:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "$dir/target/$name.duckdb"
      threads: $threads
YML
  if [ -n "$depth" ]; then
    printf '      settings:\n        max_expression_depth: %s\n' "$depth" >>"$dir/profiles.yml"
  fi
}

# copy_project SRC DEST: a fresh copy (never run dbt inside the repository).
copy_project() {
  rm -rf "$2"
  mkdir -p "$(dirname "$2")"
  cp -r "$1" "$2"
}

# Runs dbt without colours or the version check, so logs can be compared as text.
run_dbt() {
  "$DBT" --no-use-colors --no-version-check "$@"
}

# timed_dbt TIMES_FILE LOG_FILE ARGS...: runs dbt with its output in LOG_FILE and writes
# "wall user sys" seconds to TIMES_FILE. CPU seconds (user + sys) are the steadier figure on a
# machine shared with other work; wall time is what a user waits.
timed_dbt() {
  local times="$1" log="$2"
  shift 2
  /usr/bin/time -f '%e %U %S' -o "$times" "$DBT" --no-use-colors --no-version-check "$@" >"$log" 2>&1
}

# cpu_seconds TIMES_FILE: user + sys from a timed_dbt file.
cpu_seconds() {
  awk '{ printf "%.2f", $2 + $3 }' "$1"
}

# wall_seconds TIMES_FILE
wall_seconds() {
  awk '{ printf "%.2f", $1 }' "$1"
}
