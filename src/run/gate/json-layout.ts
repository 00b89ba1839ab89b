// JSON laid out for review: a value whose one-line form fits in WIDTH columns after its
// indentation stays on one line, a larger one opens an indented line per member. Still JSON
// (any parser reads it back to the same value), and a change shows as a few short lines in a
// diff, not as dozens of one-token lines.

const WIDTH = 130;
const INDENT = '  ';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** `value` laid out, members in their given order; the width is counted after the indentation. */
export function layoutJson(value: unknown): string {
  return layout(value as Json, '', 0);
}

/** One-line JSON with a space after each `:` and `,` (the form a value takes when it fits). */
function flat(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Json>);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${flat(v)}`).join(', ')}}`;
}

/** `value` starting `used` columns into a line indented by `indent` (its members one step more). */
function layout(value: Json, indent: string, used: number): string {
  const one = flat(value);
  if (value === null || typeof value !== 'object' || used - indent.length + one.length <= WIDTH) return one;
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + layout(v, inner, inner.length + 1)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, Json>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => {
    const head = `${inner}${JSON.stringify(k)}: `;
    return head + layout(v, inner, head.length + 1);
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
