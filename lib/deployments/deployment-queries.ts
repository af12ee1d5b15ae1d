import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { deploymentEnvironment } from "./deployment-detail.ts";
import { summarySelect, toSummary } from "./dto.ts";
import type { DeploymentSummary, Page, StackEventDto } from "./types.ts";

export { getDeployment } from "./deployment-detail.ts";

const clampLimit = (limit: number | undefined, max: number) => Math.min(Math.max(Math.trunc(limit ?? 50), 1), max);

/** An environment's deployments (or one stack's), newest first, by keyset (cursor = the last id of the previous page). */
export async function listDeployments(
  db: Db,
  actor: Actor,
  environment: string,
  { cursor, limit, stack }: { cursor?: string | null; limit?: number; stack?: string } = {},
): Promise<Page<DeploymentSummary>> {
  const env = await getEnvironmentByKey(db, environment);
  assertCan(actor, "stack:read", env);
  const take = clampLimit(limit, 200);
  const rows = await db.deployment.findMany({
    where: { stack: { environmentId: env.id, ...(stack ? { name: stack } : {}) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: summarySelect,
  });
  const items = rows.slice(0, take).map(toSummary);
  return { items, nextCursor: rows.length > take ? items[items.length - 1]!.id : null };
}

/** A deployment's stack events in arrival order, after `afterId` (what an SSE client saw last). */
export async function listDeploymentEvents(
  db: Db,
  actor: Actor,
  deploymentId: string,
  { afterId, limit }: { afterId?: string | null; limit?: number } = {},
): Promise<StackEventDto[]> {
  assertCan(actor, "stack:read", await deploymentEnvironment(db, deploymentId));
  const after = afterId && /^\d+$/.test(afterId) ? BigInt(afterId) : undefined;
  const rows = await db.stackEvent.findMany({
    where: { deploymentId, ...(after !== undefined ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: clampLimit(limit, 1000),
    select: eventSelect,
  });
  return rows.map(toEventDto);
}

export const eventSelect = {
  id: true, eventId: true, timestamp: true, logicalId: true, physicalId: true, resourceType: true, status: true, reason: true,
} as const;

export function toEventDto(e: { id: bigint; eventId: string; timestamp: Date; logicalId: string; physicalId: string | null; resourceType: string; status: string; reason: string | null }): StackEventDto {
  return {
    id: e.id.toString(),
    eventId: e.eventId,
    timestamp: e.timestamp.toISOString(),
    logicalId: e.logicalId,
    physicalId: e.physicalId,
    resourceType: e.resourceType,
    status: e.status,
    reason: e.reason,
  };
}
