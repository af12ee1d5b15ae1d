import { TEMPLATE_DIR, appTemplate, names, writeTemplate } from "../deployments/test-support/env.ts";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import { databaseUrl } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { executeDeployment, requestChange } from "../deployments/commands.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { startBoss, type BossHandle } from "../deployments/tracker/boss.ts";
import { DEFAULT_TIMING } from "../deployments/tracker/timing.ts";
import { createDestination } from "./commands.ts";
import { startNotificationDelivery } from "./job.ts";
import { closedPortUrl, startReceiver, type Receiver } from "./test-support.ts";

// A real deployment (sandbox, state machine, audit) with the real delivery job (pg-boss) running beside it: the
// deployment's own events reach a good webhook, signed and linked to the deployment's page, while a destination
// that hangs and one that refuses connections end failed after their attempts, and the deployment never waits.

let sandbox: TestSandbox;
let db: Db;
let admin: Actor;
let deployer: Actor;
let boss: BossHandle;
const stopping = new AbortController();
const receivers: Receiver[] = [];
const stack = `staging-${names.app}`;
const SECRET = "deployment-notifications-secret";

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", NOTIFY_DISPATCH_SECONDS: "0.5" });
  db = await testDb();
  [admin, deployer] = await Promise.all([makeActor("admin"), makeActor("deployer")]);
  writeTemplate(names.app, appTemplate());
  await syncTemplateCatalog(db, TEMPLATE_DIR);
  boss = await startBoss(databaseUrl(), DEFAULT_TIMING, "worker");
  await startNotificationDelivery({ boss: boss.boss, db, signal: stopping.signal, dispatch: { timeoutMs: 1_500, maxAttempts: 2, retryBaseMs: 200, batchSize: 50 } });
});
afterAll(async () => {
  stopping.abort();
  await boss?.close();
  await Promise.all(receivers.map((r) => r.close()));
  sandbox?.close();
});

const events = ["deployment.started", "deployment.succeeded"] as const;
const ofStack = (destinationId: string) =>
  db.notificationDelivery.findMany({ where: { destinationId, payload: { path: ["target", "id"], equals: stack } }, select: { event: true, status: true, attempts: true, lastError: true } });

describe("notifications of a deployment", () => {
  it("reach a good destination while bad ones fail on their own, and the deployment never waits for them", async () => {
    const good = await startReceiver(() => 200);
    const hanging = await startReceiver(() => "hang");
    receivers.push(good, hanging);
    const goodId = (await createDestination(db, { actor: admin, input: { environment: "staging", kind: "webhook", url: good.url, events: [...events], secret: SECRET } })).destination.id;
    const hangingId = (await createDestination(db, { actor: admin, input: { environment: "staging", kind: "webhook", url: hanging.url, events: [...events] } })).destination.id;
    const refusedId = (await createDestination(db, { actor: admin, input: { environment: "staging", kind: "webhook", url: await closedPortUrl(), events: [...events] } })).destination.id;

    const started = await requestChange(db, { actor: deployer, input: { environment: "staging", template: names.app, action: "create", parameters: { Message: "notify" } } });
    expect(await finishPreview(db, started.id)).toBe("ready");
    await executeDeployment(db, { actor: deployer, input: { deploymentId: started.id } });
    expect(await track(db, started.id)).toBe("succeeded");

    const mine = () => good.received.filter((h) => (h.json.target as { id?: string } | null)?.id === stack);
    await expect.poll(() => mine().map((h) => h.json.event).sort(), { timeout: 20_000 }).toEqual(["deployment.started", "deployment.succeeded"]);
    for (const hit of mine()) {
      expect(hit.headers["x-stackdeck-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(hit.body).digest("hex")}`);
      expect(hit.json.url).toMatch(new RegExp(`/deployments/${started.id}$`));
    }
    await expect.poll(async () => (await ofStack(goodId)).map((d) => `${d.event} ${d.status} ${d.attempts}`).sort(), { timeout: 5_000 })
      .toEqual(["deployment.started delivered 1", "deployment.succeeded delivered 1"]);

    // Two attempts each (maxAttempts 2), then failed, with why.
    await expect.poll(async () => (await ofStack(hangingId)).map((d) => `${d.event} ${d.status} ${d.attempts}`).sort(), { timeout: 25_000 })
      .toEqual(["deployment.started failed 2", "deployment.succeeded failed 2"]);
    expect((await ofStack(hangingId))[0]!.lastError).toMatch(/timed out/);
    await expect.poll(async () => (await ofStack(refusedId)).map((d) => `${d.status} ${d.lastError}`), { timeout: 10_000 })
      .toEqual(["failed Connection refused.", "failed Connection refused."]);
  });
});
