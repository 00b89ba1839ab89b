// Writes grammar/relc-spec.v1.schema.json from the format's single source of truth
// (src/spec/format.ts). `--check` exits 1 when the checked-in file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { specJsonSchema } from '../src/spec/format.ts';

const target = fileURLToPath(new URL('../grammar/relc-spec.v1.schema.json', import.meta.url));
const text = `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing file: reported below as drift
  }
  if (current !== text) {
    console.error('grammar/relc-spec.v1.schema.json is out of date with src/spec/format.ts: run `npm run grammar`');
    process.exit(1);
  }
  console.log('grammar/relc-spec.v1.schema.json is in sync');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
