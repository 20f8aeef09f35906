"""Prints the relations of a DuckDB file with their type and row count, or compares two
relations as multisets. Used by verify-fixtures.sh to write down what dbt-core produced.

  python inspect-duckdb.py relations DB
  python inspect-duckdb.py same DB RELATION_A RELATION_B   (prints SAME or DIFFERENT n)
"""
import sys

import duckdb


def relations(db: str) -> None:
    con = duckdb.connect(db, read_only=True)
    rows = con.sql(
        "select table_schema, table_name, table_type from information_schema.tables"
        " where table_catalog = current_database() order by 1, 2"
    ).fetchall()
    for schema, name, kind in rows:
        count = con.sql(f'select count(*) from "{schema}"."{name}"').fetchall()[0][0]
        print(f"{schema}.{name}\t{kind}\t{count} rows")


def same(db: str, a: str, b: str) -> None:
    con = duckdb.connect(db, read_only=True)
    diff = con.sql(
        f"select count(*) from ((select * from {a} except all select * from {b})"
        f" union all (select * from {b} except all select * from {a}))"
    ).fetchall()[0][0]
    print("SAME" if diff == 0 else f"DIFFERENT {diff}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"relations": relations, "same": same}[command](*args)
