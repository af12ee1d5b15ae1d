import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { DeliveryFilter } from "./schema.ts";
import type { DeliveryAttemptPage, DestinationDto } from "./types.ts";

/** A Slack incoming webhook's path is its credential; a webhook's query string may be one too. */
export function displayUrl(kind: string, raw: string): string {
  try {
    const url = new URL(raw);
    return kind === "slack" ? `${url.origin}/…` : `${url.origin}${url.pathname}${url.search ? "?…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

const DESTINATION = {
  id: true, environmentKey: true, kind: true, url: true, events: true, secretEncrypted: true, createdBy: true, createdAt: true,
  deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, lastStatusCode: true, createdAt: true, finishedAt: true } },
} as const;

/** Every destination not deleted, by environment then age. Admins only. */
export async function listDestinations(db: Db, actor: Actor, environment?: string): Promise<DestinationDto[]> {
  assertCan(actor, "notifications:manage");
  const rows = await db.notificationDestination.findMany({
    where: { deletedAt: null, ...(environment ? { environmentKey: environment } : {}) },
    orderBy: [{ environmentKey: "asc" }, { createdAt: "asc" }],
    select: DESTINATION,
    take: 500,
  });
  return rows.map((row) => {
    const last = row.deliveries[0];
    return {
      id: row.id,
      environment: row.environmentKey,
      kind: row.kind as DestinationDto["kind"],
      url: displayUrl(row.kind, row.url),
      events: row.events as string[],
      signed: row.secretEncrypted !== null,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      lastDelivery: last ? { status: last.status, statusCode: last.lastStatusCode, at: (last.finishedAt ?? last.createdAt).toISOString() } : null,
    };
  });
}

/** Every HTTP attempt, newest first, with its delivery's current status; pass nextCursor back as `before`. */
export async function listDeliveryAttempts(db: Db, actor: Actor, filter: DeliveryFilter): Promise<DeliveryAttemptPage> {
  assertCan(actor, "notifications:manage");
  const rows = await db.notificationAttempt.findMany({
    where: {
      ...(filter.before ? { id: { lt: filter.before } } : {}),
      delivery: {
        ...(filter.destination ? { destinationId: filter.destination } : {}),
        ...(filter.environment ? { destination: { environmentKey: filter.environment } } : {}),
      },
    },
    orderBy: { id: "desc" },
    take: filter.limit + 1,
    select: {
      id: true, attempt: true, ok: true, statusCode: true, error: true, durationMs: true, startedAt: true,
      delivery: {
        select: { id: true, event: true, status: true, nextAttemptAt: true, destination: { select: { id: true, environmentKey: true, kind: true, url: true } } },
      },
    },
  });
  const items = rows.slice(0, filter.limit).map((row) => ({
    id: row.id.toString(),
    deliveryId: row.delivery.id,
    destinationId: row.delivery.destination.id,
    environment: row.delivery.destination.environmentKey,
    kind: row.delivery.destination.kind,
    url: displayUrl(row.delivery.destination.kind, row.delivery.destination.url),
    event: row.delivery.event,
    attempt: row.attempt,
    ok: row.ok,
    statusCode: row.statusCode,
    error: row.error,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
    deliveryStatus: row.delivery.status,
    nextAttemptAt: row.delivery.status === "pending" ? row.delivery.nextAttemptAt.toISOString() : null,
  }));
  return { items, nextCursor: rows.length > filter.limit ? items.at(-1)!.id : null };
}
