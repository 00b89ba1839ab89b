// What Spark names an unaliased select-list expression: the pretty SQL of its analysed
// expression (Catalyst's toPrettySQL), re-created here for the forms whose text is known and
// checked on PySpark (test/spark.test.ts); anything else is null and left to the engine.
//   - a column is its last identifier; a cast is named as the column it casts (`a`);
//   - literals print bare: `1`, `1.50`, `hi` (a string without its quotes), `NULL`, `true`,
//     `DATE '2020-01-01'`;
//   - operators in parentheses, `<>` as `(NOT (a = 1))`, `||` as `concat(a, b)`, BETWEEN as the
//     call `between(a, 1, 2)`; LIKE without them (`c LIKE x%`);
//   - CASE with each WHEN a condition (`CASE WHEN (a = 1) THEN p ELSE q END`);
//   - calls of the functions below by their own name, count(*) as count(1).

import type { SqlExpr } from './ast.ts';
import { allNamed } from './duckdb-names.ts';

const BINARY: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '=', '<', '>', '<=', '>=']);

/** Functions Spark names `fn(args)` as written, with these argument counts (substr and others add defaults). */
const CALLS: Readonly<Record<string, readonly number[]>> = {
  coalesce: [1, 2, 3, 4, 5, 6, 7, 8], upper: [1], lower: [1], length: [1], abs: [1], round: [2], substring: [3], nullif: [2],
  greatest: [2, 3, 4, 5, 6, 7, 8], least: [2, 3, 4, 5, 6, 7, 8], concat: [1, 2, 3, 4, 5, 6, 7, 8], ifnull: [2], nvl: [2],
  sum: [1], avg: [1], max: [1], min: [1], count: [1],
};

const INT32_MAX = 2147483647;

function literalNumber(text: string): string | null {
  if (/^\d+$/.test(text)) return Number(text) <= INT32_MAX ? String(Number(text)) : null;
  return /^\d+\.\d+$/.test(text) && text.length <= 19 ? text : null;
}

const all = (xs: readonly SqlExpr[]): string[] | null => allNamed(xs, sparkName);

export function sparkName(e: SqlExpr): string | null {
  switch (e.k) {
    case 'column':
      return e.parts[e.parts.length - 1]!.value;
    case 'number':
      return literalNumber(e.text);
    case 'string':
      return e.value;
    case 'null':
      return 'NULL';
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'typed':
      // Spark prints the value it parsed (`TIMESTAMP '2020-01-01'` is `… 00:00:00'`): only the full forms are known.
      if (e.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(e.value)) return `DATE '${e.value}'`;
      if (e.type !== 'timestamp') return null;
      if (/^\d{4}-\d{2}-\d{2}$/.test(e.value)) return `TIMESTAMP '${e.value} 00:00:00'`;
      return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(e.value) ? `TIMESTAMP '${e.value}'` : null;
    case 'cast':
      return e.arg.k === 'column' ? sparkName(e.arg) : null;
    case 'unary': {
      if (e.op !== 'not' && e.op !== '-') return null;
      if (e.op === '-' && e.arg.k === 'number') return null; // a negative literal
      const arg = sparkName(e.arg);
      return arg === null ? null : e.op === 'not' ? `(NOT ${arg})` : `(- ${arg})`;
    }
    case 'binary': {
      const [l, r] = [sparkName(e.left), sparkName(e.right)];
      if (l === null || r === null) return null;
      if (e.op === '<>' || e.op === '!=') return `(NOT (${l} = ${r}))`;
      if (e.op === '||') return `concat(${l}, ${r})`;
      return BINARY.has(e.op) ? `(${l} ${e.op} ${r})` : null;
    }
    case 'logical': {
      // Spark's AND/OR are binary, nested to the left: ((a AND b) AND c).
      const args = all(e.args);
      return args === null ? null : args.slice(1).reduce((acc, a) => `(${acc} ${e.op.toUpperCase()} ${a})`, args[0]!);
    }
    case 'is': {
      const arg = sparkName(e.arg);
      return arg === null || e.test !== 'null' ? null : `(${arg} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    }
    case 'between': {
      const parts = e.negated ? null : all([e.arg, e.low, e.high]);
      return parts === null ? null : `between(${parts.join(', ')})`;
    }
    case 'in': {
      const parts = e.negated ? null : all([e.arg, ...e.list]);
      return parts === null ? null : `(${parts[0]} IN (${parts.slice(1).join(', ')}))`;
    }
    case 'like': {
      const parts = e.negated || e.caseInsensitive || e.escape !== null ? null : all([e.arg, e.pattern]);
      return parts === null ? null : `${parts[0]} LIKE ${parts[1]}`;
    }
    case 'case': {
      const operand = e.operand === null ? null : sparkName(e.operand);
      if (e.operand !== null && operand === null) return null;
      let text = 'CASE';
      for (const w of e.whens) {
        const [when, then] = [sparkName(w.when), sparkName(w.then)];
        if (when === null || then === null) return null;
        text += ` WHEN ${operand === null ? when : `(${operand} = ${when})`} THEN ${then}`;
      }
      const otherwise = e.else === null ? '' : sparkName(e.else);
      return otherwise === null ? null : `${text}${otherwise ? ` ELSE ${otherwise}` : ''} END`;
    }
    case 'func': {
      const name = e.name.value.toLowerCase();
      // SUBSTRING(s FROM i FOR n) and substring(s, i, n) are both the call; TRIM(… FROM s), POSITION(… IN …) are not.
      if (e.filter || e.over || e.orderBy?.length || e.withinGroup || (e.syntax && e.syntax !== 'substring') || e.name.quoted) return null;
      if (e.star) return name === 'count' && !e.distinct && e.args.length === 0 ? 'count(1)' : null;
      if (!CALLS[name]?.includes(e.args.length) || (e.distinct && name !== 'count')) return null;
      const args = all(e.args);
      return args === null ? null : `${name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
    }
    default:
      return null;
  }
}
