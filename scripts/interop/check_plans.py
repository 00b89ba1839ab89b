"""Runs relc's Substrait plans through the official consumers (relc interop suite, part 1).

Usage: check_plans.py MANIFEST.json RESULT.json

For every case of the manifest (written by test/interop/run-interop.ts):
  (a) the official `substrait` package decodes the binary plan; its proto3 JSON must equal
      relc's JSON and its deterministic re-serialization must equal relc's bytes;
  (c) DataFusion registers the input tables (Parquet files written here with the declared
      types and nullability), consumes the plan and executes it;
  (d) pyarrow's Acero consumes the plan where its subset allows.
Results are canonical JSON values (see CONTRACTS.md; int64 as text, binary as hex) that the
Node side compares with DuckDB's. substrait-validator runs in its own process
(validate_plans.py): its protobuf module clashes with the `substrait` package's.
"""

import datetime
import decimal
import json
import os
import re
import sys
import traceback

import pyarrow as pa
import pyarrow.parquet as pq
from google.protobuf import json_format
from substrait.plan_pb2 import Plan


def arrow_type(t):
    m = re.fullmatch(r"decimal\((\d+),(\d+)\)", t)
    if m:
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"list<(.*?)(\?)?>", t)
    if m:
        return pa.list_(pa.field("item", arrow_type(m.group(1)), nullable=bool(m.group(2))))
    simple = {
        "bool": pa.bool_(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
        "utf8": pa.string(), "binary": pa.binary(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    }
    if t not in simple:
        raise ValueError(f"no Arrow type for {t}")
    return simple[t]


def input_value(t, v):
    """A canonical JSON input value as the Python value pyarrow expects for type t."""
    if v is None:
        return None
    if t.startswith("decimal"):
        return decimal.Decimal(v)
    if t == "int64":
        return int(v)
    if t == "date":
        return datetime.date.fromisoformat(v)
    if t == "timestamp":
        return datetime.datetime.strptime(v, "%Y-%m-%d %H:%M:%S.%f")
    if t == "binary":
        return bytes.fromhex(v)
    if t.startswith("list<"):
        inner = re.fullmatch(r"list<(.*?)\??>", t).group(1)
        return [input_value(inner, x) for x in v]
    return v


def build_table(table):
    fields = [pa.field(c["name"], arrow_type(c["type"]), nullable=c["nullable"]) for c in table["schema"]]
    schema = pa.schema(fields)
    columns = list(zip(*table["rows"])) if table["rows"] else [[] for _ in fields]
    arrays = [
        pa.array([input_value(c["type"], v) for v in col], type=f.type)
        for c, f, col in zip(table["schema"], fields, columns)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def canonical(t, v):
    """An engine's result value as relc's canonical JSON value for output type t."""
    if v is None:
        return None
    m = re.fullmatch(r"decimal\((\d+),(\d+)\)", t)
    if m:
        scale = int(m.group(2))
        d = v if isinstance(v, decimal.Decimal) else decimal.Decimal(repr(v))
        return str(d.quantize(decimal.Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_EVEN))
    if t == "int64" or t == "int32":
        if isinstance(v, decimal.Decimal):
            v = int(v)
        return str(int(v)) if t == "int64" else int(v)
    if t == "float64":
        f = float(v)
        if f != f:
            return "NaN"
        if f in (float("inf"), float("-inf")):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if t == "date":
        if isinstance(v, datetime.datetime):
            v = v.date()
        return v.isoformat()
    if t == "timestamp":
        if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime):
            v = datetime.datetime(v.year, v.month, v.day)
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if t == "binary":
        return bytes(v).hex()
    if t == "utf8":
        return str(v)
    if t == "bool":
        return bool(v)
    if t.startswith("list<"):
        inner = re.fullmatch(r"list<(.*?)\??>", t).group(1)
        return [canonical(inner, x) for x in v]
    return v


def rows_of(table, types):
    if table.num_columns != len(types):
        raise ValueError(f"result has {table.num_columns} columns, relc's schema {len(types)}")
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [[canonical(types[i], cols[i][r]) for i in range(len(types))] for r in range(table.num_rows)]


def short_error(e):
    text = str(e).strip().splitlines()
    return (text[0] if text else type(e).__name__)[:400]


def check_official(case):
    raw = open(case["plan_bin"], "rb").read()
    plan = Plan()
    plan.ParseFromString(raw)
    theirs = json.loads(json_format.MessageToJson(plan))
    ours = json.load(open(case["plan_json"]))
    return {
        "decoded": True,
        "json_equal": theirs == ours,
        "bytes_equal": plan.SerializeToString(deterministic=True) == raw,
    }


def run_datafusion(ctx, case):
    from datafusion.substrait import Consumer, Serde

    plan = Serde.deserialize_bytes(open(case["plan_bin"], "rb").read())
    logical = Consumer.from_substrait_plan(ctx, plan)
    table = pa.Table.from_batches(ctx.create_dataframe_from_logical_plan(logical).collect())
    return rows_of(table, case["types"])


def run_acero(tables, case):
    import pyarrow.substrait as ps

    def provider(names, schema):
        return tables[names[-1]]

    reader = ps.run_query(pa.py_buffer(open(case["plan_bin"], "rb").read()), table_provider=provider)
    return rows_of(reader.read_all(), case["types"])


def main():
    manifest = json.load(open(sys.argv[1]))
    workdir = os.path.dirname(os.path.abspath(sys.argv[2]))
    tables = {t["name"]: build_table(t) for t in manifest["tables"]}

    from datafusion import SessionConfig, SessionContext

    # Parquet strings and binaries must come back as Utf8/Binary, the types the plans declare
    # (DataFusion otherwise reads them as the *View variants and rejects the base_schema).
    config = SessionConfig().set("datafusion.execution.parquet.schema_force_view_types", "false")
    ctx = SessionContext(config)
    for name, table in tables.items():
        path = os.path.join(workdir, f"{name}.parquet")
        pq.write_table(table, path)
        ctx.register_parquet(name, path)

    results = {}
    for case in manifest["cases"]:
        r = {}
        try:
            r.update(check_official(case))
        except Exception as e:  # a decode failure is a result, not a crash of the suite
            r.update({"decoded": False, "decode_error": short_error(e)})
        for engine, run in (("datafusion", lambda c: run_datafusion(ctx, c)), ("acero", lambda c: run_acero(tables, c))):
            try:
                r[engine] = {"ok": True, "rows": run(case)}
            except BaseException as e:  # engines raise their own exception types (incl. pyo3 panics)
                if isinstance(e, (KeyboardInterrupt, SystemExit)):
                    raise
                r[engine] = {"ok": False, "error": short_error(e)}
                if os.environ.get("RELC_INTEROP_DEBUG"):
                    traceback.print_exc()
        results[case["id"]] = r
    json.dump(results, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
