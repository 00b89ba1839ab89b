// Null-rejection analysis: does a predicate evaluate to NULL or false whenever a given set of
// columns is all NULL (the row an outer join pads for a missing match)? Only then may a filter
// above the outer join turn it into an inner one. Conservative: "don't know" is "no".

import { lookupFunction, type Expr } from '../ir/index.ts';

/** What is known about an expression's value when the chosen columns are NULL. */
type Known = 'null' | 'false' | 'null_or_false' | 'unknown';

const rejects = (k: Known) => k !== 'unknown';

function known(e: Expr, isNullCol: (i: number) => boolean): Known {
  const rec = (x: Expr) => known(x, isNullCol);
  switch (e.kind) {
    case 'col':
      return isNullCol(e.index) ? 'null' : 'unknown';
    case 'lit':
      return e.value === null ? 'null' : e.value === false ? 'false' : 'unknown';
    case 'call': {
      const def = lookupFunction(e.fn);
      if (!def) return 'unknown';
      if (e.fn === 'and') return e.args.map(rec).some(rejects) ? 'null_or_false' : 'unknown';
      if (e.fn === 'or') return e.args.map(rec).every(rejects) ? 'null_or_false' : 'unknown';
      // A NULL argument of a strict function (comparison, arithmetic, NOT, …) gives NULL.
      if (def.nulls === 'propagate' && e.args.some((a) => rec(a) === 'null')) return 'null';
      return 'unknown';
    }
    case 'cast':
      return rec(e.expr) === 'null' ? 'null' : 'unknown';
    case 'isnull':
      // IS NOT NULL of a NULL is false; IS NULL of it is true.
      return e.negated && rec(e.expr) === 'null' ? 'false' : 'unknown';
    case 'in':
      return rec(e.expr) === 'null' ? 'null' : 'unknown';
    case 'like':
      return rec(e.expr) === 'null' || rec(e.pattern) === 'null' ? 'null' : 'unknown';
    case 'case':
    case 'outer':
    case 'param':
    case 'subquery':
      return 'unknown';
  }
}

/** True when `pred` is NULL or false on every row whose columns `cols` are all NULL. */
export function isNullRejecting(pred: Expr, cols: (i: number) => boolean): boolean {
  return rejects(known(pred, cols));
}
