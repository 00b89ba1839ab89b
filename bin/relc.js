#!/usr/bin/env node
// The `relc` executable: runs the bundled CLI in dist/bin/ (built by `npm ci` / `npm run build`);
// no TypeScript transform at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('relc: dist/ is missing: run `npm run build` (npm ci runs it)\n');
  process.exit(70);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
