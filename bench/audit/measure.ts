import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Db } from "../../lib/db/client.ts";
import type { Prisma } from "../../lib/db/generated/client.ts";

export { percentiles } from "../lib/timing.ts";

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
