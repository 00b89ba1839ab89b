// Rule spec v1 — the ONE source of truth for the authoring format. The TS types
// of a parsed spec are inferred from it, the validator runs it, and grammar/relc-spec.v1.schema.json
// is generated from it (`npm run grammar`; a test fails when the checked-in file drifts).

import * as z from 'zod';

export const SPEC_VERSION = 1;

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an identifier: a letter or _ followed by letters, digits or _')
  .describe('An identifier: a letter or _ followed by letters, digits or _.');

const expression = z.string().min(1).describe('A scalar SQL expression (PostgreSQL syntax and semantics); `:name` is a parameter.');
const typeName = z.string().min(1).describe('A type: bool, int32, int64, float64, decimal(p,s), utf8, binary, date, timestamp, list<T>; a trailing ? makes it nullable.');
const description = z.string().describe('Free text for readers; not part of the semantics.').optional();
const sortItem = z.string().min(1).describe('An expression with optional asc|desc and nulls first|last, e.g. "score desc".');

const param = z
  .strictObject({
    type: typeName,
    default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional().describe('The value used when the run gives none.'),
    description,
  })
  .describe('A typed parameter, bound at execution (never spliced into SQL text).');

const input = z
  .strictObject({
    path: z.string().min(1).describe('The data file, relative to the spec file: .csv, .parquet, .json or .jsonl.'),
    format: z.enum(['csv', 'parquet', 'json', 'jsonl']).optional().describe('Defaults to the file extension.'),
    schema: z.record(identifier, typeName).describe('Column name → type, in file order.'),
    key: z.array(identifier).min(1).optional().describe('A declared unique key.'),
    description,
  })
  .describe('An input table read from a file with a declared schema.');

const ruleBase = { name: identifier.describe('The view this rule defines.'), description };
const source = identifier.describe('The relation read: an input or the view of another rule.');

const filterRule = z.strictObject({ ...ruleBase, kind: z.literal('filter'), from: source, where: expression });

const projectRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('project'),
  from: source,
  select: z.record(identifier, expression).describe('Output column → expression, in output order.'),
});

const relateRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('relate'),
  left: source,
  right: source,
  join: z.enum(['inner', 'left', 'right', 'full', 'semi', 'anti']).default('inner'),
  on: expression.describe('The join condition; `left.` and `right.` qualify the two sides.'),
  select: z.record(identifier, expression).optional().describe('Output column → expression over left./right.; semi and anti joins output the left columns.'),
});

const aggregateRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('aggregate'),
  from: source,
  group_by: z
    .union([z.array(expression), z.record(identifier, expression)])
    .default([])
    .describe('Group keys: column names, or a map of output name → expression.'),
  measures: z.record(identifier, expression).describe('Output column → aggregate expression, e.g. "count(*)", "max(score)", "sum(distinct x)".'),
});

const unionRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('union'),
  from: z.array(identifier).min(2).describe('The relations to combine; columns are matched by name.'),
  distinct: z.boolean().default(false).describe('true removes duplicate rows (UNION), false keeps them (UNION ALL).'),
  tag: identifier.optional().describe('Adds this column, holding the name of the relation each row came from.'),
});

const winnerRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('winner'),
  from: source,
  partition_by: z.array(expression).default([]),
  order_by: z.array(sortItem).optional().describe('Required and non-empty: the order that picks the winner of each partition.'),
  keep: z.number().int().min(1).default(1).describe('How many rows of each partition to keep.'),
});

const normalizeRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('normalize'),
  from: source,
  id: z.strictObject({ name: identifier, of: z.array(expression).min(1) }).describe('A stable id column computed with stable_id over `of`.'),
  span: z.tuple([identifier, identifier]).optional().describe('[start, end] byte offsets, integers: rows with a NULL bound or start > end are dropped.'),
  text: z.array(identifier).default([]).describe('Text columns normalized to Unicode NFC.'),
});

const sqlRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('sql'),
  sql: z.string().min(1).describe('A SELECT over the inputs and the other views (PostgreSQL dialect).'),
});

const recursiveRule = z.strictObject({
  ...ruleBase,
  kind: z.literal('recursive'),
  base: z.string().min(1).describe('A SELECT (PostgreSQL dialect) over any relation but this rule: the first rows. Its columns (names and types) are the rule\'s.'),
  step: z
    .string()
    .min(1)
    .describe('A SELECT (PostgreSQL dialect) that reads this rule\'s name exactly once (linear recursion): the rows the previous iteration added. Columns match the base\'s by position.'),
  union: z
    .enum(['distinct', 'all'])
    .default('distinct')
    .describe('distinct: set semantics (PostgreSQL UNION; a row already produced is not added again, which ends cycles); all: bag semantics (UNION ALL).'),
  max_iterations: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('How many step iterations may add rows; one more that would add a row is a RECURSION_LIMIT error at run time (never a silent cut).'),
});

export const ruleShape = z.discriminatedUnion('kind', [filterRule, projectRule, relateRule, aggregateRule, unionRule, winnerRule, normalizeRule, sqlRule, recursiveRule]);

const output = z.strictObject({
  name: identifier.describe('The output file name (without extension) in the run bundle.'),
  from: source,
  order_by: z.array(sortItem).default([]).describe('The row order of the written file; default: all columns.'),
  format: z.enum(['parquet', 'csv', 'json']).default('parquet').describe('The file format.'),
  key: z
    .array(identifier)
    .min(1)
    .optional()
    .describe('A declared unique key of the output (columns of the view): every run checks it before writing (OUTPUT_KEY_VIOLATION), and golden cases that run record it.'),
  partition_by: z
    .array(identifier)
    .min(1)
    .optional()
    .describe('Writes a Hive-partitioned dataset: outputs/<name>/<col>=<value>/data_0.<ext>, one directory level per column (the values are in the paths, not in the files). The content hash is that of the unpartitioned rows.'),
  description,
}).describe('A file the run writes: one view, in a format and a row order.');

const lane = z
  .string()
  .regex(/^(sql|shim)(:(duckdb|sqlite|postgres))?$/, 'a lane: sql or shim, alone or for one dialect (sql:duckdb, shim:sqlite)')
  .describe('An execution lane: `sql` (the engine\'s own SQL), `shim` (SQL calling relc\'s engine shims: SQLite JS functions, DuckDB macros), alone or for one dialect (`shim:sqlite`).');

const policy = z
  .strictObject({
    lanes: z.array(lane).min(1).optional().describe('The lanes a view may run on; default: every lane.'),
    shims: z.enum(['allow', 'forbid']).default('allow').describe("forbid: a view whose SQL needs one of relc's engine shims is a violation."),
    fallbacks: z
      .enum(['allow', 'forbid'])
      .optional()
      .describe("allow: a view the run's backend cannot express runs on another engine that can (what it reads copied there, its result back); forbid: that is a violation. Absent: BACKEND_UNSUPPORTED naming the engine that could."),
    on_violation: z.enum(['error', 'warn']).default('error').describe('error: a violation is a POLICY_VIOLATION error; warn: a warning, and the view runs (profile strict makes every warning an error).'),
    shim_row_limit: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Row-at-a-time JS shims (SQLite) are a violation for a view reading more rows than this (the sum of the row counts of the inputs and views it reads).'),
    ambiguity_columns: z
      .array(identifier)
      .min(1)
      .optional()
      .describe('Columns every rule that can produce several candidates (winner; relate whose condition does not pin a declared key of its right side) must output.'),
    input_keys: z
      .enum(['error', 'warn'])
      .default('error')
      .describe('warn: a declared input key with duplicate values is a warning, not INPUT_KEY_VIOLATION; keys are then not trusted to make orders total.'),
    description,
  })
  .describe('What a run of the pack may do: execution lanes, shims, fallbacks, row limits, required columns.');

export const specShape = z
  .strictObject({
    relc: z.literal(SPEC_VERSION).describe('The format version.'),
    name: identifier.describe("The rule pack's name."),
    description,
    profile: z.enum(['default', 'strict', 'low_latency', 'replay']).default('default').describe('The optimizer pipeline; strict also turns determinism warnings into errors.'),
    params: z.record(identifier, param).default({}).describe('Parameter name → declaration.'),
    inputs: z.record(identifier, input).default({}).describe('Input table name → declaration.'),
    rules: z.array(ruleShape).default([]).describe('The rules, each defining one view; their order does not matter.'),
    outputs: z.array(output).default([]).describe('The files a run writes.'),
    policy: policy.optional().describe('Execution policy; absent: every lane, shim and fallback allowed, key violations are errors.'),
  })
  .describe('A relc rule pack (spec v1).');

export type Spec = z.infer<typeof specShape>;
export type RuleSpec = z.infer<typeof ruleShape>;
export type RuleKind = RuleSpec['kind'];
export type InputSpec = z.infer<typeof input>;
export type OutputSpec = z.infer<typeof output>;
export type ParamSpec = z.infer<typeof param>;
export type PolicySpec = z.infer<typeof policy>;

/** The JSON Schema of the format (draft 2020-12), as checked in under grammar/. */
export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specShape, { io: 'input' }),
    $id: 'https://relc.dev/grammar/relc-spec.v1.schema.json',
    title: 'relc rule spec v1',
  };
}
