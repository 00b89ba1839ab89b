// A tiny DSL for writing protobufjs JSON descriptors by hand: `msg({ name: f(1, 'string') })`.
// Field names are the proto3 JSON names (lowerCamelCase), so protobufjs objects and the
// canonical JSON mapping use the same keys.

export interface FieldJson {
  readonly id: number;
  readonly type: string;
  readonly rule?: 'repeated';
  readonly options?: { readonly deprecated?: boolean };
}

export interface MessageJson {
  readonly fields: Record<string, FieldJson>;
  readonly oneofs?: Record<string, { readonly oneof: readonly string[] }>;
  readonly nested?: Record<string, MessageJson | EnumJson>;
}

export interface EnumJson {
  readonly values: Record<string, number>;
}

/** A singular field. */
export function f(id: number, type: string): FieldJson {
  return { id, type };
}

/** A repeated field (packed when scalar: the proto3 default). */
export function rep(id: number, type: string): FieldJson {
  return { id, type, rule: 'repeated' };
}

/** A field the Substrait specification marks deprecated (still read and, where noted, written). */
export function dep(field: FieldJson): FieldJson {
  return { ...field, options: { deprecated: true } };
}

/**
 * A message. `oneofs` maps a oneof name to its member field names (each must be in `fields`).
 */
export function msg(
  fields: Record<string, FieldJson>,
  extra: { oneofs?: Record<string, readonly string[]>; nested?: Record<string, MessageJson | EnumJson> } = {},
): MessageJson {
  const oneofs = extra.oneofs
    ? Object.fromEntries(Object.entries(extra.oneofs).map(([k, v]) => [k, { oneof: v }]))
    : undefined;
  return { fields, ...(oneofs ? { oneofs } : {}), ...(extra.nested ? { nested: extra.nested } : {}) };
}

export function enm(values: Record<string, number>): EnumJson {
  return { values };
}

/** The `{type_variation_reference, nullability}` body most Substrait type messages share. */
export const NULLABLE_KIND = msg({ typeVariationReference: f(1, 'uint32'), nullability: f(2, 'Nullability') });
