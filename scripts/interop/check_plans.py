"""Runs relc's Substrait plans through the official consumers (relc interop suite, part 1).

Usage: check_plans.py MANIFEST.json RESULT.json

The manifest (written by test/interop/run-interop.ts) lists corpora; each has input tables as
Parquet files (written once by DuckDB with the declared types) and cases, each with one plan
per consumer profile ("standard", and "datafusion" when relc writes that consumer a different
plan). For every case:
  (a) the official `substrait` package decodes every plan variant; its proto3 JSON must equal
      relc's JSON and its deterministic re-serialization must equal relc's bytes;
  (c) DataFusion consumes the plan written for it and executes it, twice: with the corpus's
      tables registered under their declared schemas, and registered as users register Parquet
      files (`register_parquet(name, path)`, no schema: every column nullable);
  (d) pyarrow's Acero consumes the plan written for it ("acero"), when relc wrote one.
Result rows are canonical JSON values (CONTRACTS.md; int64 as text, binary as hex, decimals as
text at the declared scale) that the Node side compares with DuckDB's. substrait-validator runs
in its own process (validate_plans.py): its protobuf module clashes with the `substrait` one.
"""

import datetime
import decimal
import hashlib
import json
import os
import re
import sys
import traceback
import unicodedata

import pyarrow as pa
import pyarrow.parquet as pq
from google.protobuf import descriptor_pb2, descriptor_pool, json_format
from substrait.plan_pb2 import Plan


def register_relc_details():
    """relc's Any detail messages (src/substrait-proto/descriptor-relc.ts, field numbers as there),
    so that plans carrying them (a recursion's ExtensionMultiRel/ExtensionLeafRel) print as JSON."""
    fd = descriptor_pb2.FileDescriptorProto(name="relc/details.proto", package="relc", syntax="proto3", dependency=["substrait/type.proto"])
    F = descriptor_pb2.FieldDescriptorProto

    def message(name, fields):
        m = fd.message_type.add(name=name)
        for number, (field_name, kind, type_name) in enumerate(fields, start=1):
            f = m.field.add(name=field_name, number=number, label=F.LABEL_OPTIONAL, type=kind)
            if type_name:
                f.type_name = type_name

    message("RecursiveRel", [("name", F.TYPE_STRING, None), ("distinct", F.TYPE_BOOL, None), ("max_iterations", F.TYPE_UINT32, None)])
    message("RecursiveRefRel", [("name", F.TYPE_STRING, None), ("schema", F.TYPE_MESSAGE, ".substrait.NamedStruct")])
    message("DeclaredSchema", [("schema", F.TYPE_MESSAGE, ".substrait.NamedStruct")])
    message("ImplicitCasts", [("failure_behavior", F.TYPE_STRING, None)])
    m = fd.message_type.add(name="ChainedCalls")
    m.field.add(name="anchors", number=1, label=F.LABEL_REPEATED, type=F.TYPE_UINT32)
    descriptor_pool.Default().Add(fd)


register_relc_details()

RELC_URN = "extension:dev.relc:functions_relc"
RELC_URI = "https://relc.dev/substrait/extensions/functions_relc.yaml"


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


def arrow_schema(columns):
    return pa.schema([pa.field(c["name"], arrow_type(c["type"]), nullable=c["nullable"]) for c in columns])


def canonical(t, v):
    """An engine's result value as relc's canonical JSON value for output type t."""
    if v is None:
        return None
    m = re.fullmatch(r"decimal\((\d+),(\d+)\)", t)
    if m:
        scale = int(m.group(2))
        d = v if isinstance(v, decimal.Decimal) else decimal.Decimal(repr(v))
        # Ties away from zero, as DuckDB and PostgreSQL round a decimal to a smaller scale.
        return str(d.quantize(decimal.Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_UP))
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


def check_official(plan_files):
    raw = open(plan_files["bin"], "rb").read()
    plan = Plan()
    plan.ParseFromString(raw)
    theirs = json.loads(json_format.MessageToJson(plan))
    ours = json.load(open(plan_files["json"]))
    return {
        "decoded": True,
        "json_equal": theirs == ours,
        "bytes_equal": plan.SerializeToString(deterministic=True) == raw,
    }


# relc's own extension functions (functions_relc.yaml), implemented for DataFusion, which
# resolves a function by its name in the session's registry. Arguments arrive as text: a
# UDF has an exact signature, and DataFusion's casts to text give relc's canonical text
# (integers in decimal, dates as YYYY-MM-DD, booleans as true/false).
def stable_id_impl(*columns):
    rows = zip(*[c.to_pylist() for c in columns])
    out = []
    for row in rows:
        text = "\x1f".join("n" if v is None else "v" + v for v in row)
        out.append(hashlib.sha256(text.encode("utf-8")).digest()[:16].hex())
    return pa.array(out, pa.string())


def nfc_impl(column):
    return pa.array([None if v is None else unicodedata.normalize("NFC", v) for v in column.to_pylist()], pa.string())


def relc_calls(plan_json):
    """{function name: set of argument counts} of relc-extension calls in a plan."""
    relc_files = set()
    for u in plan_json.get("extensionUrns", []):
        if u.get("urn") == RELC_URN:
            relc_files.add(u.get("extensionUrnAnchor", 0))
    for u in plan_json.get("extensionUris", []):
        if u.get("uri") == RELC_URI:
            relc_files.add(u.get("extensionUriAnchor", 0))
    anchors = {}
    for e in plan_json.get("extensions", []):
        f = e.get("extensionFunction")
        if f and (f.get("extensionUrnReference", 0) in relc_files or f.get("extensionUriReference", 0) in relc_files):
            anchors[f.get("functionAnchor", 0)] = f["name"].split(":")[0]
    calls = {}

    def walk(x):
        if isinstance(x, dict):
            sf = x.get("scalarFunction")
            if isinstance(sf, dict) and sf.get("functionReference", 0) in anchors:
                calls.setdefault(anchors[sf.get("functionReference", 0)], set()).add(len(sf.get("arguments", [])))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(plan_json.get("relations", []))
    return calls


def register_relc_udfs(ctx, plan_json):
    from datafusion import udf

    for name, arities in relc_calls(plan_json).items():
        if len(arities) != 1:
            raise ValueError(f"relc function {name} is called with {sorted(arities)} arguments in one plan; a DataFusion Python UDF has one arity")
        n = arities.pop()
        if name == "stable_id":
            ctx.register_udf(udf(stable_id_impl, [pa.string()] * n, pa.string(), "immutable", "stable_id"))
        elif name == "nfc_normalize":
            ctx.register_udf(udf(nfc_impl, [pa.string()], pa.string(), "immutable", "nfc_normalize"))


def run_datafusion(ctx, plan_files, types):
    from datafusion.substrait import Consumer, Serde

    register_relc_udfs(ctx, json.load(open(plan_files["json"])))
    plan = Serde.deserialize_bytes(open(plan_files["bin"], "rb").read())
    logical = Consumer.from_substrait_plan(ctx, plan)
    # to_arrow_table keeps the plan's schema when the result has no batches (an empty result).
    table = ctx.create_dataframe_from_logical_plan(logical).to_arrow_table()
    return rows_of(table, types)


def run_acero(tables, plan_files, types):
    import pyarrow.substrait as ps

    def provider(names, schema):
        return tables[names[-1]]

    reader = ps.run_query(pa.py_buffer(open(plan_files["bin"], "rb").read()), table_provider=provider)
    return rows_of(reader.read_all(), types)


def attempt(run):
    try:
        return {"ok": True, "rows": run()}
    except BaseException as e:  # engines raise their own exception types (incl. pyo3 panics)
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        if os.environ.get("RELC_INTEROP_DEBUG"):
            traceback.print_exc()
        return {"ok": False, "error": short_error(e)}


def main():
    manifest = json.load(open(sys.argv[1]))

    from datafusion import SessionConfig, SessionContext

    results = {}
    for corpus in manifest["corpora"]:
        # Parquet strings and binaries must come back as Utf8/Binary, the types the plans declare
        # (DataFusion otherwise reads them as the *View variants and rejects the base_schema).
        config = SessionConfig().set("datafusion.execution.parquet.schema_force_view_types", "false")
        ctx = SessionContext(config)
        plain = SessionContext(config)
        tables = {}
        for t in corpus["tables"]:
            schema = arrow_schema(t["schema"])
            # Registered under the declared schema, nullability included.
            ctx.register_parquet(t["name"], t["path"], schema=schema)
            # Registered as users do: the file's own schema, which DuckDB writes all nullable
            # (checked: the mode proves nothing over a file with required columns).
            required = [f.name for f in pq.read_schema(t["path"]) if not f.nullable]
            if required:
                raise SystemExit(f"{t['path']}: columns {required} are required in the file; the plain-registration check needs nullable ones")
            plain.register_parquet(t["name"], t["path"])
            tables[t["name"]] = pq.read_table(t["path"]).select(schema.names).cast(schema)
        for case in corpus["cases"]:
            r = {"official": {}}
            for profile, files in case["plans"].items():
                try:
                    r["official"][profile] = check_official(files)
                except Exception as e:  # a decode failure is a result, not a crash of the suite
                    r["official"][profile] = {"decoded": False, "decode_error": short_error(e)}
            df_plan = case["plans"].get("datafusion", case["plans"]["standard"])
            r["datafusion"] = attempt(lambda: run_datafusion(ctx, df_plan, case["types"]))
            r["datafusion_plain"] = attempt(lambda: run_datafusion(plain, df_plan, case["types"]))
            if "acero" in case["plans"]:
                r["acero"] = attempt(lambda: run_acero(tables, case["plans"]["acero"], case["types"]))
            results[case["id"]] = r
    json.dump(results, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
