// Kysely queries as `sql` rules of a TypeScript pack: the query is built against the pack's own
// relations (a Kysely `Database` type made from the declared columns, so a misspelled table or
// column is a tsc error) and compiled by Kysely's PostgreSQL compiler into the PostgreSQL text a
// `sql` rule holds, its bound values written as SQL literals. The spec stays plain data: the
// same text in YAML compiles to the same view, signature and spec_hash.

import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { RelcError, type SourceLocation } from '../../ir/errors.ts';
import type { Relations, Row } from './types.ts';

/** The pack's relations as a Kysely database: table → row type. */
export type DatabaseOf<R extends Relations> = { [T in keyof R & string]: Row<R[T]> };

/** What a Kysely query builder is to relc here: something that compiles to SQL with parameters. */
export interface CompilableQuery {
  compile(): { readonly sql: string; readonly parameters: readonly unknown[] };
}

let cold: Kysely<never> | undefined;

/** A Kysely instance that only builds and compiles PostgreSQL queries (it connects to nothing). */
export function queryBuilder<DB>(): Kysely<DB> {
  cold ??= new Kysely<never>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return cold as unknown as Kysely<DB>;
}

function literal(v: unknown, n: number, site: SourceLocation | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RelcError('SPEC_BAD_VALUE', `Kysely value $${n} is ${v}, which has no SQL literal`, site ? { location: site } : {});
    return Number.isInteger(v) ? String(v) : `CAST(${String(v)} AS DOUBLE PRECISION)`;
  }
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (v instanceof Date) return `TIMESTAMP '${v.toISOString().replace('T', ' ').replace('Z', '')}'`;
  throw new RelcError('SPEC_BAD_VALUE', `Kysely value $${n} is a ${Object.prototype.toString.call(v).slice(8, -1)}, which a rule pack cannot hold as a literal`, site ? { location: site } : {});
}

/**
 * The query's PostgreSQL text with each `$n` placeholder replaced by its value as a literal
 * (placeholders inside quoted strings and identifiers are left alone).
 */
export function kyselyText(query: CompilableQuery, site: SourceLocation | undefined): string {
  const { sql, parameters } = query.compile();
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = ch === '$' ? /^\$(\d+)/.exec(sql.slice(i)) : null;
    if (m) {
      const n = Number(m[1]);
      if (n < 1 || n > parameters.length) throw new RelcError('SPEC_BAD_VALUE', `the Kysely query refers to $${n} but binds ${parameters.length} values`, site ? { location: site } : {});
      out += literal(parameters[n - 1], n, site);
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
