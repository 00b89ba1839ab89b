// The median wall time of `runs` calls of `f`, after one warm-up call.

export async function median(f: () => Promise<unknown>, runs = 5): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return times.sort((p, q) => p - q)[Math.floor(runs / 2)]!;
}
