// Binary and proto3-JSON encoding of Substrait plans over the hand-written descriptors.
// The object form (messages.ts) is the proto3 JSON mapping; canonical output lists fields in
// field-number order and omits proto3 defaults (outside oneofs), so equal plans give equal
// bytes and equal text.

import protobuf from 'protobufjs';
import { messageType, substraitRoot } from './root.ts';
import type { SubstraitPlan } from './messages.ts';

/** A malformed plan: `path` locates the offending part (e.g. `relations[0].root.input.project`). */
export class PlanCodecError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'PlanCodecError';
    this.path = path;
  }
}

const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function isDefault(field: protobuf.Field, v: unknown): boolean {
  if (field.resolvedType instanceof protobuf.Type) return false; // message presence is meaningful
  if (field.resolvedType instanceof protobuf.Enum) return v === 0 || v === Object.keys(field.resolvedType.values)[0];
  if (v === 0 || v === '0' || v === false || v === '') return true;
  if (v instanceof Uint8Array) return v.length === 0;
  return false;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function scalarJson(field: protobuf.Field, v: unknown, path: string): unknown {
  if (field.resolvedType instanceof protobuf.Enum) {
    if (typeof v === 'number') {
      const name = field.resolvedType.valuesById[v];
      return name ?? v;
    }
    if (typeof v === 'string' && v in field.resolvedType.values) return v;
    throw new PlanCodecError(path, `invalid value ${JSON.stringify(v)} for enum ${field.resolvedType.name}`);
  }
  if (INT64.has(field.type)) {
    const s = typeof v === 'object' && v !== null ? String(v) : String(v);
    if (!/^-?\d+$/.test(s)) throw new PlanCodecError(path, `invalid 64-bit integer ${JSON.stringify(v)}`);
    return s.replace(/^(-?)0+(?=\d)/, '$1');
  }
  if (field.type === 'double' || field.type === 'float') {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || (Number.isNaN(n) && v !== 'NaN' && !Number.isNaN(v))) throw new PlanCodecError(path, `invalid number ${JSON.stringify(v)}`);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return n;
  }
  if (field.type === 'bytes') {
    if (v instanceof Uint8Array) return base64(v);
    if (typeof v === 'string') return v;
    throw new PlanCodecError(path, 'bytes expected');
  }
  if (field.type === 'bool') {
    if (typeof v !== 'boolean') throw new PlanCodecError(path, 'boolean expected');
    return v;
  }
  if (field.type === 'string') {
    if (typeof v !== 'string') throw new PlanCodecError(path, 'string expected');
    return v;
  }
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new PlanCodecError(path, `integer expected, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * The canonical proto3-JSON value of `obj` as a message of `type`: keys in field-number order,
 * defaults dropped, enums by name, 64-bit integers as strings. Unknown keys are an error.
 */
export function canonicalMessage(type: protobuf.Type, obj: unknown, path: string): Record<string, unknown> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new PlanCodecError(path, `${type.name} object expected`);
  const src = obj as Record<string, unknown>;
  // The fields set, in number order: a message holds a few of its type's fields (an Expression
  // one of a dozen alternatives), so walking its own keys beats walking every field of the type.
  const present: protobuf.Field[] = [];
  for (const key of Object.keys(src)) {
    const v = src[key];
    if (!Object.hasOwn(type.fields, key)) {
      if (v !== undefined) throw new PlanCodecError(path, `unknown field ${key} in ${type.name}`);
      continue;
    }
    if (v !== undefined && v !== null) present.push(type.fields[key]!);
  }
  if (present.length > 1) present.sort((a, b) => a.id - b.id);
  const out: Record<string, unknown> = {};
  let setOneofs: Map<string, string> | undefined;
  for (const field of present) {
    const v = src[field.name];
    const here = path ? `${path}.${field.name}` : field.name;
    const oneof = field.partOf?.name;
    if (oneof) {
      const other = (setOneofs ??= new Map()).get(oneof);
      if (other) throw new PlanCodecError(here, `both ${other} and ${field.name} of oneof ${oneof} are set`);
      setOneofs.set(oneof, field.name);
    }
    const conv = (x: unknown, p: string) =>
      field.resolvedType instanceof protobuf.Type ? canonicalMessage(field.resolvedType, x, p) : scalarJson(field, x, p);
    if (field.repeated) {
      if (!Array.isArray(v)) throw new PlanCodecError(here, 'array expected');
      if (v.length === 0) continue;
      out[field.name] = v.map((x, i) => conv(x, `${here}[${i}]`));
      continue;
    }
    if (!oneof && isDefault(field, v)) continue;
    out[field.name] = conv(v, here);
  }
  return out;
}

function planType(): protobuf.Type {
  return messageType('Plan');
}

/** Canonical object form of a plan (validated against the descriptors). */
export function canonicalPlan(plan: SubstraitPlan): SubstraitPlan {
  return canonicalMessage(planType(), plan, '') as SubstraitPlan;
}

/** Protobuf binary encoding (fields in number order, proto3 defaults omitted). */
export function encodeBinary(plan: SubstraitPlan): Uint8Array {
  return writeMessage(planType(), canonicalPlan(plan) as unknown as Record<string, unknown>, protobuf.Writer.create()).finish();
}

/**
 * protobufjs's own path to the same bytes: `fromObject` into message instances, then its
 * generated encoder. Kept as the reference the direct writer is tested against.
 */
export function encodeBinaryViaMessages(plan: SubstraitPlan): Uint8Array {
  const type = planType();
  return type.encode(type.fromObject(canonicalPlan(plan))).finish();
}

/** The `long` package protobufjs depends on (64-bit values as two halves), when it is installed. */
const Long = protobuf.util.Long as unknown as { fromString(s: string): unknown } | undefined;

/**
 * A canonical scalar (canonicalMessage's form: enums by name, 64-bit integers as decimal
 * strings, non-finite doubles as their names, bytes as base64) as the writer takes it, converted
 * as protobufjs's `fromObject` converts it.
 */
function writerValue(field: protobuf.Field, scalar: string, v: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Enum) return typeof v === 'number' ? v : field.resolvedType.values[v as string];
  switch (scalar) {
    case 'int64': case 'uint64': case 'sint64': case 'fixed64': case 'sfixed64':
      return Long ? Long.fromString(String(v)) : Number(v);
    case 'double': case 'float':
      return Number(v);
    case 'uint32': case 'fixed32':
      return (v as number) >>> 0;
    case 'int32': case 'sint32': case 'sfixed32':
      return (v as number) | 0;
    default:
      return v; // bool, string, bytes (the writer decodes a base64 string itself)
  }
}

type ScalarWriter = (this: protobuf.Writer, v: unknown) => protobuf.Writer;

/**
 * Writes a canonical message as protobuf binary straight from its object form, with the bytes
 * protobufjs's generated encoder gives (fields in number order, which is the canonical key
 * order; packed scalars where it packs them), without building message instances or generating
 * code per type: the Substrait plan of every view is encoded for the run's diagnostics, so this
 * is on every run's path.
 */
function writeMessage(type: protobuf.Type, canon: Record<string, unknown>, w: protobuf.Writer): protobuf.Writer {
  for (const name of Object.keys(canon)) {
    const field = type.fields[name]!;
    const v = canon[name];
    if (field.resolvedType instanceof protobuf.Type) {
      const sub = field.resolvedType;
      const tag = ((field.id << 3) | 2) >>> 0;
      if (field.repeated) for (const x of v as Record<string, unknown>[]) writeMessage(sub, x, w.uint32(tag).fork()).ldelim();
      else writeMessage(sub, v as Record<string, unknown>, w.uint32(tag).fork()).ldelim();
      continue;
    }
    const scalar = field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type;
    const write = (w as unknown as Record<string, ScalarWriter>)[scalar]!;
    const wire = (protobuf.types.basic as Record<string, number>)[scalar]!;
    if (!field.repeated) {
      write.call(w.uint32(((field.id << 3) | wire) >>> 0), writerValue(field, scalar, v));
    } else if (field.packed && (protobuf.types.packed as Record<string, number | undefined>)[scalar] !== undefined) {
      w.uint32(((field.id << 3) | 2) >>> 0).fork();
      for (const x of v as unknown[]) write.call(w, writerValue(field, scalar, x));
      w.ldelim();
    } else {
      for (const x of v as unknown[]) write.call(w.uint32(((field.id << 3) | wire) >>> 0), writerValue(field, scalar, x));
    }
  }
  return w;
}

/** Canonical proto3 JSON text (2-space indented, trailing newline). */
export function encodeJson(plan: SubstraitPlan): string {
  return `${JSON.stringify(anyToJson(canonicalPlan(plan), ''), null, 2)}\n`;
}

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The message type of an Any's type URL: one of relc's details (package relc), else undefined. */
function anyType(typeUrl: string): protobuf.Type | undefined {
  if (!typeUrl.startsWith(`${TYPE_URL_PREFIX}relc.`)) return undefined;
  try {
    return substraitRoot().lookupType(typeUrl.slice(TYPE_URL_PREFIX.length));
  } catch {
    return undefined;
  }
}

const isAny = (o: Record<string, unknown>) => typeof o['typeUrl'] === 'string' && Object.keys(o).every((k) => k === 'typeUrl' || k === 'value');

/**
 * proto3 JSON writes an Any as `{"@type": url, …the message's own fields}`: relc's details are
 * written so (they are in relc's descriptors); an Any of another type keeps its bytes.
 */
function anyToJson(v: unknown, path: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => anyToJson(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const type = isAny(o) ? anyType(o['typeUrl'] as string) : undefined;
  if (type) {
    const bytes = Uint8Array.from(Buffer.from(String(o['value'] ?? ''), 'base64'));
    let fields: Record<string, unknown>;
    try {
      fields = canonicalMessage(type, type.toObject(type.decode(bytes), TO_OBJECT), path) as Record<string, unknown>;
    } catch {
      return o; // bytes that are no such message stay bytes (whoever reads the detail reports them)
    }
    return { '@type': o['typeUrl'], ...(anyToJson(fields, path) as Record<string, unknown>) };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, anyToJson(x, path ? `${path}.${k}` : k)]));
}

/** The reverse of anyToJson: an `{"@type": url, …}` object becomes the Any's type URL and bytes. */
function anyFromJson(v: unknown, path: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => anyFromJson(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o['@type'] === 'string') {
    const url = o['@type'];
    const type = anyType(url);
    // A type relc has no descriptor for keeps its URL: whoever reads the Any reports it.
    if (!type) return { typeUrl: url };
    const { '@type': _url, ...fields } = o;
    const message = type.fromObject(canonicalMessage(type, anyFromJson(fields, path), path));
    return { typeUrl: url, value: Buffer.from(type.encode(message).finish()).toString('base64') };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, anyFromJson(x, path ? `${path}.${k}` : k)]));
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String };

/** Decodes protobuf bytes; a malformed or truncated input throws PlanCodecError with a path. */
export function decodeBinary(bytes: Uint8Array): SubstraitPlan {
  const type = planType();
  let message: protobuf.Message;
  try {
    message = type.decode(bytes);
  } catch (err) {
    const where = locateWireError(type, bytes);
    throw new PlanCodecError(where.path, `malformed protobuf: ${where.message ?? (err instanceof Error ? err.message : String(err))}`);
  }
  return canonicalMessage(type, type.toObject(message, TO_OBJECT), '') as SubstraitPlan;
}

function camelKey(k: string): string {
  return k.includes('_') ? k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : k;
}

/** Accepts both the lowerCamelCase and the original snake_case field names, as proto3 JSON does. */
function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camelKey(k), camelKeys(x)]));
  }
  return v;
}

/** Parses proto3 JSON text into the canonical object form. */
export function decodeJson(text: string): SubstraitPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PlanCodecError('', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return canonicalMessage(planType(), anyFromJson(camelKeys(parsed), ''), '') as SubstraitPlan;
}

/**
 * Walks the wire format against the descriptors to find where decoding fails, so that a
 * truncated or corrupted plan is reported with a path (`relations[0].root.input.filter`).
 */
function locateWireError(type: protobuf.Type, bytes: Uint8Array): { path: string; message?: string } {
  const reader = protobuf.Reader.create(bytes);
  try {
    walk(type, reader, bytes.length, '');
    return { path: '' };
  } catch (err) {
    if (err instanceof PlanCodecError) return { path: err.path, message: err.message };
    return { path: '' };
  }
}

function walk(type: protobuf.Type, reader: protobuf.Reader, end: number, path: string): void {
  const counts = new Map<number, number>();
  while (reader.pos < end) {
    const tagAt = reader.pos;
    let tag: number;
    try {
      tag = reader.uint32();
    } catch {
      throw new PlanCodecError(path, `truncated field tag at byte ${tagAt}`);
    }
    const id = tag >>> 3;
    const wire = tag & 7;
    const field = type.fieldsById[id];
    const index = counts.get(id) ?? 0;
    counts.set(id, index + 1);
    const name = field ? (field.repeated ? `${field.name}[${index}]` : field.name) : `#${id}`;
    const here = path ? `${path}.${name}` : name;
    if (id === 0 || wire === 6 || wire === 7) throw new PlanCodecError(here, `invalid field tag (field ${id}, wire type ${wire}) at byte ${tagAt}`);
    if (field && field.resolvedType instanceof protobuf.Type && wire === 2) {
      let len: number;
      try {
        len = reader.uint32();
      } catch {
        throw new PlanCodecError(here, `truncated length at byte ${reader.pos}`);
      }
      if (reader.pos + len > end) {
        // Look inside what is present: the deepest truncated message is the most useful path.
        const present = end - reader.pos;
        walk(field.resolvedType, reader, end, here);
        throw new PlanCodecError(here, `truncated message: ${len} bytes declared, ${present} present`);
      }
      walk(field.resolvedType, reader, reader.pos + len, here);
      continue;
    }
    try {
      reader.skipType(wire);
    } catch {
      throw new PlanCodecError(here, `truncated value at byte ${tagAt}`);
    }
    if (reader.pos > end) throw new PlanCodecError(here, `value runs past the end of its message`);
  }
}
