import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEvents } from "../deployments/tracker/events.ts";
import { createDeployingRecord, uniqueStackName, useOwnDatabase, waitFor } from "../deployments/tracker/testing.ts";
import type { StackEventRecord } from "../aws/cloudformation.ts";
import { deploymentEventStream } from "./deployment-stream.ts";
import { createDeploymentListener, type DeploymentListener } from "./listener.ts";
import { notifyDeploymentChanged } from "./notify.ts";
import { listEventsAfter } from "./queries.ts";

let listener: DeploymentListener;
let dropDatabase: () => Promise<void>;
beforeAll(async () => {
  // Its own database: pg_terminate_backend below must not reach another file's listener.
  dropDatabase = await useOwnDatabase("realtime");
  listener = createDeploymentListener(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await listener?.close();
  await dropDatabase?.();
});

function fakeEvents(prefix: string, count: number, from = 0): StackEventRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${prefix}-${from + i}`,
    stackId: "arn:aws:cloudformation:us-east-1:000000000000:stack/x/1",
    stackName: "x",
    timestamp: new Date(Date.now() + from + i),
    logicalId: `P${from + i}`,
    physicalId: null,
    resourceType: "AWS::SSM::Parameter",
    status: "CREATE_COMPLETE",
    reason: null,
    clientRequestToken: null,
  }));
}

/** Reads SSE messages as { event, id, data } until `until` says stop or the stream ends. */
async function readMessages(stream: ReadableStream<Uint8Array>, until: (messages: SseMessage[]) => boolean, timeoutMs = 10_000) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = "";
  let ended = false;
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  while (!until(messages)) {
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = Object.fromEntries(block.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
      if (fields.data !== undefined) messages.push({ event: fields.event ?? "message", id: fields.id, data: JSON.parse(fields.data) });
    }
  }
  clearTimeout(deadline);
  reader.releaseLock();
  return { messages, ended };
}
interface SseMessage {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

describe("live delivery", () => {
  it("fans a NOTIFY out to that deployment's subscribers only, and again after the connection drops", async () => {
    const { db, deploymentId } = await createDeployingRecord({ stackName: uniqueStackName("notify"), changes: [] });
    let hits = 0;
    let others = 0;
    const unsubscribe = listener.subscribe(deploymentId, () => hits++);
    const unsubscribeOther = listener.subscribe("00000000-0000-0000-0000-000000000000", () => others++);
    await listener.ready();
    await notifyDeploymentChanged(db, deploymentId);
    await waitFor(async () => hits, (n) => n === 1, 5_000, "the notification");
    expect(others).toBe(0);

    // Kill the listening connection: it reconnects, tells every subscriber to re-read, and keeps delivering.
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'stackdeck-listener' AND datname = current_database()`;
    await waitFor(async () => others, (n) => n >= 1, 10_000, "the reconnect");
    const before = hits;
    await notifyDeploymentChanged(db, deploymentId);
    await waitFor(async () => hits, (n) => n > before, 5_000, "a notification after the reconnect");
    unsubscribe();
    unsubscribeOther();
    expect(listener.subscriberCount()).toBe(0);
  });

  it("streams the events after a given id, then new ones as they are stored, and ends with the final status", async () => {
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName: uniqueStackName("sse"), changes: ["P0", "P1", "P2", "P3", "P4"] });
    await storeEvents(db, stackId, deploymentId, fakeEvents(deploymentId, 3));
    const stored = await listEventsAfter(db, deploymentId, 0n);
    const controller = new AbortController();
    const stream = deploymentEventStream({ db, deploymentId, after: BigInt(stored[0]!.id), listener, signal: controller.signal, recheckMs: 60_000 });

    const first = await readMessages(stream, (m) => m.some((x) => x.event === "deployment"));
    expect(first.messages.filter((m) => m.event === "message").map((m) => m.data.eventId)).toEqual([stored[1]!.eventId, stored[2]!.eventId]);
    expect(first.messages.filter((m) => m.event === "message").map((m) => m.id)).toEqual([stored[1]!.id, stored[2]!.id]);
    expect(first.messages.find((m) => m.event === "deployment")!.data).toMatchObject({ status: "deploying", resourcesTotal: 5 });

    await storeEvents(db, stackId, deploymentId, fakeEvents(deploymentId, 2, 3));
    await notifyDeploymentChanged(db, deploymentId);
    const next = await readMessages(stream, (m) => m.filter((x) => x.event === "message").length >= 2);
    expect(next.messages.map((m) => m.data.eventId)).toEqual([`${deploymentId}-3`, `${deploymentId}-4`]);

    await db.deployment.update({ where: { id: deploymentId }, data: { status: "succeeded", resourcesDone: 5, finishedAt: new Date() } });
    await notifyDeploymentChanged(db, deploymentId);
    const last = await readMessages(stream, () => false);
    expect(last.ended).toBe(true);
    expect(last.messages.at(-1)).toMatchObject({ event: "deployment", data: { status: "succeeded", resourcesDone: 5 } });
    expect(listener.subscriberCount()).toBe(0);
  });

  it("stops and unsubscribes when the client goes away", async () => {
    const { db, deploymentId } = await createDeployingRecord({ stackName: uniqueStackName("gone"), changes: [] });
    const controller = new AbortController();
    const stream = deploymentEventStream({ db, deploymentId, after: 0n, listener, signal: controller.signal });
    await readMessages(stream, (m) => m.length > 0);
    expect(listener.subscriberCount()).toBe(1);
    controller.abort();
    expect(listener.subscriberCount()).toBe(0);
  });
});
