// Spec → IR: resolves inputs, params, rules and outputs into a Program whose views are in
// topological order. Rules are built on demand, so file order does not matter; a rule that
// reaches itself is a CYCLE.

import {
  didYouMean, RelcError, blake3Hex, canonicalJson, coerceLiteral, initHashing, isRelcError, parseTypeString, schemaOf,
  type ErrorCode, type Field, type InputDecl, type InputFormat, type OutputDecl, type ParamDecl, type Program, type SourceLocation, type View,
} from '../ir/index.ts';
import type { Catalog } from '../sql/index.ts';
import type { RuleSpec, Spec } from './format.ts';
import { buildRule, uniqueNames } from './rules.ts';
import { parseSortItem, singleScope, type ParamTypes, type RelationEntry } from './scope.ts';
import { locate, locateKey, locateText, readSource, type PathKey, type SpecLocator, type SpecSource } from './source.ts';
import { validateSpec } from './validate.ts';

export interface SpecWarning {
  readonly code: ErrorCode;
  readonly message: string;
  readonly location?: SourceLocation;
}

export interface CompiledSpec {
  readonly spec: Spec;
  readonly program: Program;
  /** BLAKE3 of the canonical spec (sorted keys, defaults filled, no formatting). */
  readonly specHash: string;
  readonly warnings: readonly SpecWarning[];
  /** Where each view's rule is written. */
  readonly locations: ReadonlyMap<string, SourceLocation>;
  readonly source: SpecSource;
}

const EXTENSIONS: Record<string, InputFormat> = { csv: 'csv', parquet: 'parquet', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl' };

/**
 * Parses, validates and compiles a rule pack's text (YAML or JSON) into a Program. `locator`
 * places errors in another source than the text: a TypeScript pack's builder calls.
 */
export async function compileSpecText(text: string, file: string, opts: { locator?: SpecLocator } = {}): Promise<CompiledSpec> {
  await initHashing();
  const read = readSource(text, file);
  const source = opts.locator ? { ...read, locator: opts.locator } : read;
  const spec = validateSpec(source);
  return new Builder(source, spec).build();
}

class Builder {
  private readonly relations = new Map<string, RelationEntry>();
  private readonly rules = new Map<string, { rule: RuleSpec; index: number }>();
  private readonly building: string[] = [];
  private readonly views: View[] = [];
  private readonly warnings: SpecWarning[] = [];
  private readonly locations = new Map<string, SourceLocation>();
  private params: ParamTypes = new Map();

  constructor(private readonly src: SpecSource, private readonly spec: Spec) {}

  build(): CompiledSpec {
    const params = this.buildParams();
    this.params = new Map(params.map((p) => [p.name, { type: p.field.type, nullable: p.field.nullable }]));
    const inputs = this.buildInputs();
    // Relation names are unique without regard to case: engines fold the case of table names.
    const folded = new Map<string, string>(inputs.map((i) => [i.name.toLowerCase(), 'an input']));
    this.spec.rules.forEach((rule, index) => {
      const clash = folded.get(rule.name.toLowerCase());
      if (clash) {
        throw new RelcError('DUPLICATE_NAME', `'${rule.name}' is already defined as ${clash} (names are compared without regard to case)`, { location: locate(this.src, ['rules', index, 'name']) });
      }
      folded.set(rule.name.toLowerCase(), 'a rule');
      this.rules.set(rule.name, { rule, index });
      this.locations.set(rule.name, locate(this.src, ['rules', index]));
    });
    for (const name of this.rules.keys()) this.ensureBuilt(name);
    const outputs = this.buildOutputs();
    const program: Program = { name: this.spec.name, profile: this.spec.profile, params, inputs, views: this.views, outputs };
    return { spec: this.spec, program, specHash: blake3Hex(canonicalJson(this.spec)), warnings: this.warnings, locations: this.locations, source: this.src };
  }

  private buildParams(): ParamDecl[] {
    return Object.entries(this.spec.params).map(([name, p]) => {
      const t = parseTypeString(p.type);
      if (!t) throw new RelcError('SPEC_BAD_VALUE', `params.${name}.type: unknown type '${p.type}'`, { location: locate(this.src, ['params', name, 'type']) });
      const field: Field = { name, type: t.type, nullable: t.nullable || p.default === null };
      if (p.default === undefined) return { name, field };
      const lit = coerceLiteral(t.type, p.default);
      if (!lit) throw new RelcError('SPEC_BAD_VALUE', `params.${name}.default: ${JSON.stringify(p.default)} is not a ${p.type}`, { location: locate(this.src, ['params', name, 'default']) });
      return { name, field, default: lit };
    });
  }

  private buildInputs(): InputDecl[] {
    return Object.entries(this.spec.inputs).map(([name, inp]) => {
      const schema: Field[] = Object.entries(inp.schema).map(([col, typeText]) => {
        const t = parseTypeString(typeText);
        if (!t) throw new RelcError('SPEC_BAD_VALUE', `inputs.${name}.schema.${col}: unknown type '${typeText}'`, { location: locate(this.src, ['inputs', name, 'schema', col]) });
        return { name: col, type: t.type, nullable: t.nullable };
      });
      if (schema.length === 0) throw new RelcError('SPEC_BAD_VALUE', `inputs.${name}.schema declares no column`, { location: locate(this.src, ['inputs', name, 'schema']) });
      uniqueNames(schema.map((f) => f.name), (i) => locateKey(this.src, ['inputs', name, 'schema'], schema[i]!.name));
      const other = [...this.relations.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
      if (other !== undefined) throw new RelcError('DUPLICATE_NAME', `input '${name}' collides with input '${other}' (names are compared without regard to case)`, { location: locateKey(this.src, ['inputs'], name) });
      const ext = /\.([A-Za-z0-9]+)$/.exec(inp.path)?.[1]?.toLowerCase() ?? '';
      const format = inp.format ?? EXTENSIONS[ext];
      if (!format) throw new RelcError('SPEC_BAD_VALUE', `inputs.${name}.path: cannot tell the format of '${inp.path}'; set format: csv | parquet | json | jsonl`, { location: locate(this.src, ['inputs', name, 'path']) });
      (inp.key ?? []).forEach((k, i) => {
        if (!schema.some((f) => f.name === k)) {
          throw new RelcError('UNKNOWN_COLUMN', `key column '${k}' is not in the schema of ${name}; available: ${schema.map((f) => f.name).join(', ')}`, {
            location: locate(this.src, ['inputs', name, 'key', i]),
            details: { column: k, available: schema.map((f) => f.name) },
          });
        }
      });
      // A key the policy lets be violated (input_keys: warn) makes no order total: winners then break ties by every column.
      this.relations.set(name, { rel: { kind: 'scan', table: name, schema }, schema, keys: inp.key && this.keysTrusted() ? [inp.key] : [] });
      return { name, path: inp.path, format, schema, ...(inp.key ? { key: inp.key } : {}) };
    });
  }

  private relation(name: string, at: SourceLocation): RelationEntry {
    const known = this.relations.get(name);
    if (known) return known;
    if (this.rules.has(name)) {
      this.ensureBuilt(name);
      return this.relations.get(name)!;
    }
    const available = [...new Set([...this.relations.keys(), ...this.rules.keys()])].sort();
    throw new RelcError('UNKNOWN_RELATION', `unknown relation '${name}'${didYouMean(name, available)}; available: ${available.join(', ') || '(none)'}`, { location: at, details: { name, available } });
  }

  private ensureBuilt(name: string): void {
    if (this.relations.has(name)) return;
    const { rule, index } = this.rules.get(name)!;
    const cycleStart = this.building.indexOf(name);
    if (cycleStart >= 0) {
      const cycle = [...this.building.slice(cycleStart), name];
      throw new RelcError('CYCLE', `rules depend on each other in a cycle: ${cycle.join(' → ')}`, { location: locate(this.src, ['rules', index]), details: { cycle } });
    }
    this.building.push(name);
    const base: PathKey[] = ['rules', index];
    const built = (() => {
      try {
        return buildRule(rule, {
          params: this.params,
          strict: this.spec.profile === 'strict',
          relation: (n, at) => this.relation(n, locate(this.src, [...base, ...at])),
          catalog: (at) => this.catalog(locateText(this.src, [...base, ...at])),
          at: (path, text) => (text ? locateText : locate)(this.src, [...base, ...path]),
          atKey: (path, key) => locateKey(this.src, [...base, ...path], key),
          warn: (code, message, location) => this.warnings.push({ code, message, location }),
        });
      } catch (e) {
        throw isRelcError(e) ? e.at(locate(this.src, base)) : e;
      }
    })();
    this.building.pop();
    const schema = schemaOf(built.rel);
    if (built.candidates !== undefined) this.checkAmbiguityColumns(rule, index, built.candidates, schema.map((f) => f.name));
    this.views.push({ name, rel: built.rel });
    this.relations.set(name, { rel: { kind: 'ref', name, schema }, schema, keys: built.keys });
  }

  /** Whether declared input keys may be relied on: unless the policy only warns on their violations (strict makes that an error). */
  private keysTrusted(): boolean {
    return this.spec.policy?.input_keys !== 'warn' || this.spec.profile === 'strict';
  }

  /** policy.ambiguity_columns: a rule that can produce several candidates must output them (POLICY_VIOLATION, or a warning). */
  private checkAmbiguityColumns(rule: RuleSpec, index: number, why: string, columns: readonly string[]): void {
    const required = this.spec.policy?.ambiguity_columns;
    if (!required) return;
    const missing = required.filter((c) => !columns.includes(c));
    if (missing.length === 0) return;
    const message = `rule '${rule.name}' (${rule.kind}) can produce several candidates (${why}) but does not output ${missing.join(', ')}, required by policy.ambiguity_columns; its columns: ${columns.join(', ')}`;
    const location = locate(this.src, ['rules', index]);
    if (this.spec.policy?.on_violation === 'warn' && this.spec.profile !== 'strict') this.warnings.push({ code: 'POLICY_VIOLATION', message, location });
    else throw new RelcError('POLICY_VIOLATION', message, { location, details: { rule: rule.name, policy: 'ambiguity_columns', missing } });
  }

  private catalog(at: SourceLocation): Catalog {
    return {
      resolve: (name) => {
        if (!this.relations.has(name) && !this.rules.has(name)) return undefined;
        return this.relation(name, at).rel;
      },
      names: () => [...new Set([...this.relations.keys(), ...this.rules.keys()])].sort(),
    };
  }

  private buildOutputs(): OutputDecl[] {
    const seen = new Set<string>();
    return this.spec.outputs.map((o, i) => {
      if (seen.has(o.name.toLowerCase())) throw new RelcError('DUPLICATE_NAME', `output '${o.name}' is defined twice (names are compared without regard to case)`, { location: locate(this.src, ['outputs', i, 'name']) });
      seen.add(o.name.toLowerCase());
      if (!this.rules.has(o.from)) {
        const why = this.relations.has(o.from) ? `'${o.from}' is an input; outputs read views (add a rule)` : `unknown view '${o.from}'`;
        throw new RelcError('UNKNOWN_RELATION', `${why}; views: ${[...this.rules.keys()].sort().join(', ') || '(none)'}`, { location: locate(this.src, ['outputs', i, 'from']) });
      }
      const view = this.relations.get(o.from)!;
      const scope = singleScope(o.from, view.schema, this.params);
      const orderBy = o.order_by.map((t, k) => parseSortItem(t, scope, locateText(this.src, ['outputs', i, 'order_by', k])));
      const columns = (field: 'key' | 'partition_by', list: readonly string[]) =>
        list.forEach((k, j) => {
          const at = locate(this.src, ['outputs', i, field, j]);
          const f = view.schema.find((c) => c.name === k);
          if (!f) throw new RelcError('UNKNOWN_COLUMN', `output '${o.name}': ${field === 'key' ? 'key' : 'partition_by'} column '${k}' is not a column of ${o.from} (${view.schema.map((c) => c.name).join(', ')})`, { location: at });
          if (list.indexOf(k) !== j) throw new RelcError('DUPLICATE_NAME', `output '${o.name}': ${field} names column '${k}' twice`, { location: at });
          if (field === 'partition_by' && (f.type.kind === 'list' || f.type.kind === 'struct')) {
            throw new RelcError('SPEC_BAD_VALUE', `output '${o.name}': column '${k}' is a ${f.type.kind}, which cannot name a partition directory`, { location: at });
          }
        });
      if (o.key) columns('key', o.key);
      if (o.partition_by) {
        columns('partition_by', o.partition_by);
        if (o.partition_by.length === view.schema.length) {
          throw new RelcError('SPEC_BAD_VALUE', `output '${o.name}': partition_by takes every column of ${o.from}, which leaves the files none`, { location: locate(this.src, ['outputs', i, 'partition_by']) });
        }
      }
      return { name: o.name, from: o.from, orderBy, format: o.format, ...(o.key ? { key: o.key } : {}), ...(o.partition_by ? { partitionBy: o.partition_by } : {}) };
    });
  }
}
