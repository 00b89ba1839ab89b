// The DuckDB SQL that writes an output file and digests an output's rows inside the engine: one
// definition of the file formats and of the content digest, used by the DuckDB backend (over its
// own tables) and by the private writer that SQLite's and JS callers' rows stream into.
//
//   COPY (SELECT <cell per column> FROM (<output SQL>) AS t(c0, c1, …)) TO $n (FORMAT …)
//   SELECT count(*), sum(hash(<canonical value per column>)) FROM <table> AS t(c0, c1, …)
//
// Only identifiers, type names and relc's own static text are printed; column names that become
// text of the file (CSV header, JSON keys) are string literals quoted here; paths are bound.

import { assertNever, type DataType, type Schema } from '../../ir/index.ts';
import type { OutputFile } from '../types.ts';
import { duckdbTypeName, quoteDuckIdent as q } from '../input-files/duckdb-names.ts';

/** A DuckDB string literal (standard strings: a backslash is an ordinary character). */
export function duckdbStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Positional names of the output's columns inside the generated SQL (`t(c0, c1, …)`). */
function positional(schema: Schema): string[] {
  return schema.map((_, i) => `c${i}`);
}

function hasFloat(t: DataType): boolean {
  if (t.kind === 'float64') return true;
  if (t.kind === 'list') return hasFloat(t.element);
  if (t.kind === 'struct') return t.fields.some((f) => hasFloat(f.type));
  return false;
}

/**
 * Veltkamp's split with σ = 2^13 + 1: `c - (c - x)` for `c = σ·x` is x rounded to its 40 leading
 * significant bits (about 12 decimal digits), with three IEEE-754 operations that give the same
 * bits in JS (`roundDoubleForHash`, src/backends/canonical-rows.ts) as in DuckDB. A double
 * aggregate's last bits depend on the summation order (engine, thread count); the 13 dropped
 * bits leave 8192 ulps of headroom for that. |x| ≥ 1e300 (σ·x could overflow), NaN and ±∞ are
 * kept as they are; DuckDB's hash() already equates -0 with 0 and every NaN with every other.
 */
export const FLOAT_SPLIT = 8193;

/** A column's value as the digest hashes it: doubles (also inside lists and structs) rounded. */
function digestValue(x: string, t: DataType, depth: number): string {
  if (!hasFloat(t)) return x;
  switch (t.kind) {
    case 'float64':
      return `CASE WHEN abs(${x}) < 1e300 THEN ${x} * ${FLOAT_SPLIT}.0 - (${x} * ${FLOAT_SPLIT}.0 - ${x}) ELSE ${x} END`;
    case 'list': {
      const e = `e${depth}`;
      return `list_transform(${x}, lambda ${e}: ${digestValue(e, t.element, depth + 1)})`;
    }
    case 'struct':
      return `CASE WHEN ${x} IS NULL THEN NULL ELSE struct_pack(${t.fields.map((f) => `${q(f.name)} := ${digestValue(`struct_extract(${x}, ${duckdbStringLiteral(f.name)})`, f.type, depth)}`).join(', ')}) END`;
    default:
      return x;
  }
}

/**
 * Count and exact (HUGEINT) sum of DuckDB's 64-bit hash() of every row's canonical values: a
 * multiset digest, so it needs no sort and no order. The source must hold the columns with the
 * output's storage types (`duckdbTypeName`), as every view's table and the writer's staging
 * tables do; equal canonical values then hash equal whichever engine computed them.
 */
export function digestSql(source: string, schema: Schema): string {
  const cols = positional(schema);
  const values = schema.map((f, i) => digestValue(cols[i]!, f.type, 0));
  return `SELECT count(*)::BIGINT, COALESCE(sum(hash(${values.join(', ')})), 0)::HUGEINT::VARCHAR FROM ${source} AS t(${cols.join(', ')})`;
}

/** Canonical timestamp text: always 6 fraction digits (CONTRACTS.md). */
function timestampText(x: string): string {
  return `strftime(${x}, '%Y-%m-%d %H:%M:%S.%f')`;
}

/** JSON number text of a double; NaN and ±∞ as the strings 'NaN', 'Infinity', '-Infinity'. */
function doubleJson(x: string): string {
  return `CASE WHEN isnan(${x}) THEN '"NaN"' WHEN ${x} = 'inf'::DOUBLE THEN '"Infinity"' WHEN ${x} = '-inf'::DOUBLE THEN '"-Infinity"' ELSE CAST(${x} AS VARCHAR) END`;
}

/** The interval's stored fields: months, days and microseconds. */
function intervalJson(x: string): string {
  const months = `(datepart('year', ${x}) * 12 + datepart('month', ${x}))`;
  const micros = `(datepart('hour', ${x})::BIGINT * 3600000000 + datepart('minute', ${x})::BIGINT * 60000000 + datepart('microsecond', ${x}))`;
  return `'{"months":' || ${months} || ',"days":' || datepart('day', ${x}) || ',"micros":"' || ${micros} || '"}'`;
}

/**
 * JSON text of a value (never NULL: NULL is `null`): int64 with all its digits, decimals as
 * strings with their scale, binary as lowercase hex, dates and timestamps as canonical text,
 * lists and structs recursively (fields in declared order), intervals as {months, days, micros}.
 */
function jsonValue(x: string, t: DataType, depth: number): string {
  let text: string;
  switch (t.kind) {
    case 'bool':
      text = `CASE WHEN ${x} THEN 'true' ELSE 'false' END`;
      break;
    case 'int32':
    case 'int64':
      text = `CAST(${x} AS VARCHAR)`;
      break;
    case 'float64':
      text = doubleJson(x);
      break;
    case 'decimal':
    case 'date':
      text = `'"' || CAST(${x} AS VARCHAR) || '"'`;
      break;
    case 'timestamp':
      text = `'"' || ${timestampText(x)} || '"'`;
      break;
    case 'utf8':
      text = `CAST(to_json(${x}) AS VARCHAR)`;
      break;
    case 'binary':
      text = `'"' || lower(hex(${x})) || '"'`;
      break;
    case 'interval':
      text = intervalJson(x);
      break;
    case 'list': {
      const e = `e${depth}`;
      text = `'[' || array_to_string(list_transform(${x}, lambda ${e}: ${jsonValue(e, t.element, depth + 1)}), ',') || ']'`;
      break;
    }
    case 'struct': {
      const parts = t.fields.map((f, i) => `'${i === 0 ? '' : ','}' || ${duckdbStringLiteral(`${JSON.stringify(f.name)}:`)} || ${jsonValue(`struct_extract(${x}, ${duckdbStringLiteral(f.name)})`, f.type, depth)}`);
      text = `'{' || ${parts.length > 0 ? parts.join(' || ') : "''"} || '}'`;
      break;
    }
    case 'null':
      return `'null'`;
    default:
      return assertNever(t, 'type');
  }
  return `CASE WHEN ${x} IS NULL THEN 'null' ELSE ${text} END`;
}

/** CSV quoting: a field holding a delimiter, quote or line break, empty, or with edge spaces. */
function csvQuoted(text: string): string {
  return `CASE WHEN ${text} = '' OR regexp_matches(${text}, '[",\\r\\n]|^\\s|\\s$') THEN '"' || replace(${text}, '"', '""') || '"' ELSE ${text} END`;
}

/**
 * CSV text of a value (RFC 4180): NULL an empty unquoted field, the empty string `""`, binary
 * `\xHH` per byte (what DuckDB's BLOB cast reads back; an empty blob `""`), doubles in
 * shortest round-trip form with NaN / Infinity / -Infinity by name, lists, structs and
 * intervals as their JSON text.
 */
function csvCell(x: string, t: DataType): string {
  let text: string;
  switch (t.kind) {
    case 'utf8':
      text = csvQuoted(x);
      break;
    case 'bool':
      text = `CASE WHEN ${x} THEN 'true' ELSE 'false' END`;
      break;
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'date':
      text = `CAST(${x} AS VARCHAR)`;
      break;
    case 'float64':
      text = `CASE WHEN isnan(${x}) THEN 'NaN' WHEN ${x} = 'inf'::DOUBLE THEN 'Infinity' WHEN ${x} = '-inf'::DOUBLE THEN '-Infinity' ELSE CAST(${x} AS VARCHAR) END`;
      break;
    case 'timestamp':
      text = timestampText(x);
      break;
    case 'binary':
      text = `CASE WHEN octet_length(${x}) = 0 THEN '""' ELSE regexp_replace(hex(${x}), '(..)', '\\\\x\\1', 'g') END`;
      break;
    case 'interval':
    case 'list':
    case 'struct':
      text = csvQuoted(jsonValue(x, t, 0));
      break;
    case 'null':
      return `''`;
    default:
      return assertNever(t, 'type');
  }
  return `CASE WHEN ${x} IS NULL THEN '' ELSE ${text} END`;
}

/** The header line of a CSV output: the column names, quoted as fields are. */
function csvHeader(schema: Schema): string {
  return schema.map((f) => (/[",\r\n]|^\s|\s$|^$/.test(f.name) ? `"${f.name.replaceAll('"', '""')}"` : f.name)).join(',');
}

/**
 * `COPY (…) TO $<pathParam> (…)` writing the rows of `sql` in their order as `file.format`, the
 * columns named and typed as `schema` says. CSV and JSON Lines lines are built as text by the
 * SELECT (so their form is relc's, not the engine's CSV/JSON writer's) and written unquoted.
 * With `partitionBy`, the path is a directory of `<col>=<value>/data_0.<ext>` files (Hive style:
 * the partition columns are in the directory names, not in the files); Parquet files carry
 * `metadata` as key-value metadata.
 */
export function copySql(sql: string, schema: Schema, file: Pick<OutputFile, 'format' | 'metadata' | 'partitionBy'>, pathParam: number): string {
  const cols = positional(schema);
  const from = `FROM (${sql}) AS t(${cols.join(', ')})`;
  const target = `TO $${pathParam}`;
  const parts = new Set(file.partitionBy ?? []);
  const kept = schema.map((f, i) => ({ f, i })).filter(({ i }) => !parts.has(i));
  const partitionCols = [...parts].map((i) => `${cols[i]} AS ${q(schema[i]!.name)}`);
  const select = (items: readonly string[]) => [...items, ...partitionCols].join(', ');
  const partitioned = parts.size > 0 ? `, PARTITION_BY (${[...parts].map((i) => q(schema[i]!.name)).join(', ')}), FILENAME_PATTERN 'data_{i}'` : '';
  switch (file.format) {
    case 'parquet': {
      const items = kept.map(({ f, i }) => `CAST(${cols[i]} AS ${duckdbTypeName(f.type)}) AS ${q(f.name)}`);
      const entries = Object.entries(file.metadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const kv = entries.length > 0 ? `, KV_METADATA {${entries.map(([k, v]) => `${q(k)}: ${duckdbStringLiteral(v)}`).join(', ')}}` : '';
      return `COPY (SELECT ${select(items)} ${from}) ${target} (FORMAT parquet, COMPRESSION snappy${partitioned}${kv})`;
    }
    case 'csv': {
      const header = kept.map(({ f }) => f);
      const line = kept.map(({ f, i }) => csvCell(cols[i]!, f.type)).join(` || ',' || `);
      return `COPY (SELECT ${select([`${line} AS ${q(csvHeader(header))}`])} ${from}) ${target} (FORMAT csv, HEADER true, QUOTE '', ESCAPE '', DELIMITER '\t'${partitioned})`;
    }
    case 'json': {
      const members = kept.map(({ f, i }, k) => `${duckdbStringLiteral(`${k === 0 ? '{' : ','}${JSON.stringify(f.name)}:`)} || ${jsonValue(cols[i]!, f.type, 0)}`);
      const line = `${members.length > 0 ? members.join(' || ') : "'{'"} || '}'`;
      // Written through the CSV writer as unquoted lines: partition files are named .json all the same.
      const extension = parts.size > 0 ? ", FILE_EXTENSION 'json'" : '';
      return `COPY (SELECT ${select([`${line} AS line`])} ${from}) ${target} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t'${partitioned}${extension})`;
    }
    default:
      return assertNever(file.format, 'output format');
  }
}
