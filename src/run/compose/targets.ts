// What `compile` and `transpile` can emit: one table of targets, light enough for the CLI's flag
// definitions to read without loading the compiler. Each target names its kind; the emitter of a
// kind is in emit.ts. A new target is one row here (and, for a new kind, one emitter there).
import type { Dialect } from '../../ir/index.ts';

export type TargetKind = 'sql' | 'ir' | 'plan' | 'substrait';

export interface TargetDef {
  readonly kind: TargetKind;
  /** SQL targets: the dialect printed. */
  readonly dialect?: Dialect;
  /** Substrait targets: protobuf bytes or canonical proto3 JSON. */
  readonly encoding?: 'binary' | 'json';
  /** The commands that offer it. */
  readonly commands: readonly ('compile' | 'transpile')[];
  /**
   * SQL targets `relc validate` compiles every view for (a pack must lower for them). Spark is a
   * target a pack opts into: `relc compile --target spark` reports what it cannot express.
   */
  readonly validated?: boolean;
}

const BOTH = ['compile', 'transpile'] as const;

export const TARGETS = {
  duckdb: { kind: 'sql', dialect: 'duckdb', commands: BOTH, validated: true },
  sqlite: { kind: 'sql', dialect: 'sqlite', commands: BOTH, validated: true },
  postgres: { kind: 'sql', dialect: 'postgres', commands: BOTH, validated: true },
  spark: { kind: 'sql', dialect: 'spark', commands: BOTH },
  ir: { kind: 'ir', commands: BOTH },
  plan: { kind: 'plan', commands: BOTH },
  substrait: { kind: 'substrait', encoding: 'binary', commands: BOTH },
  'substrait-json': { kind: 'substrait', encoding: 'json', commands: BOTH },
} as const satisfies Record<string, TargetDef>;

export type Target = keyof typeof TARGETS;

const offeredBy = (command: 'compile' | 'transpile') => (Object.keys(TARGETS) as Target[]).filter((t) => (TARGETS[t].commands as readonly string[]).includes(command));

export type CompileTarget = Target;
export const COMPILE_TARGETS: readonly CompileTarget[] = offeredBy('compile');

export type TranspileTarget = Target;
export const TRANSPILE_TARGETS: readonly TranspileTarget[] = offeredBy('transpile');

/** The SQL dialects `relc validate` lowers every view for. */
export const VALIDATED_DIALECTS: readonly Dialect[] = Object.values(TARGETS as Record<string, TargetDef>).flatMap((t) => (t.validated && t.dialect ? [t.dialect] : []));

/** The definition of a target (the table is closed: every name has one). */
export function targetDef(target: Target): TargetDef {
  return TARGETS[target];
}
