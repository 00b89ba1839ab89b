// CLI entry: oclif dispatches argv to the command classes listed in commands.ts.
import { flush, handle, run } from '@oclif/core';

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv, import.meta.url);
    await flush();
  } catch (e) {
    await handle(e as Error);
  }
}
