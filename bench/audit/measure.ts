import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Db } from "../../lib/db/client.ts";
import type { Prisma } from "../../lib/db/generated/client.ts";

/** p50/p95/max in ms over `runs` calls, after a warm-up of connections and plans. */
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

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

/** The scan nodes of a plan, with the rows each read: enough to see an index range scan from a walk of the table. */
export async function explainSummary(db: Db, sql: Prisma.Sql): Promise<string> {
  const rows = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]>(sql);
  const [{ Plan, "Execution Time": ms }] = rows[0]!["QUERY PLAN"];
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node["Node Type"].includes("Scan")) {
      const read = (node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0);
      scans.push(`${node["Node Type"].replace(" Scan", "")}${node["Index Name"] ? ` ${node["Index Name"].replace("audit_events_", "")}` : ""} (${read})`);
    }
    node.Plans?.forEach(walk);
  };
  walk(Plan);
  return `${scans.join(" + ")}; ${ms.toFixed(1)} ms`;
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap still in use after a full collection: what the export really holds, not what V8 has yet to reclaim. */
export function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
