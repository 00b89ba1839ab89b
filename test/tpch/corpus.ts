// Reads a corpus file: queries separated by `-- name: <id>` lines, each with optional directive
// comments right after (`-- ordered`, `-- dialect: d`, `-- oracle: sql`, `-- error: CODE line:col`,
// `-- known-gap: target CODE text`).

import { readFileSync } from 'node:fs';
import { isSourceDialect, type SourceDialect } from '../../src/sql/index.ts';

export interface CorpusQuery {
  readonly name: string;
  readonly sql: string;
  readonly dialect: SourceDialect;
  readonly ordered: boolean;
  readonly oracle: string | null;
  readonly error: { readonly code: string; readonly line: number; readonly col: number } | null;
  readonly knownGaps: readonly { readonly target: string; readonly code: string; readonly text: string }[];
}

export function readCorpus(file: string): CorpusQuery[] {
  const blocks = readFileSync(file, 'utf8').split(/^-- name: /m).slice(1);
  return blocks.map((block) => {
    const lines = block.split('\n');
    const name = lines.shift()!.trim();
    let dialect: SourceDialect = 'postgres';
    let ordered = false;
    let oracle: string | null = null;
    let error: CorpusQuery['error'] = null;
    const knownGaps: { target: string; code: string; text: string }[] = [];
    while (lines.length && lines[0]!.startsWith('-- ')) {
      const d = lines.shift()!.slice(3).trim();
      const [key, ...rest] = d.split(':');
      const value = rest.join(':').trim();
      if (d === 'ordered') ordered = true;
      else if (key === 'dialect' && isSourceDialect(value)) dialect = value;
      else if (key === 'oracle') oracle = value;
      else if (key === 'error') {
        const m = /^([A-Z_]+) (\d+):(\d+)$/.exec(value);
        if (!m) throw new Error(`${name}: bad error directive ${value}`);
        error = { code: m[1]!, line: Number(m[2]), col: Number(m[3]) };
      } else if (key === 'known-gap') {
        const m = /^(\w+) ([A-Z_]+) (.+)$/.exec(value);
        if (!m) throw new Error(`${name}: bad known-gap directive ${value}`);
        knownGaps.push({ target: m[1]!, code: m[2]!, text: m[3]! });
      } else throw new Error(`${name}: unknown directive ${d}`);
    }
    const sql = lines.join('\n').replace(/\s+$/, '');
    return { name, sql, dialect, ordered, oracle, error, knownGaps };
  });
}
