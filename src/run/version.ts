// The relc version, read once from package.json (recorded in every run envelope and manifest).

import { createRequire } from 'node:module';

export const RELC_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
