// The spec-format reference page (grammar/SPEC.md), written from the JSON Schema that format.ts
// generates: every top-level key, params, inputs, outputs and one table per rule kind. Nothing in
// it is typed by hand, so it cannot drift from the validator (`npm run grammar --check`).

import { specJsonSchema, SPEC_VERSION } from './format.ts';

interface Schema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly additionalProperties?: Schema | boolean;
  readonly propertyNames?: Schema;
  readonly pattern?: string;
  readonly minimum?: number;
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

// Strings the format gives a meaning, named by their description's start.
const STRING_KINDS: readonly (readonly [string, string])[] = [
  ['A scalar SQL expression', 'expression'],
  ['A type:', 'type'],
  ['An expression with optional asc', 'sort item'],
];

/** A short type text: `identifier`, `expression`, `a | b`, `list of …`, `map … → …`. */
function typeText(s: Schema): string {
  if (s.type === 'object' && s.properties && s.description) return 'object (below)';
  if (s.type === 'string') {
    const named = STRING_KINDS.find(([start]) => s.description?.startsWith(start));
    if (named) return named[1];
  }
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return alternatives.every((a) => a.properties?.['kind']?.const !== undefined) ? 'rule (below)' : alternatives.map(typeText).join(' \\| ');
  if (s.type === 'array' && s.items) return `list of ${typeText(s.items)}`;
  if (s.type === 'object' && typeof s.additionalProperties === 'object') return `map ${s.propertyNames ? typeText(s.propertyNames) : 'string'} → ${typeText(s.additionalProperties)}`;
  if (s.type === 'string' && s.pattern === '^[A-Za-z_][A-Za-z0-9_]*$') return 'identifier';
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return String(s.type ?? 'any');
}

function fieldTable(s: Schema, skip: ReadonlySet<string> = new Set()): string[] {
  const required = new Set(s.required ?? []);
  const rows = Object.entries(s.properties ?? {})
    .filter(([k]) => !skip.has(k))
    .map(([k, f]) => {
      const dflt = f.default !== undefined ? ` Default: \`${JSON.stringify(f.default)}\`.` : '';
      const what = f.description ?? (f.items?.description ? `Each: ${f.items.description}` : '');
      return `| \`${k}\` | ${typeText(f)} | ${required.has(k) ? 'yes' : ''} | ${cell(what + dflt)} |`;
    });
  return ['| key | type | required | meaning |', '|---|---|---|---|', ...rows];
}

/** An object schema inside a map (`params: {name: {...}}`) or a list (`rules: [{...}]`). */
function member(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  if (typeof s.additionalProperties === 'object' && s.additionalProperties.properties) return s.additionalProperties;
  if (s.items?.properties) return s.items;
  return undefined;
}

export function specReference(): string {
  const root = specJsonSchema() as Schema;
  const props = root.properties ?? {};
  const lines = [
    `# Rule spec v${SPEC_VERSION} — reference`,
    '',
    'Generated from `src/spec/format.ts` by `npm run grammar` (do not edit). The JSON Schema beside',
    'this page, `relc-spec.v1.schema.json`, is the same definition for editors and other tools.',
    '',
    '## Top level',
    '',
    ...fieldTable(root),
  ];
  for (const key of ['params', 'inputs', 'outputs']) {
    const m = member(props[key]);
    if (!m) continue;
    lines.push('', `## \`${key}\``, '', ...(m.description ? [m.description, ''] : []), ...fieldTable(m));
  }
  const policy = props['policy'];
  if (policy?.properties) lines.push('', '## `policy`', '', ...(policy.description ? [policy.description, ''] : []), ...fieldTable(policy));
  const kinds = props['rules']?.items?.oneOf ?? [];
  lines.push('', '## Rules', '', 'Every rule has `name` (the view it defines), `kind`, and an optional `description`.');
  for (const rule of kinds) {
    const kind = rule.properties?.['kind']?.const;
    lines.push('', `### \`kind: ${String(kind)}\``, '', ...(rule.description ? [rule.description, ''] : []), ...fieldTable(rule, new Set(['name', 'kind', 'description'])));
  }
  return `${lines.join('\n')}\n`;
}
