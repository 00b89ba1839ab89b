#!/usr/bin/env node
// The `relc` executable: registers the TypeScript loader, then hands argv to the oclif CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
