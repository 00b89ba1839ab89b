// BLAKE3 of a file's bytes, streamed (inputs can be larger than memory wants to hold at once).

import { closeSync, openSync, readSync } from 'node:fs';
import { createBLAKE3 } from '../../ir/blake3.ts';

export async function fileBlake3(absPath: string): Promise<{ bytes: number; blake3: string }> {
  const hasher = await createBLAKE3();
  hasher.init();
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(absPath, 'r');
  let bytes = 0;
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      hasher.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, blake3: hasher.digest('hex') };
}
