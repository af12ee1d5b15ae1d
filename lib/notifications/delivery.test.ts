import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { recordAudit } from "../audit/record.ts";
import { createDestination, deleteDestination, sendTestNotification } from "./commands.ts";
import { listDeliveryAttempts, listDestinations } from "./queries.ts";
import { dispatchDue, type DispatchOptions } from "./dispatch.ts";
import { closedPortUrl, startReceiver, type Receiver } from "./test-support.ts";

// Delivery end to end on PostgreSQL: audit entry -> outbox row (same transaction) -> the delivery round -> a local
// HTTP server, which checks the signature and the content; retries with backoff; destinations that refuse, fail
// or hang end failed after their attempts.

let db: Db;
let admin: Actor;
let env: string;
const receivers: Receiver[] = [];
const options: DispatchOptions = { timeoutMs: 300, maxAttempts: 3, retryBaseMs: 1_000, batchSize: 50 };
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  db = await testDb();
  admin = await makeActor("admin");
  // An environment of this file only: no other test's audit entries reach these destinations.
  env = `n${randomBytes(3).toString("hex")}`;
  await db.environment.create({ data: { key: env, name: `Notify ${env}` } });
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

const succeeded = (stack: string, deploymentId = crypto.randomUUID()) =>
  db.$transaction((tx) =>
    recordAudit(tx, { actor: "system", action: "deployment.succeeded", target: { type: "stack", id: stack }, environment: env, details: { deploymentId, status: "succeeded" } }),
  );

const deliveriesOf = (destinationId: string) =>
  db.notificationDelivery.findMany({ where: { destinationId }, orderBy: { createdAt: "asc" }, select: { status: true, attempts: true, lastStatusCode: true, lastError: true, auditSeq: true } });

describe("notification delivery", () => {
  it("signs a webhook with HMAC-SHA256 of the raw body and says what happened, with a link to the console", async () => {
    const r = await receiver();
    const secret = "a-shared-secret-of-some-length";
    const { destination, secret: shown } = await createDestination(db, { actor: admin, input: { environment: env, kind: "webhook", url: r.url, events: ["deployment.succeeded"], secret } });
    expect(shown).toBeUndefined(); // the admin chose it: it is never sent back
    expect(JSON.stringify(await listDestinations(db, admin, env))).not.toContain(secret);
    const stored = await db.notificationDestination.findUniqueOrThrow({ where: { id: destination.id }, select: { secretEncrypted: true } });
    expect(stored.secretEncrypted).not.toContain(secret);

    const deploymentId = crypto.randomUUID();
    const { seq } = await succeeded("staging-web", deploymentId);
    await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "deployment.started", target: { type: "stack", id: "staging-web" }, environment: env })); // not subscribed
    expect(await deliveriesOf(destination.id)).toEqual([expect.objectContaining({ status: "pending", auditSeq: seq })]);

    expect(await dispatchDue(db, options)).toMatchObject({ delivered: 1 });
    expect(r.received).toHaveLength(1);
    const [hit] = r.received;
    expect(hit!.headers["x-stackdeck-event"]).toBe("deployment.succeeded");
    expect(hit!.headers["x-stackdeck-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(hit!.body).digest("hex")}`);
    expect(hit!.headers["x-stackdeck-delivery"]).toBe(hit!.json.id);
    expect(Number(hit!.headers["x-stackdeck-timestamp"])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(hit!.json).toMatchObject({
      event: "deployment.succeeded", environment: env, auditSeq: seq.toString(), attempt: 1, target: { type: "stack", id: "staging-web" },
      summary: `Deployment succeeded: staging-web in ${env}`,
    });
    expect(hit!.json.url).toMatch(new RegExp(`^https?://[^/]+/deployments/${deploymentId}$`));

    const page = await listDeliveryAttempts(db, admin, { destination: destination.id, limit: 10 });
    expect(page.items).toEqual([expect.objectContaining({ event: "deployment.succeeded", statusCode: 200, ok: true, attempt: 1, deliveryStatus: "delivered" })]);
    expect(await dispatchDue(db, options)).toMatchObject({ attempted: 0 }); // delivered once, never again
  });

  it("is not written when the change it belongs to rolls back", async () => {
    const r = await receiver();
    const { destination } = await createDestination(db, { actor: admin, input: { environment: env, kind: "webhook", url: r.url, events: ["deployment.failed"] } });
    await expect(db.$transaction(async (tx) => {
      await recordAudit(tx, { actor: "system", action: "deployment.failed", target: { type: "stack", id: "x" }, environment: env });
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    expect(await deliveriesOf(destination.id)).toEqual([]);
    await deleteDestination(db, { actor: admin, input: { destinationId: destination.id } });
  });

  it("retries a destination that fails, with exponential backoff, until it answers", async () => {
    const r = await receiver((n) => (n < 3 ? 503 : 204));
    const { destination, secret } = await createDestination(db, { actor: admin, input: { environment: env, kind: "webhook", url: r.url, events: ["alarm.alarm"] } });
    expect(secret).toMatch(/^whsec_/); // generated, shown once
    await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "alarm.alarm", target: { type: "alarm", id: `${env}-cpu` }, environment: env, details: { reason: "CPU above 80%" } }));

    await dispatchDue(db, options);
    const first = await db.notificationDelivery.findFirstOrThrow({ where: { destinationId: destination.id }, select: { status: true, nextAttemptAt: true } });
    expect(first.status).toBe("pending");
    const firstDelay = first.nextAttemptAt.getTime() - Date.now();
    expect(firstDelay).toBeGreaterThan(500);
    expect(firstDelay).toBeLessThanOrEqual(1_000);
    expect(await dispatchDue(db, options)).toMatchObject({ attempted: 0 }); // not due yet

    await dispatchDue(db, options, later(1_100));
    const second = await db.notificationDelivery.findFirstOrThrow({ where: { destinationId: destination.id }, select: { status: true, nextAttemptAt: true } });
    expect(second.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(1_500); // doubled: 2 s
    await dispatchDue(db, options, later(2_100));

    expect(await deliveriesOf(destination.id)).toEqual([expect.objectContaining({ status: "delivered", attempts: 3, lastStatusCode: 204 })]);
    const attempts = (await listDeliveryAttempts(db, admin, { destination: destination.id, limit: 10 })).items;
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([[3, 204, true], [2, 503, false], [1, 503, false]]);
    expect(attempts[2]!.error).toContain("503");
    const firstPage = await listDeliveryAttempts(db, admin, { destination: destination.id, limit: 2 });
    expect(firstPage.items.map((a) => a.attempt)).toEqual([3, 2]);
    const rest = await listDeliveryAttempts(db, admin, { destination: destination.id, limit: 2, before: BigInt(firstPage.nextCursor!) });
    expect([rest.items.map((a) => a.attempt), rest.nextCursor]).toEqual([[1], null]);
    expect(r.received.map((h) => h.json.attempt)).toEqual([1, 2, 3]);
    expect(new Set(r.received.map((h) => h.json.id)).size).toBe(1); // the same delivery id every time
    expect(r.received[0]!.json.url).toMatch(new RegExp(`/alarms/${env}-cpu$`));
  });

  it("ends failed after its attempts when the destination refuses connections, answers 500 or hangs; a 4xx is not retried", async () => {
    const hanging = await receiver(() => "hang");
    const broken = await receiver(() => 500);
    const gone = await receiver(() => 410);
    const urls = { refused: await closedPortUrl(), broken: broken.url, hanging: hanging.url, gone: gone.url };
    const ids: Record<string, string> = {};
    for (const [name, url] of Object.entries(urls)) {
      ids[name] = (await createDestination(db, { actor: admin, input: { environment: env, kind: "webhook", url, events: ["deployment.failed"] } })).destination.id;
    }
    const started = Date.now();
    await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "deployment.failed", target: { type: "stack", id: "staging-api" }, environment: env }));
    expect(Date.now() - started).toBeLessThan(1_000); // writing the event never waits on a destination

    for (let round = 0; round < 3; round++) await dispatchDue(db, options, later(round * 5_000));
    expect((await deliveriesOf(ids.refused!))[0]).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: null, lastError: "Connection refused." });
    expect((await deliveriesOf(ids.broken!))[0]).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500 });
    expect((await deliveriesOf(ids.hanging!))[0]).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: null, lastError: "No answer within 300 ms (timed out)." });
    expect((await deliveriesOf(ids.gone!))[0]).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 410 });
    expect(hanging.received).toHaveLength(3);
    const attempts = (await listDeliveryAttempts(db, admin, { destination: ids.hanging, limit: 10 })).items;
    expect(attempts.every((a) => a.durationMs >= 250 && a.durationMs < 2_000)).toBe(true);
  });

  it("sends a Slack-compatible { text, blocks } message, and a test message on request", async () => {
    const r = await receiver();
    const { destination } = await createDestination(db, { actor: admin, input: { environment: env, kind: "slack", url: `${r.url}/T000/B000/XXXX`, events: ["approval.requested", "approval.decided"] } });
    expect(destination.url).not.toContain("XXXX"); // a Slack webhook's path is its credential
    await db.$transaction((tx) => recordAudit(tx, { actor: admin, action: "deployment.approval_requested", target: { type: "stack", id: "production-db" }, environment: env, details: { deploymentId: "d1" } }));
    await sendTestNotification(db, { actor: admin, input: { destinationId: destination.id } });
    await dispatchDue(db, options);
    expect(r.received).toHaveLength(2);
    const messages = r.received.map((h) => h.json as { text: string; blocks: { type: string }[] });
    expect(messages.map((m) => m.blocks.map((b) => b.type))).toEqual([["section", "context"], ["section", "context"]]);
    expect(messages.find((m) => m.text.startsWith("Approval requested"))!.text).toMatch(/production-db .*\/deployments\/d1$/);
    expect(messages.find((m) => m.text.startsWith("Test notification"))!.text).toContain(admin.email);
    expect(r.received[0]!.headers["x-stackdeck-signature"]).toBeUndefined();
  });

  it("refuses what it cannot send, with a clear error, and only admins may manage destinations", async () => {
    const input = { environment: env, kind: "webhook" as const, url: "ftp://example.com/x", events: ["deployment.failed" as const] };
    await expect(createDestination(db, { actor: admin, input })).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { url: ["Use an http:// or https:// URL."] } });
    await expect(createDestination(db, { actor: admin, input: { ...input, url: "not a url" } })).rejects.toMatchObject({ fieldErrors: { url: [expect.stringContaining("full URL")] } });
    await expect(createDestination(db, { actor: admin, input: { ...input, url: "https://x.example", environment: "nowhere" } })).rejects.toMatchObject({ fieldErrors: { environment: [expect.stringContaining("nowhere")] } });
    await expect(createDestination(db, { actor: admin, input: { ...input, url: "https://x.example", events: [] } })).rejects.toMatchObject({ fieldErrors: { events: ["Choose at least one event."] } });
    const deployer = await makeActor("deployer");
    await expect(createDestination(db, { actor: deployer, input: { ...input, url: "https://x.example" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listDeliveryAttempts(db, deployer, { limit: 10 })).rejects.toMatchObject({ code: "forbidden" });
  });
});
