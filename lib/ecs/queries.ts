import "server-only";
import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { StackEcsHealth, StoredEcsHealth } from "./types.ts";

/** The stack's ECS health as the refresh last stored it (never ECS itself), with when that was. */
export async function getStackEcsHealth(db: Db, actor: Actor, stackName: string): Promise<StoredEcsHealth> {
  const row = await db.stack.findUnique({
    where: { name: stackName },
    select: { name: true, region: true, environment: { select: { key: true, requiresApproval: true } }, ecsHealthSnapshot: { select: { health: true, refreshedAt: true } } },
  });
  if (!row) throw notFound(`Stack ${stackName}`);
  assertCan(actor, "stack:read", row.environment);
  const snapshot = row.ecsHealthSnapshot;
  if (!snapshot) return { stackName: row.name, region: row.region, cluster: null, services: [], missing: [], error: null, refreshedAt: null };
  return { ...(snapshot.health as unknown as StackEcsHealth), refreshedAt: snapshot.refreshedAt.toISOString() };
}
