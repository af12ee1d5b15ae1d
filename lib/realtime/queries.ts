import type { Db } from "../db/client.ts";
import { eventSelect, toEventDto } from "../deployments/deployment-queries.ts";
import type { DeploymentStatus, StackEventDto } from "../deployments/types.ts";

/** What a live viewer needs to redraw the progress section (the `deployment` SSE message). */
export interface DeploymentLiveState {
  status: DeploymentStatus;
  resourcesDone: number;
  resourcesTotal: number;
  eventsCount: number;
  resultReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export const EVENTS_PAGE = 500;

/** The deployment's stored stack events with our id greater than `after`, oldest first (the SSE order). */
export async function listEventsAfter(db: Db, deploymentId: string, after: bigint, limit = EVENTS_PAGE): Promise<StackEventDto[]> {
  const rows = await db.stackEvent.findMany({
    where: { deploymentId, id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
    select: eventSelect,
  });
  return rows.map(toEventDto);
}

export async function getDeploymentLiveState(db: Db, deploymentId: string): Promise<DeploymentLiveState | null> {
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { status: true, resourcesDone: true, resourcesTotal: true, eventsCount: true, resultReason: true, startedAt: true, finishedAt: true },
  });
  if (!row) return null;
  return {
    ...row,
    status: row.status as DeploymentStatus,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** `Last-Event-ID` / `?after=` as a sequence number; anything else means "from the beginning". */
export function parseAfter(value: string | null | undefined): bigint {
  return value && /^\d{1,19}$/.test(value.trim()) ? BigInt(value.trim()) : 0n;
}
