"""A long-lived local Spark session that runs Spark SQL sent as JSON lines (relc's Spark tests).

Spark takes 10-20 s to start, so one process serves many statements. Protocol, one JSON object
per line on stdin, one answer per line on stdout:

  {"op": "view", "name": "lineitem", "path": "/data/lineitem.parquet"}  -> {"ok": true}
  {"op": "query", "sql": "SELECT …", "params": ["1", …]}               -> {"ok": true, "names": [...], "types": [...], "rows": [[...]]}
  any failure                                                           -> {"ok": false, "error": "…"}

Values: null, true/false, or text (integers in decimal, doubles as repr with NaN/Infinity/-Infinity,
decimals in plain notation with their scale, dates 'YYYY-MM-DD', timestamps
'YYYY-MM-DD HH:MM:SS.ffffff', binary as lowercase hex), so that nothing loses precision in JSON.
Types are Spark's simpleString ('int', 'decimal(15,2)', 'timestamp_ntz'). The session keeps
Spark's defaults (ANSI mode on) apart from the local-run settings below and a UTC session time zone.
"""

import datetime
import decimal
import json
import math
import os
import sys


def encode(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    return str(v)


def main():
    # Answers go to the original stdout; anything the JVM or py4j prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(os.environ.get("RELC_SPARK_MASTER", "local[2]"))
        .appName("relc-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    def reply(obj):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()

    reply({"ok": True, "ready": True, "version": spark.version})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            if req["op"] == "view":
                spark.read.parquet(req["path"]).createOrReplaceTempView(req["name"])
                reply({"ok": True})
            elif req["op"] == "query":
                params = req.get("params") or []
                df = spark.sql(req["sql"], args=params) if params else spark.sql(req["sql"])
                types = [f.dataType.simpleString() for f in df.schema.fields]
                rows = [[encode(v) for v in row] for row in df.collect()]
                reply({"ok": True, "names": df.columns, "types": types, "rows": rows})
            else:
                reply({"ok": False, "error": f"unknown op {req['op']!r}"})
        except Exception as e:  # the error goes back to the caller; the session stays up
            name = getattr(e, "getCondition", None)
            cls = name() if callable(name) else None
            msg = str(e).strip().split("\n")[0] if not hasattr(e, "getMessage") else e.getMessage()
            reply({"ok": False, "error": f"{cls or type(e).__name__}: {msg}"})
    spark.stop()


if __name__ == "__main__":
    main()
