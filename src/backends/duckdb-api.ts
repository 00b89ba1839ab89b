// DuckDB's node-api, loaded with require(). The package is CommonJS: an ES `import` of it makes
// Node run its CommonJS export lexer over each of the package's ~120 files first, which took
// 0.1–0.3 s of every command that opens DuckDB (`relc diag`, `run`, `build`) on the 2-core
// development machine; require() loads the same module without that pass. Every use of DuckDB in
// src/ takes its values from here (types may still come from the package: they are erased).

import { createRequire } from 'node:module';

const api = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export const {
  version,
  DuckDBInstance, DuckDBConnection, DuckDBDataChunk, DuckDBTypeId,
  BIGINT, BLOB, BOOLEAN, DATE, DECIMAL, DOUBLE, INTEGER, INTERVAL, LIST, SQLNULL, STRUCT, TIMESTAMP, VARCHAR,
  blobValue, dateValue, decimalValue, intervalValue, listValue, structValue, timestampValue,
  DuckDBArrayValue, DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue, DuckDBListValue, DuckDBStructValue,
  DuckDBTimestampMillisecondsValue, DuckDBTimestampNanosecondsValue, DuckDBTimestampSecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue,
} = api;

// The classes are types too.
export type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;
export type DuckDBConnection = import('@duckdb/node-api').DuckDBConnection;
export type DuckDBDataChunk = import('@duckdb/node-api').DuckDBDataChunk;
export type DuckDBTypeId = import('@duckdb/node-api').DuckDBTypeId;
export type { DuckDBAppender, DuckDBDecimalType, DuckDBType, DuckDBValue } from '@duckdb/node-api';
