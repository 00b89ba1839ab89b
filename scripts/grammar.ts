// Writes grammar/relc-spec.v1.schema.json and its reference page grammar/SPEC.md from the
// format's single source of truth (src/spec/format.ts). `--check` exits 1 when a checked-in file
// differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { specJsonSchema } from '../src/spec/format.ts';
import { specReference } from '../src/spec/reference.ts';

const FILES: ReadonlyArray<readonly [string, string]> = [
  ['relc-spec.v1.schema.json', `${JSON.stringify(specJsonSchema(), null, 2)}\n`],
  ['SPEC.md', specReference()],
];

let stale = false;
for (const [name, text] of FILES) {
  const target = fileURLToPath(new URL(`../grammar/${name}`, import.meta.url));
  if (!process.argv.includes('--check')) {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
    continue;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing file: reported below as drift
  }
  if (current === text) console.log(`grammar/${name} is in sync`);
  else {
    console.error(`grammar/${name} is out of date with src/spec/format.ts: run \`npm run grammar\``);
    stale = true;
  }
}
if (stale) process.exit(1);
