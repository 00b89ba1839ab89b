// Structural validation of a spec document against the format (format.ts): the first problem,
// by position in the file, becomes a RelcError with its code and location.

import type { z } from 'zod';
import { didYouMean, RelcError, type ErrorCode, type SourceLocation } from '../ir/index.ts';
import { SPEC_VERSION, specShape, type Spec } from './format.ts';
import { locate, locateKey, nodeAt, scalarTextAt, sourceValue, type PathKey, type SpecSource } from './source.ts';

interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly location: SourceLocation;
  readonly path: readonly PathKey[];
}

function pathText(path: readonly PathKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(document)';
}

/** ` (did you mean X?)` when the scalar written at `path` is near one of `options`. */
function nearOption(src: SpecSource, path: readonly PathKey[], options: readonly unknown[]): string {
  const text = scalarTextAt(src, path);
  return text === undefined ? '' : didYouMean(text, options.map(String));
}

function problemOf(src: SpecSource, issue: z.core.$ZodIssue): Problem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as PathKey[];
  const where = pathText(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      return {
        code: 'SPEC_UNKNOWN_FIELD',
        message: `unknown field '${key}' in ${where}`,
        location: locateKey(src, path, key),
        path: [...path, key],
      };
    }
    case 'invalid_type':
      if (nodeAt(src, path) === undefined) {
        const field = path[path.length - 1];
        return { code: 'SPEC_MISSING_FIELD', message: `missing required field '${String(field)}' in ${pathText(path.slice(0, -1))}`, location: locate(src, path.slice(0, -1)), path };
      }
      return { code: 'SPEC_BAD_VALUE', message: `${where}: expected ${issue.expected}`, location: locate(src, path), path };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        if (nodeAt(src, path) === undefined) {
          return { code: 'SPEC_MISSING_FIELD', message: `missing required field 'kind' in ${pathText(path.slice(0, -1))} (one of ${options.join(', ')})`, location: locate(src, path.slice(0, -1)), path };
        }
        return { code: 'SPEC_BAD_VALUE', message: `${where}: unknown rule kind${nearOption(src, path, options)}; expected one of ${options.join(', ')}`, location: locate(src, path), path };
      }
      return { code: 'SPEC_BAD_VALUE', message: `${where}: ${issue.message}`, location: locate(src, path), path };
    case 'invalid_key': {
      // `{ budget: decimal(12,2) }` — YAML splits a flow mapping at the comma inside the type.
      const split = path[path.length - 2] === 'schema' && /^\d*\)\??$/.test(String(path[path.length - 1]));
      const hint = split ? '; a type with a comma inside { … } must be quoted, e.g. budget: "decimal(12,2)"' : '';
      return { code: 'SPEC_BAD_VALUE', message: `${where}: bad name: ${issue.issues[0]?.message ?? issue.message}${hint}`, location: locate(src, path), path };
    }
    case 'invalid_value':
      return { code: 'SPEC_BAD_VALUE', message: `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${nearOption(src, path, issue.values)}`, location: locate(src, path), path };
    default:
      return { code: 'SPEC_BAD_VALUE', message: `${where}: ${issue.message}`, location: locate(src, path), path };
  }
}

/**
 * A misspelled key shows as both an unknown field and a missing one (`wehre` for `where`):
 * report the unknown field, where the typo is, and name the field it probably meant.
 */
function preferUnknownFields(problems: Problem[]): Problem[] {
  const parentOf = (p: Problem) => pathText(p.path.slice(0, -1));
  const missing = problems.filter((p) => p.code === 'SPEC_MISSING_FIELD');
  const explained = new Set<Problem>();
  const hinted = problems.map((p) => {
    if (p.code !== 'SPEC_UNKNOWN_FIELD') return p;
    const meant = missing.find((m) => parentOf(m) === parentOf(p) && !explained.has(m));
    if (!meant) return p;
    explained.add(meant);
    return { ...p, message: `${p.message} (did you mean '${String(meant.path[meant.path.length - 1])}'?)` };
  });
  return hinted.filter((p) => !explained.has(p));
}

function before(a: SourceLocation, b: SourceLocation): number {
  return a.line - b.line || a.col - b.col;
}

/** Checks the version, then the shape; returns the typed spec with defaults filled in. */
export function validateSpec(src: SpecSource): Spec {
  const raw: unknown = sourceValue(src);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RelcError('SPEC_BAD_VALUE', 'a rule pack is a mapping with relc, name, inputs, rules and outputs', { location: locate(src, []) });
  }
  const version = (raw as Record<string, unknown>).relc;
  if (version === undefined) {
    throw new RelcError('SPEC_MISSING_FIELD', `missing required field 'relc' (the format version, ${SPEC_VERSION})`, { location: locate(src, []) });
  }
  if (version !== SPEC_VERSION) {
    throw new RelcError('SPEC_VERSION_UNSUPPORTED', `spec format version ${JSON.stringify(version)} is not supported; this relc reads version ${SPEC_VERSION}`, {
      location: locate(src, ['relc']),
      details: { supported: [SPEC_VERSION], found: version },
    });
  }
  // jitless: zod's eval-compiled fast path costs more to build (~5 ms cold for the quickstart)
  // than it saves on the one parse a pack gets per process.
  const parsed = specShape.safeParse(raw, { jitless: true });
  if (parsed.success) return parsed.data;
  const problems = preferUnknownFields(parsed.error.issues.map((i) => problemOf(src, i))).sort((a, b) => before(a.location, b.location));
  const first = problems[0]!;
  throw new RelcError(first.code, first.message, {
    location: first.location,
    details: { path: pathText(first.path), problems: problems.map((p) => `${p.location.line}:${p.location.col}: ${p.message}`) },
  });
}
