import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client.ts";
import { eventOfAuditAction } from "./events.ts";
import { buildPayload, type AuditFacts } from "./message.ts";

/**
 * Called by recordAudit in the audit entry's transaction: one outbox row per destination of the entry's environment
 * subscribed to its event. Committed with the change or not at all; (destination, audit seq) is unique, so writing
 * twice is harmless. Delivery happens later, in the worker (dispatch.ts): nothing here waits on a network.
 */
export async function enqueueNotifications(tx: Tx, facts: Omit<AuditFacts, "environment"> & { environment: string | null }): Promise<number> {
  const event = eventOfAuditAction(facts.action);
  if (!event || !facts.environment) return 0;
  const destinations = await tx.notificationDestination.findMany({
    where: { environmentKey: facts.environment, deletedAt: null, events: { array_contains: [event] } },
    select: { id: true },
  });
  if (!destinations.length) return 0;
  const { count } = await tx.notificationDelivery.createMany({
    data: destinations.map((d) => {
      const id = randomUUID();
      return { id, destinationId: d.id, event, auditSeq: facts.seq, payload: buildPayload(id, event, { ...facts, environment: facts.environment! }) as object };
    }),
    skipDuplicates: true,
  });
  return count;
}
