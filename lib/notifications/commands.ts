import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { TEST_EVENT } from "./events.ts";
import { buildPayload } from "./message.ts";
import { encryptSecret, newWebhookSecret } from "./secrets.ts";
import { destinationSchema, type DestinationInput } from "./schema.ts";
import { listDestinations } from "./queries.ts";
import type { CreatedDestination } from "./types.ts";

interface Command<I> {
  actor: Actor;
  input: I;
  meta?: RequestMeta;
}

const hostOf = (url: string) => new URL(url).host;

/**
 * Adds a destination for an environment's events. A webhook is always signed: with the secret given, or with one
 * generated here and returned this once. Admins only; audited (without the URL's path or the secret).
 */
export async function createDestination(db: Db, { actor, input: raw, meta }: Command<DestinationInput>): Promise<CreatedDestination> {
  assertCan(actor, "notifications:manage");
  const input = parseInput(destinationSchema, raw);
  const environment = await db.environment.findUnique({ where: { key: input.environment }, select: { key: true } });
  if (!environment) throw new AppError("validation_failed", "Some fields are not valid.", { environment: [`There is no environment "${input.environment}".`] });
  const generated = input.kind === "webhook" && !input.secret ? newWebhookSecret() : undefined;
  const secret = input.kind === "webhook" ? (input.secret ?? generated!) : null;
  const id = await db.$transaction(async (tx) => {
    const row = await tx.notificationDestination.create({
      data: { environmentKey: environment.key, kind: input.kind, url: input.url, events: input.events, secretEncrypted: secret ? encryptSecret(secret) : null, createdBy: actor.email },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor, action: "notification.destination_created", target: { type: "notification_destination", id: row.id }, environment: environment.key, meta,
      details: { kind: input.kind, host: hostOf(input.url), events: input.events, signed: secret !== null },
    });
    return row.id;
  });
  const destination = (await listDestinations(db, actor, environment.key)).find((d) => d.id === id)!;
  return generated ? { destination, secret: generated } : { destination };
}

async function liveDestination(db: Db, destinationId: string) {
  const row = await db.notificationDestination.findFirst({ where: { id: destinationId, deletedAt: null }, select: { id: true, environmentKey: true, kind: true, url: true } });
  if (!row) throw notFound("That notification destination");
  return row;
}

/** Stops sending to a destination; its deliveries stay listed, and the ones still waiting end failed. */
export async function deleteDestination(db: Db, { actor, input, meta }: Command<{ destinationId: string }>): Promise<void> {
  assertCan(actor, "notifications:manage");
  const row = await liveDestination(db, input.destinationId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.notificationDestination.updateMany({ where: { id: row.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (!count) throw notFound("That notification destination");
    await tx.notificationDelivery.updateMany({
      where: { destinationId: row.id, status: "pending", leasedUntil: null },
      data: { status: "failed", finishedAt: new Date(), lastError: "The destination was deleted; not sent." },
    });
    await recordAudit(tx, {
      actor, action: "notification.destination_deleted", target: { type: "notification_destination", id: row.id }, environment: row.environmentKey, meta,
      details: { kind: row.kind, host: hostOf(row.url) },
    });
  });
}

/** Queues a test message to one destination; the delivery job sends it like any other (retries included). */
export async function sendTestNotification(db: Db, { actor, input, meta }: Command<{ destinationId: string }>): Promise<{ deliveryId: string }> {
  assertCan(actor, "notifications:manage");
  const row = await liveDestination(db, input.destinationId);
  const deliveryId = randomUUID();
  await db.$transaction(async (tx) => {
    const { seq } = await recordAudit(tx, {
      actor, action: "notification.test_sent", target: { type: "notification_destination", id: row.id }, environment: row.environmentKey, meta,
      details: { kind: row.kind, host: hostOf(row.url), deliveryId },
    });
    const payload = buildPayload(
      deliveryId,
      TEST_EVENT,
      { seq, occurredAt: new Date(), action: TEST_EVENT, environment: row.environmentKey, actorLabel: actor.email, target: { type: "notification_destination", id: row.id }, details: {} },
      `Test notification from Stackdeck for ${row.environmentKey}, sent by ${actor.email}`,
    );
    await tx.notificationDelivery.create({ data: { id: deliveryId, destinationId: row.id, event: TEST_EVENT, auditSeq: seq, payload: payload as object }, select: { id: true } });
  });
  return { deliveryId };
}
