# The peer baseline of `npm run bench transpile` (issue 13 item 2): sqlglot on the same 22 TPC-H
# texts in the project's pinned venv, where sqlglotc's mypyc-compiled modules sit beside
# sqlglot's sources and are the ones Python imports. Reads {"queries": [...], "schema": {table:
# {column: type}}, "rounds": {"optimize": N, "plain": M}} on stdin and prints JSON: per pipeline, the best and median round
# in seconds. "optimize" is parse → optimize (with the schema: qualification, type annotation,
# the default rule set) → generate DuckDB and SQLite; "plain" is parse → generate both.
import json
import logging
import sys
import time

import sqlglot
from sqlglot.optimizer import optimize


def main() -> None:
    spec = json.load(sys.stdin)
    queries, schema = spec["queries"], spec["schema"]
    # SQLite has no ARRAY_ANY etc.: sqlglot logs a warning per query and goes on (as it would for a user).
    logging.getLogger("sqlglot").setLevel(logging.ERROR)

    def optimized(sql: str) -> None:
        tree = optimize(sqlglot.parse_one(sql, read="postgres"), schema=schema, dialect="postgres")
        tree.sql(dialect="duckdb")
        tree.sql(dialect="sqlite")

    def plain(sql: str) -> None:
        tree = sqlglot.parse_one(sql, read="postgres")
        tree.sql(dialect="duckdb")
        tree.sql(dialect="sqlite")

    out = {"compiled": any(m.endswith("__mypyc") for m in sys.modules), "version": sqlglot.__version__}
    for name, f in (("optimize", optimized), ("plain", plain)):
        rounds = spec["rounds"][name]
        for sql in queries:  # warm-up
            f(sql)
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            for sql in queries:
                f(sql)
            times.append(time.perf_counter() - t0)
        times.sort()
        out[name] = {"best": times[0], "median": times[len(times) // 2]}
    json.dump(out, sys.stdout)


main()
