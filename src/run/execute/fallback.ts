// Cross-engine fallback (policy `fallbacks: allow`): a view the run's backend cannot express runs
// on another engine, opened on first use. The tables the view reads are copied there and the
// view's table is copied back, each through a Parquet file with the exact schema (the format
// relc's outputs are written in, read back by the ordinary input loader), so later views and
// outputs read it from the run's backend as from any other view.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RelcError, type Schema } from '../../ir/index.ts';
import { openBackend, type Backend, type BackendKind, type BindValue, type OutputWriter } from '../../backends/index.ts';
import { quoteIdent } from '../../lower/sql/index.ts';

export class FallbackEngines {
  private readonly open = new Map<BackendKind, Backend>();
  private dir: string | undefined;

  constructor(private readonly settings: { readonly threads?: number; readonly memoryLimit?: string }) {}

  /** The engines a fallback ran on, kind → version (recorded in the run envelope). */
  versions(): Record<string, string> {
    return Object.fromEntries([...this.open].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, b]) => [kind, b.version]));
  }

  /**
   * Materializes `view` on engine `kind` from `sql`: the relations it reads (`reads`, with their
   * schemas) are copied from `primary`, and the result is copied back into `primary` as table
   * `view`. Returns the row count, and with `explain` the engine's plan of the view. Nothing the
   * fallback engine holds outlives the call.
   */
  async materialize(kind: BackendKind, primary: Backend, writer: () => Promise<OutputWriter>, view: string, sql: string, binds: readonly BindValue[], schema: Schema, reads: readonly { readonly name: string; readonly schema: Schema }[], explain = false): Promise<{ rows: number; plan?: string }> {
    const engine = await this.engine(kind);
    const copied: string[] = [];
    try {
      for (const r of reads) {
        await copyTable(primary, engine, r.name, r.schema, this.file(`${copied.length}`), writer);
        copied.push(r.name);
      }
      const plan = explain ? await engine.explain(sql, binds, view) : undefined;
      const rows = await engine.materialize(view, sql, binds, schema);
      copied.push(view);
      await copyTable(engine, primary, view, schema, this.file('result'), writer);
      return { rows, ...(plan === undefined ? {} : { plan }) };
    } finally {
      for (const name of copied) await engine.dropTable(name);
    }
  }

  async close(): Promise<void> {
    for (const b of this.open.values()) await b.close();
    this.open.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async engine(kind: BackendKind): Promise<Backend> {
    let b = this.open.get(kind);
    if (!b) {
      b = await openBackend(kind, { ...(this.settings.threads !== undefined ? { threads: this.settings.threads } : {}), ...(this.settings.memoryLimit !== undefined ? { memoryLimit: this.settings.memoryLimit } : {}) });
      this.open.set(kind, b);
    }
    return b;
  }

  private file(name: string): string {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'relc-fallback-'));
    return path.join(this.dir, `${name}.parquet`);
  }
}

/**
 * Copies table `name` of `from` into `to` under the same name and column names: written to a
 * Parquet file with `schema`'s types (by the engine itself when it writes files, else streamed
 * through relc's DuckDB writer), loaded as a Parquet input.
 */
async function copyTable(from: Backend, to: Backend, name: string, schema: Schema, absPath: string, writer: () => Promise<OutputWriter>): Promise<void> {
  const select = `SELECT * FROM ${quoteIdent(name, from.caps.dialect)}`;
  const names = await from.columnNames(select, [], name);
  if (names.length !== schema.length) throw new RelcError('INTERNAL', `table ${name} has ${names.length} columns, its schema ${schema.length}`);
  const fileSchema = schema.map((f, i) => ({ ...f, name: names[i]! }));
  const file = { absPath, format: 'parquet' as const };
  if (from.outputs) await from.outputs.copy(select, [], fileSchema, file, name);
  else {
    const stage = await (await writer()).stage(fileSchema);
    try {
      await from.streamRows(select, [], fileSchema, (rows) => stage.append(rows), name);
    } catch (e) {
      await stage.discard();
      throw e;
    }
    await stage.finish(file);
  }
  await to.loadInput({ name, path: absPath, format: 'parquet', schema: fileSchema }, absPath);
  rmSync(absPath, { force: true });
}
