import { inBaseAccount } from "../../aws/testing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestSandbox } from "../../../sandbox/testing/harness.ts";
import { testDb } from "../../testing/fixtures.ts";
import { startTracker, pollDeployment, type Tracker } from "./index.ts";
import { fetchNewEvents, storeEvents } from "./events.ts";
import { JOBS_SCHEMA } from "./timing.ts";
import {
  useOwnDatabase, chainTemplate, createDeployingRecord, createStackIn, logicalIds, sandboxEventIds, startSandboxForApp, uniqueStackName, updateStackIn, waitFor, waitForStack,
} from "./testing.ts";

let sandbox: TestSandbox;
let dropDatabase: () => Promise<void>;
const trackers: Tracker[] = [];
// Short leases so an abandoned job is taken over within seconds (production: 15 s slices, 30 s leases).
const FAST = { pollIntervalMs: 250, sliceMs: 2_000, leaseSeconds: 3, maintenanceSeconds: 1, sweepMs: 2_000, concurrency: 4 };

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("tracker");
  sandbox = await startSandboxForApp();
});
afterAll(async () => {
  for (const tracker of trackers) await tracker.stop().catch(() => undefined);
  await sandbox?.close();
  await dropDatabase?.();
});

async function tracker(): Promise<Tracker> {
  const started = await startTracker({ databaseUrl: process.env.DATABASE_URL!, ...FAST });
  trackers.push(started);
  return started;
}

async function finished(deploymentId: string, timeoutMs = 40_000) {
  const db = await testDb();
  return waitFor(
    () => db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true, resourcesDone: true, resourcesTotal: true, eventsCount: true, resultReason: true } }),
    (d) => d.status !== "deploying",
    timeoutMs,
    "the deployment to finish",
  );
}

async function storedEventIds(deploymentId: string): Promise<string[]> {
  const db = await testDb();
  return (await db.stackEvent.findMany({ where: { deploymentId }, select: { eventId: true }, orderBy: { id: "asc" } })).map((e) => e.eventId);
}

async function activeJobs(deploymentId: string): Promise<number> {
  const db = await testDb();
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE singleton_key = $1 AND state = 'active'`, deploymentId);
  return rows[0]!.n;
}

describe("deployment tracker", () => {
  it("on start, resumes a deployment that was deploying without a tracking job", async () => {
    const stackName = uniqueStackName("resume");
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: logicalIds(3) });
    await createStackIn(sandbox, db, stackId, stackName, chainTemplate(3));
    await tracker(); // no enqueue: the start-up sweep finds it
    expect(await finished(deploymentId)).toMatchObject({ status: "succeeded", resourcesDone: 3 });
  });

  it("tracks a deployment to its end with every event stored once, even with two trackers running", async () => {
    const stackName = uniqueStackName("track");
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: logicalIds(5) });
    const since = (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { startedAt: true } })).startedAt!;
    await createStackIn(sandbox, db, stackId, stackName, chainTemplate(5));
    const [a, b] = [await tracker(), await tracker()];
    await Promise.all([a.enqueue(deploymentId), b.enqueue(deploymentId)]);
    // The stately queue lets one slice hold the deployment at a time, whichever process runs it.
    let maxActive = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxActive = Math.max(maxActive, await activeJobs(deploymentId));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const result = await finished(deploymentId);
    sampling = false;
    await sampler;
    expect(maxActive).toBe(1);
    expect(result).toMatchObject({ status: "succeeded", resourcesDone: 5, resourcesTotal: 5 });
    const stored = await storedEventIds(deploymentId);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.sort()).toEqual((await sandboxEventIds(sandbox, stackName, since)).sort());
    expect(result.eventsCount).toBe(stored.length);
    expect((await db.stack.findUniqueOrThrow({ where: { id: stackId }, select: { status: true } })).status).toBe("CREATE_COMPLETE");

    // Repeated and concurrent polls after the end add nothing: ON CONFLICT (event_id) keeps each event once.
    await db.deployment.update({ where: { id: deploymentId }, data: { status: "deploying" } });
    await Promise.all([pollDeployment({ db, clockSkewMs: 0 }, deploymentId), pollDeployment({ db, clockSkewMs: 0 }, deploymentId)]);
    expect(await storedEventIds(deploymentId)).toHaveLength(stored.length);
  });

  it("stores a batch once when two pollers insert the same events concurrently", inBaseAccount(async () => {
    const stackName = uniqueStackName("conflict");
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: logicalIds(2) });
    await createStackIn(sandbox, db, stackId, stackName, chainTemplate(2));
    const { events } = await fetchNewEvents(db, { region: "us-east-1", stackRef: stackName, since: new Date(0) });
    expect(events.length).toBeGreaterThan(0);
    const inserted = await Promise.all([1, 2, 3].map(() => storeEvents(db, stackId, deploymentId, events)));
    expect(inserted.reduce((sum, n) => sum + n, 0)).toBe(events.length);
    expect(await storedEventIds(deploymentId)).toHaveLength(events.length);
  }));

  it("pages back only to the operation's start or the last stored event", inBaseAccount(async () => {
    await sandbox.config({ speed: 0.001 });
    try {
      const stackName = uniqueStackName("paging");
      const { db, stackId, deploymentId: createId } = await createDeployingRecord({ stackName, changes: [] });
      await createStackIn(sandbox, db, stackId, stackName, chainTemplate(60));
      await waitForStack(sandbox.cfn, stackName);
      await db.deployment.update({ where: { id: createId }, data: { status: "succeeded" } });
      const updateStart = new Date();
      await updateStackIn(sandbox, stackName, chainTemplate(60, 1, 3));
      await waitForStack(sandbox.cfn, stackName);
      const updateEvents = await sandboxEventIds(sandbox, stackName, updateStart);
      expect(updateEvents.length).toBeGreaterThanOrEqual(8);
      const first = await fetchNewEvents(db, { region: "us-east-1", stackRef: stackName, since: updateStart });
      // More than a page of history (the create's 120+ events) exists, but the update fits in the first page.
      expect(first.calls).toBe(1);
      expect(first.events.map((e) => e.eventId).sort()).toEqual(updateEvents.sort());
      const stored = await createDeployingRecord({ stackName, changes: [], action: "update", stackId });
      await storeEvents(db, stackId, stored.deploymentId, first.events);
      const again = await fetchNewEvents(db, { region: "us-east-1", stackRef: stackName, since: new Date(0) });
      expect(again).toEqual({ events: [], calls: 1 });
    } finally {
      await sandbox.config({ speed: 0.05 });
    }
  }));

  it("resumes after the tracker is killed mid-deployment and loses no event", async () => {
    const stackName = uniqueStackName("killed");
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: logicalIds(40) });
    const since = (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { startedAt: true } })).startedAt!;
    await createStackIn(sandbox, db, stackId, stackName, chainTemplate(40)); // about 6 s at this sandbox speed
    const first = await tracker();
    await first.enqueue(deploymentId);
    await waitFor(() => storedEventIds(deploymentId), (ids) => ids.length >= 4, 15_000, "the first events");
    await first.stop({ abrupt: true });
    // The killed worker's job still holds the lease; nothing completed or failed it.
    expect(await activeJobs(deploymentId)).toBe(1);
    const storedAtKill = (await storedEventIds(deploymentId)).length;

    await tracker(); // a fresh worker: its resume step and pg-boss's expiration hand the deployment over
    const result = await finished(deploymentId, 60_000);
    expect(result.status).toBe("succeeded");
    const stored = await storedEventIds(deploymentId);
    expect(stored.length).toBeGreaterThan(storedAtKill);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.sort()).toEqual((await sandboxEventIds(sandbox, stackName, since)).sort());
  }, 90_000);

  it("tracks to the end while 30% of CloudFormation calls are throttled", async () => {
    const stackName = uniqueStackName("throttled");
    const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: logicalIds(40) });
    const since = (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { startedAt: true } })).startedAt!;
    // Slow enough (40 x 3 s x 0.05 = 6 s) that the tracker polls a dozen times while it runs: with only a couple of
    // calls, "none of them was throttled" would be a likely outcome on a loaded machine, not a bug.
    await sandbox.config({ speed: 0.05 });
    await createStackIn(sandbox, db, stackId, stackName, chainTemplate(40));
    await sandbox.config({ throttleRate: 0.3 });
    const throttledBefore = ((await sandbox.stats()) as { throttled: number }).throttled;
    const running = await tracker();
    try {
      await running.enqueue(deploymentId);
      const result = await finished(deploymentId, 90_000);
      expect(result).toMatchObject({ status: "succeeded", resourcesDone: 40 });
      expect(((await sandbox.stats()) as { throttled: number }).throttled).toBeGreaterThan(throttledBefore);
    } finally {
      await sandbox.config({ throttleRate: 0 });
    }
    const stored = await storedEventIds(deploymentId);
    expect(stored.sort()).toEqual((await sandboxEventIds(sandbox, stackName, since)).sort());
  }, 120_000);
});
