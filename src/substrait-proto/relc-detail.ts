// Encoding of relc's Any details (descriptor-relc.ts): type URLs, bytes in and out, through the
// same canonical codec as plans (equal details give equal bytes).

import { canonicalMessage, PlanCodecError } from './codec.ts';
import type { AnyMessage, NamedStruct, SLiteral, SType } from './messages.ts';
import { substraitRoot } from './root.ts';

export interface RecursiveRelDetail {
  readonly name?: string;
  readonly distinct?: boolean;
  /** 0 or absent: no limit. */
  readonly maxIterations?: number;
}

export interface RecursiveRefRelDetail {
  readonly name?: string;
  readonly schema?: NamedStruct;
}

export interface ParameterDetail {
  /** The DynamicParameter.parameter_reference its uses carry. */
  readonly anchor?: number;
  readonly name?: string;
  readonly type?: SType;
  /** Absent: no default. */
  readonly default?: SLiteral;
}

export interface ParametersDetail {
  readonly parameters?: readonly ParameterDetail[];
}

export interface DeclaredSchemaDetail {
  readonly schema?: NamedStruct;
}

export interface ImplicitCastsDetail {
  readonly failureBehavior?: string;
}

export interface ChainedCallsDetail {
  readonly anchors?: readonly number[];
}

export interface RelcDetails {
  readonly RecursiveRel: RecursiveRelDetail;
  readonly RecursiveRefRel: RecursiveRefRelDetail;
  readonly Parameters: ParametersDetail;
  readonly DeclaredSchema: DeclaredSchemaDetail;
  readonly ImplicitCasts: ImplicitCastsDetail;
  readonly ChainedCalls: ChainedCallsDetail;
}

export type RelcDetailName = keyof RelcDetails;

/**
 * The hint alias of relc's projection below an aggregate that computes the aggregate's grouping
 * keys and arguments that are expressions, for consumers that group and aggregate fields only
 * (a hint, as such consumers may refuse advanced extensions on it). No view name has a colon.
 */
export const AGGREGATE_INPUTS_ALIAS = 'relc:aggregate_inputs';

/**
 * The hint alias of the UNION ALL under an aggregate over every field that relc writes for a
 * UNION (distinct) to a consumer that runs UNION ALL only.
 */
export const UNION_DISTINCT_ALIAS = 'relc:union_distinct';

/** The type URL of a relc detail message (what Plan.expected_type_urls lists). */
export function relcTypeUrl(name: RelcDetailName): string {
  return `type.googleapis.com/relc.${name}`;
}

export const RELC_TYPE_URLS: readonly string[] = (['RecursiveRel', 'RecursiveRefRel', 'Parameters', 'DeclaredSchema', 'ImplicitCasts', 'ChainedCalls'] as const).map(relcTypeUrl);

export function encodeRelcDetail<K extends RelcDetailName>(name: K, detail: RelcDetails[K]): AnyMessage {
  const type = substraitRoot().lookupType(`relc.${name}`);
  const bytes = type.encode(type.fromObject(canonicalMessage(type, detail, name))).finish();
  return { typeUrl: relcTypeUrl(name), value: bytes };
}

/** The detail of `any` when it is relc's `name`, else undefined; malformed bytes throw PlanCodecError. */
export function decodeRelcDetail<K extends RelcDetailName>(name: K, any: AnyMessage | undefined, path: string): RelcDetails[K] | undefined {
  if (any?.typeUrl !== relcTypeUrl(name)) return undefined;
  const type = substraitRoot().lookupType(`relc.${name}`);
  const raw = any.value ?? new Uint8Array();
  const bytes = typeof raw === 'string' ? Uint8Array.from(Buffer.from(raw, 'base64')) : raw;
  try {
    return canonicalMessage(type, type.toObject(type.decode(bytes), { longs: String, enums: String, bytes: String }), path) as RelcDetails[K];
  } catch (err) {
    if (err instanceof PlanCodecError) throw err;
    throw new PlanCodecError(path, `malformed ${name} detail: ${err instanceof Error ? err.message : String(err)}`);
  }
}
