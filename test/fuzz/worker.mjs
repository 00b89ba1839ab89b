// The worker's entry: Node 20 does not carry tsx's module hooks into a worker thread, so the
// worker registers them itself before it loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
