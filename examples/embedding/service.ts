// relc embedded in a plain Node service (no CLI): the rule pack is compiled and optimized once at
// start-up, then run for every request with that request's parameters; results come back as
// typed Apache Arrow tables (int64 as bigint, decimals with their precision and scale, dates),
// and a large output is streamed batch by batch instead of being held whole.
//
//   npm run build && node --import tsx examples/embedding/service.ts     # listens on :8080
//   curl 'localhost:8080/badges?min_score=0.8'
//   curl 'localhost:8080/placement'                                       # streamed, NDJSON
//
// test/embedding-api.test.ts runs this file against the built package and type-checks it.

import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Table } from 'apache-arrow';
import { arrowRows, isRelcError, loadSpecFile, openRun, prepareProgram, runProgram, type BackendKind, type PreparedProgram, type RunOptions } from 'relc';

const PACK = path.join(path.dirname(fileURLToPath(import.meta.url)), '../quickstart/relc.yaml');

/** A rule pack compiled once; each `run` executes it with other parameter values. */
export interface CompiledPack {
  readonly prepared: PreparedProgram;
  /** The options every run shares: where inputs are, the pack's hash and signatures. */
  readonly base: Omit<RunOptions, 'backend'>;
}

export async function compilePack(file: string): Promise<CompiledPack> {
  const compiled = await loadSpecFile(file); // parse, validate, build the IR (rule errors point to file:line:col)
  const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
  return { prepared, base: { specDir: path.dirname(file), specHash: compiled.specHash, signatures: prepared.signatures } };
}

/** One run with `params` (text, parsed as each parameter's declared type); every output as an Arrow table. */
export async function runPack(pack: CompiledPack, params: Record<string, string>, backend: BackendKind = 'duckdb'): Promise<Map<string, Table>> {
  const result = await runProgram(pack.prepared.program, { ...pack.base, backend, params, arrow: true });
  return new Map(result.outputs.map((o) => [o.name, o.table!]));
}

/** A badge as the service answers it: typed values read from the Arrow columns. */
export interface Badge {
  readonly id: string; // int64 (a bigint in Arrow) as decimal text in JSON
  readonly shout: string;
  readonly tier: string;
  readonly hireYear: number;
}

export function badgesOf(table: Table): Badge[] {
  const id = table.getChild('id')!;
  const shout = table.getChild('shout')!;
  const tier = table.getChild('tier')!;
  const year = table.getChild('hire_year')!;
  return Array.from({ length: table.numRows }, (_, i) => ({
    id: (id.get(i) as bigint).toString(),
    shout: shout.get(i) as string,
    tier: tier.get(i) as string,
    hireYear: Number(year.get(i)),
  }));
}

/** The HTTP service: `/badges?min_score=…&hired_since=…` (one run, JSON) and `/placement` (streamed NDJSON). */
export function createService(pack: CompiledPack): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = Object.fromEntries(url.searchParams);
    const answer = async () => {
      if (url.pathname === '/badges') {
        const tables = await runPack(pack, params);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(badgesOf(tables.get('badges')!)));
        return;
      }
      if (url.pathname === '/placement') {
        // A large output: streamed from the engine, one Arrow batch (a few thousand rows) at a time.
        const run = await openRun(pack.prepared.program, { ...pack.base, backend: 'duckdb', params });
        try {
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          const out = run.output('placement');
          for await (const batch of out.batches()) {
            for (const row of arrowRows(batch, out.schema)) {
              res.write(`${JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
            }
          }
          res.end();
        } finally {
          await run.close();
        }
        return;
      }
      res.writeHead(404).end();
    };
    answer().catch((e: unknown) => {
      // A bad parameter is the caller's mistake (a RelcError with a code), anything else ours.
      const status = isRelcError(e) && (e.code === 'SPEC_BAD_VALUE' || e.code === 'UNKNOWN_PARAM') ? 400 : 500;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(isRelcError(e) ? { code: e.code, message: e.message } : { message: String(e) }));
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pack = await compilePack(PACK);
  const port = Number(process.env['PORT'] ?? 8080);
  createService(pack).listen(port, () => console.log(`relc service on http://localhost:${port} (try /badges?min_score=0.8)`));
}

export { PACK };
