/** p50/p95/max in ms over `runs` calls, after a warm-up of connections and query plans. */
export async function percentiles(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  return { p50: p(0.5), p95: p(0.95), max: p(1) };
}

/** Measures `fn` and prints one aligned line: label, p50, p95, max. */
export async function printPercentiles(label: string, runs: number, fn: () => Promise<unknown>, width = 48): Promise<void> {
  const t = await percentiles(runs, fn);
  console.log(`${label.padEnd(width)} p50 ${t.p50.padStart(6)} ms   p95 ${t.p95.padStart(6)} ms   max ${t.max.padStart(6)} ms`);
}
