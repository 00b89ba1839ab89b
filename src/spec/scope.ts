// What a rule's expressions see: the named relations built so far (inputs as scans, views as
// refs), their declared keys, and the program's parameters.

import { RelcError, type DataType, type Rel, type Schema, type SortKey, type Expr, type SourceLocation } from '../ir/index.ts';
import { parseScalar, type Catalog, type ExprScope } from '../sql/index.ts';
import type { PathKey } from './source.ts';

export interface RelationEntry {
  readonly rel: Rel; // a scan (input) or a ref (view)
  readonly schema: Schema;
  /** Column-name sets known to be unique (declared keys, group keys), for determinism checks. */
  readonly keys: readonly (readonly string[])[];
}

export type ParamTypes = ReadonlyMap<string, { type: DataType; nullable: boolean }>;

/** One relation, its columns unqualified or qualified by the relation's name. */
export function singleScope(name: string, schema: Schema, params: ParamTypes): ExprScope {
  return { relations: [{ alias: name, fields: schema, offset: 0 }], params };
}

const SORT_SUFFIX = /^(.*?)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$/is;

/** `"score desc nulls last"` → a sort key with explicit null order (PostgreSQL defaults). */
export function parseSortItem(text: string, scope: ExprScope, origin: SourceLocation): SortKey {
  const m = SORT_SUFFIX.exec(text)!;
  const body = m[1]!.trim();
  if (body === '') throw new RelcError('SPEC_BAD_VALUE', `sort item '${text}' names no expression`, { location: origin });
  const direction = (m[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc';
  const nulls = (m[3]?.toLowerCase() ?? (direction === 'asc' ? 'last' : 'first')) as 'first' | 'last';
  const expr: Expr = parseScalar(body, scope, { origin });
  return { expr, direction, nulls };
}

/** What a rule builder (rules.ts, recursive-rule.ts) is handed. */
export interface RuleContext {
  readonly params: ParamTypes;
  readonly strict: boolean;
  /** The relation a name denotes (building a rule on demand); throws UNKNOWN_RELATION / CYCLE. */
  relation(name: string, at: readonly PathKey[]): RelationEntry;
  catalog(at: readonly PathKey[]): Catalog;
  /** Location of the value at a path relative to this rule; `text` = where a string's text starts. */
  at(path: readonly PathKey[], text?: boolean): SourceLocation;
  /** Location of the key `key` of the map at `path` relative to this rule. */
  atKey(path: readonly PathKey[], key: string): SourceLocation;
  warn(code: 'NONDETERMINISTIC_ORDER', message: string, location: SourceLocation): void;
}

export interface BuiltRule {
  readonly rel: Rel;
  readonly keys: readonly (readonly string[])[];
  /** Why the rule can produce several candidates for one row (policy.ambiguity_columns applies), if it can. */
  readonly candidates?: string;
}
