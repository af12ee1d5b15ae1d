// The page bench's one table, and its comparison with a saved run (bench/baselines/http-pages.json) as ratios.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Stats } from "./load.ts";

export interface TargetResult {
  one: Stats;
  loaded: Stats;
}

export interface BenchResult {
  takenAt: string;
  commit: string;
  rate: number;
  seconds: { one: number; loaded: number };
  targets: Record<string, TargetResult>;
  /** appLoaded: right after the last phase; appEnd: after a quiet spell (BENCH_SETTLE_SECONDS). */
  rssMb: { appStart: number; appLoaded?: number; appEnd: number; workerStart: number; workerEnd: number };
  startMs: number;
  conditions: string[];
}

const TARGETS = { onePage: 150, loadedPage: 400, rssGrowthMb: 50 };

const pad = (value: string | number, width: number) => String(value).padStart(width);
const ratio = (now: number, before: number | undefined) => (before && Number.isFinite(before) && before > 0 ? `${(now / before).toFixed(2)}×` : "—");

export function printTable(result: BenchResult, kinds: Map<string, "page" | "api">, baseline: BenchResult | null): void {
  const head = `${"target".padEnd(22)} | ${"CPU ms".padStart(6)} | ${"1 client p50 / p95 / p99 ms".padStart(27)} | ${`${result.rate} req/s p50 / p95 / p99 ms`.padStart(28)} | ${"errors".padStart(9)} | ${"p95 vs baseline (1c, load)".padStart(26)}`;
  console.log(`\n${head}\n${"-".repeat(head.length)}`);
  for (const [name, r] of Object.entries(result.targets)) {
    const before = baseline?.targets[name];
    const triple = (s: Stats) => `${s.p50} / ${s.p95} / ${s.p99}`;
    const misses = kinds.get(name) === "page" && (r.one.p95 >= TARGETS.onePage || r.loaded.p95 >= TARGETS.loadedPage || r.one.errors + r.loaded.errors > 0) ? " ✗" : "";
    console.log(
      `${name.padEnd(22)} | ${pad(r.one.cpuMs ?? "—", 6)} | ${pad(triple(r.one), 27)} | ${pad(triple(r.loaded), 28)} | ${pad(`${r.one.errors}+${r.loaded.errors}`, 9)} | ${pad(`${ratio(r.one.p95, before?.one.p95)}, ${ratio(r.loaded.p95, before?.loaded.p95)}`, 26)}${misses}`,
    );
  }
  const growth = result.rssMb.appEnd - result.rssMb.appStart;
  const loaded = result.rssMb.appLoaded === undefined ? "" : `${result.rssMb.appLoaded} MB right after the load, `;
  console.log(`\napp RSS ${result.rssMb.appStart} MB at start, ${loaded}${result.rssMb.appEnd} MB at the end (${growth >= 0 ? "+" : ""}${growth} MB; target < ${TARGETS.rssGrowthMb} MB); worker ${result.rssMb.workerStart} -> ${result.rssMb.workerEnd} MB`);
  console.log(`npm start to a healthy /api/health: ${(result.startMs / 1000).toFixed(1)} s${baseline ? ` (baseline ${(baseline.startMs / 1000).toFixed(1)} s)` : ""}`);
  console.log("CPU ms: the app's CPU time per request at 1 client (from /proc, 10 ms ticks averaged), the cost a request puts on the server");
  console.log(`targets: every page p95 < ${TARGETS.onePage} ms at 1 client and < ${TARGETS.loadedPage} ms at ${result.rate} req/s, 0 errors; ✗ marks a page that misses one`);
  if (baseline) console.log(`baseline: ${baseline.commit} taken ${baseline.takenAt}\n  ${baseline.conditions.join("\n  ")}`);
  console.log(`this run: ${result.commit}\n  ${result.conditions.join("\n  ")}`);
}

export function readBaseline(file: string): BenchResult | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BenchResult) : null;
}

export function writeBaseline(file: string, result: BenchResult): void {
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
