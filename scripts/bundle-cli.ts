// Bundles the CLI (src/cli/main.ts and the command table) into dist/bin/ with esbuild, so that
// `relc` starts from a few files instead of hundreds (oclif and its dependencies are ~160 CommonJS
// files, yaml ~70): ESM with code splitting, so what a command imports inside run() stays in
// chunks of its own that load only when that command runs. The engines' native modules and the
// packages that locate files next to their own code stay external (loaded from node_modules).
// Run by `npm run build` after tsc (tsc still builds dist/ for the library entry, `import 'relc'`).
import { Plugin } from '@oclif/core';
import { build, type Plugin as EsbuildPlugin } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE_DIR = path.join(ROOT, 'dist', 'bin');
const MANIFEST = path.join(ROOT, 'oclif.manifest.json');

/** Never bundled: native engine modules (a .node binary each), packages that read files beside
 * their own sources (web-tree-sitter's .wasm, tree-sitter-python's grammar), and typescript
 * (oclif requires it only to transpile at run time, which main.ts turns off). */
const EXTERNAL = ['@duckdb/node-bindings', 'better-sqlite3', 'web-tree-sitter', 'tree-sitter-python', 'typescript'];

/**
 * DuckDB's node-api is plain CommonJS over its native bindings (`@duckdb/node-bindings`, kept
 * external): bundled, its ~120 files load as one chunk, ~50 ms sooner for every command that opens
 * DuckDB. src/backends/duckdb-api.ts loads it with require() (what tsc's dist/ and tsx run); in
 * the bundle that line becomes a static import, which esbuild resolves and bundles.
 */
const DUCKDB_REQUIRE = "const api = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');";
const bundleDuckDB: EsbuildPlugin = {
  name: 'relc-bundle-duckdb-api',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]backends[\\/]duckdb-api\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(DUCKDB_REQUIRE)) throw new Error(`${args.path}: the require() of @duckdb/node-api that the bundle replaces is gone (scripts/bundle-cli.ts)`);
      return { contents: text.replace(DUCKDB_REQUIRE, "import * as bundledApi from '@duckdb/node-api';\nconst api = bundledApi;"), loader: 'ts' };
    });
  },
};

// CommonJS packages inside an ESM bundle call require() (oclif loads node: builtins and JSON that
// way); an ESM file has no require, so each output file makes one for itself.
const BANNER = "import { createRequire as __relcCreateRequire } from 'node:module'; const require = __relcCreateRequire(import.meta.url);";

/**
 * The scripts of worker threads (`src/**\/NAME-worker.ts`): entries of their own, each bundled to
 * dist/bin/NAME-worker.js beside the chunks, where `new URL('./NAME-worker.js', import.meta.url)`
 * in the module that starts the worker finds it.
 */
function workerEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const f of readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).sort()) {
    if (!f.endsWith('-worker.ts')) continue;
    const name = path.basename(f, '.ts');
    if (entries[name]) throw new Error(`two worker scripts named ${name}: ${entries[name]} and src/${f}`);
    entries[name] = `src/${f.split(path.sep).join('/')}`;
  }
  return entries;
}

async function bundleCli(): Promise<void> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    // One flat directory: a chunk sits two levels below the package root as src/run/version.ts
    // does, so that file's `../../package.json` (and any `../../x` beside src/) resolves the same
    // from source and from a chunk.
    entryPoints: { main: 'src/cli/main.ts', commands: 'src/cli/commands.ts', ...workerEntries() },
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // hash-wasm's `main` is a UMD file, whose exports esbuild cannot see through a dynamic
    // import() (it would hand over only `default`); its ES module build also shakes down to
    // the one hash relc uses.
    alias: { 'hash-wasm': 'hash-wasm/dist/index.esm.js' },
    banner: { js: BANNER },
    plugins: [bundleDuckDB],
    metafile: true,
    logLevel: 'warning',
  });
  // What each output file imports, for test/cli-compile.test.ts (which commands load what).
  writeFileSync(path.join(BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile));
}

/**
 * oclif's command manifest (the root's `oclif.manifest.json`): each command's id, description,
 * flags and args as data, so `relc --help` and the command lookup need not import the command
 * table. Made from the bundle just built, as oclif's own `oclif manifest` does.
 */
async function writeManifest(): Promise<void> {
  rmSync(MANIFEST, { force: true });
  const plugin = new Plugin({ root: ROOT, isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  writeFileSync(MANIFEST, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
}

await bundleCli();
await writeManifest();
