import type { Db } from "../db/client.ts";
import type { ResourceDriftDto, StackDriftDto } from "./types.ts";

/**
 * A stack's drift as the API shows it: DETECTING while a detection is in flight (with the previous result's
 * resources, so the page keeps showing them), else the newest completed result, else NOT_CHECKED.
 */
export async function getStackDrift(db: Db, stackId: string): Promise<StackDriftDto> {
  const [detecting, done] = await Promise.all([
    db.driftCheck.findFirst({ where: { stackId, status: "detecting" }, select: { id: true } }),
    db.driftCheck.findFirst({
      where: { stackId, status: { in: ["in_sync", "drifted"] } },
      orderBy: { startedAt: "desc" },
      select: { status: true, checkedAt: true, resources: true },
    }),
  ]);
  const status = detecting ? "DETECTING" : done ? (done.status === "drifted" ? "DRIFTED" : "IN_SYNC") : "NOT_CHECKED";
  return { status, checkedAt: done?.checkedAt?.toISOString() ?? null, resources: (done?.resources as unknown as ResourceDriftDto[] | undefined) ?? [] };
}

/** The newest detection when it failed after the last good one (the page says why), else null. */
export async function latestDriftFailure(db: Db, stackName: string): Promise<{ reason: string; at: string } | null> {
  const last = await db.driftCheck.findFirst({ where: { stack: { name: stackName }, status: { not: "detecting" } }, orderBy: { startedAt: "desc" }, select: { status: true, reason: true, checkedAt: true } });
  return last?.status === "failed" ? { reason: last.reason ?? "The drift detection failed.", at: (last.checkedAt ?? new Date()).toISOString() } : null;
}

/** Live stacks of an environment whose newest completed detection found drift (the overview counts them). */
export async function driftedStacks(db: Db, environmentId: string, names = 5): Promise<{ count: number; names: string[] }> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT s.name FROM stacks s
    WHERE s.environment_id = ${environmentId}::uuid AND s.deleted_at IS NULL
      AND (SELECT c.status FROM drift_checks c WHERE c.stack_id = s.id AND c.status IN ('in_sync', 'drifted')
           ORDER BY c.started_at DESC LIMIT 1) = 'drifted'
    ORDER BY s.name`;
  return { count: rows.length, names: rows.slice(0, names).map((r) => r.name) };
}
