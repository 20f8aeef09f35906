#!/usr/bin/env bash
# Interoperability check, Tessera -> dbt-core: a dbt-core project that uses the dbt-loom plugin reads
# the manifest Tessera wrote for the jaffle mesh's `orders` project and builds a model on
# `ref('orders', 'fct_orders')` in the same DuckDB file. (The other direction, Tessera reading a
# dbt-core manifest, is covered by test/mesh/manifest-source.test.ts.)
#
#   bench/dbt-core/dbt-loom.sh        (WORK=/tmp/tessera-loom, DBT_VENV=/tmp/dbtvenv)
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_dbt
"$DBT_VENV/bin/pip" show dbt-loom >/dev/null 2>&1 || "$DBT_VENV/bin/pip" install --quiet dbt-loom
WORK="${WORK:-/tmp/tessera-loom}"
MESH="$WORK/jaffle_mesh"
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$REPO_ROOT/examples/jaffle_mesh" "$MESH"
rm -rf "$MESH/target"

echo "== tessera mesh build (examples/jaffle_mesh copy)"
(cd "$MESH" && node "$REPO_ROOT/bin/tessera.js" mesh build --quiet)

DIR="$WORK/marketing"
mkdir -p "$DIR/models"
cat >"$DIR/dbt_project.yml" <<YML
name: marketing
version: "1.0.0"
profile: marketing
YML
cat >"$DIR/profiles.yml" <<YML
marketing:
  target: prod
  outputs:
    prod:
      type: duckdb
      path: $MESH/target/mesh.duckdb
      schema: marketing
      threads: 2
YML
cat >"$DIR/dbt_loom.config.yml" <<YML
manifests:
  - name: orders
    type: file
    config:
      path: $MESH/orders/target/manifest.json
YML
cat >"$DIR/models/orders_by_status.sql" <<'SQL'
select status, count(*) as orders from {{ ref('orders', 'fct_orders') }} group by status
SQL

echo "== dbt-core $(dbt_versions) with dbt-loom: dbt build"
(cd "$DIR" && "$DBT" build --project-dir "$DIR" --profiles-dir "$DIR")

echo "== rows"
"$PY" - "$MESH/target/mesh.duckdb" <<'PY'
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
produced = con.execute("select count(*) from orders.fct_orders").fetchone()[0]
consumed = con.execute("select sum(orders) from marketing.orders_by_status").fetchone()[0]
print(f"orders.fct_orders: {produced} rows; marketing.orders_by_status counts {consumed}")
sys.exit(0 if produced == consumed and produced > 0 else 1)
PY
echo "OK: dbt-loom read Tessera's manifest and dbt-core built on it"
