import type { Db } from "../db/client.ts";
import type { ResourceChange } from "./types.ts";

// "About how long will this take?" from what earlier deployments took: the median duration of earlier successful
// deployments of the same template and action; without those, the slowest resource type in this change (resources
// without dependencies between them run in parallel, so the slowest one bounds the whole, roughly).

const HISTORY = 10;

export async function estimateDurationSeconds(db: Db, deploymentId: string): Promise<number | null> {
  const d = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { action: true, changes: true, createdAt: true, stack: { select: { templateName: true } } },
  });
  if (!d) return null;
  const earlier = await db.deployment.findMany({
    where: { status: "succeeded", action: d.action, stack: { templateName: d.stack.templateName }, startedAt: { not: null }, finishedAt: { not: null }, createdAt: { lt: d.createdAt } },
    orderBy: { createdAt: "desc" },
    take: HISTORY,
    select: { startedAt: true, finishedAt: true },
  });
  if (earlier.length) return median(earlier.map((e) => (e.finishedAt!.getTime() - e.startedAt!.getTime()) / 1000));
  const types = [...new Set((d.changes as unknown as ResourceChange[]).map((c) => c.resourceType))];
  if (!types.length) return null;
  const perType = await typeDurations(db, types);
  return perType.size ? Math.max(...perType.values()) : null;
}

/** Average seconds from a resource's first *_IN_PROGRESS to its *_COMPLETE, per type, over stored events. */
async function typeDurations(db: Db, types: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ resource_type: string; seconds: number }[]>`
    SELECT resource_type, avg(seconds)::float8 AS seconds FROM (
      SELECT resource_type, extract(epoch FROM max(timestamp) FILTER (WHERE status LIKE '%\\_COMPLETE')
                                             - min(timestamp) FILTER (WHERE status LIKE '%\\_IN\\_PROGRESS')) AS seconds
      FROM stack_events
      WHERE resource_type = ANY(${types}) AND deployment_id IS NOT NULL
      GROUP BY deployment_id, logical_id, resource_type
    ) per_resource
    WHERE seconds IS NOT NULL AND seconds >= 0
    GROUP BY resource_type`;
  return new Map(rows.map((r) => [r.resource_type, r.seconds]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
